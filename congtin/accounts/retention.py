"""The security log keeps ``SECURITY_LOG_RETENTION_DAYS`` days of events."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .models import SecurityLogEntry

DAY_KEY = "accounts-security-log-purged"


def expired(now=None):
    """The entries older than the retention period (none when it is 0)."""
    days = int(settings.SECURITY_LOG_RETENTION_DAYS)
    if days <= 0:
        return SecurityLogEntry.objects.none()
    cutoff = (now or timezone.now()) - timedelta(days=days)
    return SecurityLogEntry.objects.filter(timestamp__lt=cutoff)


def purge(now=None) -> int:
    """Delete the entries older than the retention period; how many went."""
    deleted, _ = expired(now).delete()
    return deleted


def purge_daily() -> str | None:
    """The scheduler's per-minute hook: purges at the first tick of each local
    day (again after a restart of the scheduler: a second purge finds nothing)."""
    today = timezone.localdate().isoformat()
    if cache.get(DAY_KEY) == today:
        return None
    deleted = purge()
    cache.set(DAY_KEY, today, 2 * 24 * 3600)
    if deleted:
        return f"Đã xóa {deleted} mục nhật ký bảo mật quá hạn lưu giữ."
    return None
