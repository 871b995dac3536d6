"""Contact messages are personal data: kept ``CONTACT_RETENTION_DAYS`` days."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .models import ContactMessage

DAY_KEY = "contact-messages-purged"


def expired(now=None):
    """The messages sent before the retention period (none when it is 0)."""
    days = int(getattr(settings, "CONTACT_RETENTION_DAYS", 365))
    if days <= 0:
        return ContactMessage.objects.none()
    cutoff = (now or timezone.now()) - timedelta(days=days)
    return ContactMessage.objects.filter(created_at__lt=cutoff)


def purge(now=None) -> int:
    """Delete the messages past the retention period; how many went."""
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
        return f"Đã xóa {deleted} thư liên hệ quá hạn lưu giữ."
    return None
