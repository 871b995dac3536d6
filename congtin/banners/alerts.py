"""Raising and lowering the emergency alert, and who may.

Only one alert is up at a time: raising a new one lowers the one before. Each save
moves the chrome version on and empties the page cache of every portal, the edge
cache's too (``apps.py``: ``chrome.invalidate_on_change``), once the transaction
commits; every page shows the change at its next request.
"""

from django.db import transaction
from django.utils import timezone

from congtin.portals.access import portals_for
from congtin.portals.models import Role
from congtin.portals.sites import city_site

from .models import EmergencyAlert


def may_raise(user) -> bool:
    """The city portal's chief editors, the administrators ("Quản trị") and
    superusers: an alert shows on every portal, so a district does not raise one."""
    if not user.is_authenticated or not user.is_active:
        return False
    sites = portals_for(user, roles=(Role.CHIEF,))
    if sites is None:
        return True
    city = city_site(user)
    return city is not None and any(site.pk == city.pk for site in sites)


@transaction.atomic
def raise_alert(alert: EmergencyAlert, user) -> EmergencyAlert:
    """Save ``alert`` as the one shown, lowering any other still up."""
    now = timezone.now()
    for previous in EmergencyAlert.objects.select_for_update().current(now):
        _lower(previous, user, now)
    alert.raised_at = now
    alert.raised_by = user
    alert.lowered_at = None
    alert.save()
    return alert


def lower_alert(alert: EmergencyAlert, user) -> None:
    _lower(alert, user, timezone.now())


def _lower(alert: EmergencyAlert, user, when) -> None:
    alert.lowered_at = when
    alert.lowered_by = user
    alert.save(update_fields=["lowered_at", "lowered_by"])


def lower_expired() -> str | None:
    """The scheduler's every-minute job: an alert past its end time is lowered
    (saved, so every page is purged)."""
    now = timezone.now()
    expired = list(
        EmergencyAlert.objects.filter(lowered_at__isnull=True, ends_at__lte=now)
    )
    for alert in expired:
        # Lowered at its end time, by nobody: the log says it ran out.
        _lower(alert, None, alert.ends_at)
    if expired:
        return f"Đã tự hạ {len(expired)} cảnh báo khẩn hết hạn."
    return None
