"""Contact messages are personal data: kept ``CONTACT_RETENTION_DAYS`` days."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from congtin.editorial.minute_jobs import once_a_day

from .models import ContactMessage

DAY_KEY = "contact-messages-purged"


def expired(now=None):
    """The messages sent before the retention period (none when it is 0)."""
    days = int(settings.CONTACT_RETENTION_DAYS)
    if days <= 0:
        return ContactMessage.objects.none()
    cutoff = (now or timezone.now()) - timedelta(days=days)
    return ContactMessage.objects.filter(created_at__lt=cutoff)


def purge(now=None) -> int:
    """Delete the messages past the retention period; how many went."""
    deleted, _ = expired(now).delete()
    return deleted


def purge_daily() -> str | None:
    """The scheduler's per-minute hook: purges at the first tick of each local day."""
    return once_a_day(DAY_KEY, _purge_and_say)


def _purge_and_say() -> str | None:
    deleted = purge()
    if deleted:
        return f"Đã xóa {deleted} thư liên hệ quá hạn lưu giữ."
    return None
