from django.utils import timezone
from wagtail import hooks

from . import store
from .purge import public_content_changed

DAY_KEY = "pagecache-day"


# The scheduler's per-minute hook (congtin.editorial.scheduler.EVERY_MINUTE, named
# here by its value: this app imports no other congtin app).
@hooks.register("congtin_every_minute")
def purge_on_a_new_day() -> str | None:
    """Pages say what is on today (the leaders' schedule, a consultation's or a
    document's status by date): at the first tick of a new local day, every page
    is stale."""
    today = timezone.localdate().isoformat()
    cache = store.shared_cache()
    previous = cache.get(DAY_KEY)
    if previous == today:
        return None
    cache.set(DAY_KEY, today, None)
    if previous is None:
        return None
    public_content_changed()
    return "Đã làm mới bộ đệm trang cho ngày mới."
