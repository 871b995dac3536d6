"""A dialogue starting or ending changes what its page says (status, the live
script, the link to the form): the scheduler's per-minute round empties the page
cache when one of them passed since the round before."""

from datetime import UTC, datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from congtin.pagecache import purge, store

from .models import DialoguePage

LAST_ROUND_KEY = "dialogues-clock"


def purge_on_start_or_end() -> str | None:
    now = timezone.now()
    cache = store.shared_cache()
    previous = cache.get(LAST_ROUND_KEY)
    cache.set(LAST_ROUND_KEY, now.timestamp(), None)
    since = (
        datetime.fromtimestamp(previous, tz=UTC)
        if previous is not None
        else now - timedelta(minutes=1)
    )
    passed = Q(starts_at__gt=since, starts_at__lte=now) | Q(
        ends_at__gt=since, ends_at__lte=now
    )
    if not DialoguePage.objects.live().filter(passed).exists():
        return None
    purge.public_content_changed()
    return "Đã làm mới bộ đệm trang: một buổi đối thoại vừa bắt đầu hoặc kết thúc."
