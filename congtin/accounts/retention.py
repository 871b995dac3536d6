"""The security log keeps ``SECURITY_LOG_RETENTION_DAYS`` days of events."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from congtin.editorial.minute_jobs import once_a_day

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
    """The scheduler's per-minute hook: purges at the first tick of each local day."""
    return once_a_day(DAY_KEY, _purge_and_say)


def _purge_and_say() -> str | None:
    deleted = purge()
    if deleted:
        return f"Đã xóa {deleted} mục nhật ký bảo mật quá hạn lưu giữ."
    return None
