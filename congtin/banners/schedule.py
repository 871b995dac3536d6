"""Banners and link blocks that start or end showing: pages are cached whole, so the
scheduler's every-minute round empties the page cache (and rebuilds the chrome)
when one of them crossed its first or last moment since the round before."""

from django.db.models import Q
from django.utils import timezone

from congtin.core import chrome
from congtin.pagecache import store
from congtin.pagecache.purge import public_content_changed

from .models import Banner, LinkBlock

LAST_TICK_KEY = "banners-last-tick"


def crossed(since, now) -> bool:
    boundary = Q(shows_from__gt=since, shows_from__lte=now) | Q(
        shows_until__gt=since, shows_until__lte=now
    )
    return any(
        model.objects.filter(boundary, is_active=True).exists()
        for model in (Banner, LinkBlock)
    )


def purge_at_boundaries() -> str | None:
    now = timezone.now()
    cache = store.shared_cache()
    since = cache.get(LAST_TICK_KEY)
    cache.set(LAST_TICK_KEY, now, None)
    if since is None or not crossed(since, now):
        return None
    chrome.invalidate()
    public_content_changed()
    return (
        "Đã làm mới các trang: banner hoặc khối liên kết bắt đầu hay hết hạn hiển thị."
    )
