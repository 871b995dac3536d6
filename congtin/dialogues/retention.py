"""An asker's contact is kept ``DIALOGUES_CONTACT_RETENTION_DAYS`` days after the
dialogue ended, then emptied; name, place, question and answer stay (they may be
in the published transcript)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from congtin.editorial.minute_jobs import once_a_day

from .models import DialogueQuestion

DAY_KEY = "dialogues-contacts-erased"


def due(now=None):
    """Questions of dialogues ended longer ago than the retention period that
    still hold a contact."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=int(settings.DIALOGUES_CONTACT_RETENTION_DAYS))
    return DialogueQuestion.objects.filter(dialogue__ends_at__lte=cutoff).exclude(
        contact=""
    )


def erase_contacts(now=None) -> int:
    """Empty the contacts that are due; how many questions were changed."""
    now = now or timezone.now()
    return due(now).update(contact="", contact_erased_at=now)


def erase_daily() -> str | None:
    """The scheduler's per-minute hook: erases at the first tick of each local day."""
    return once_a_day(DAY_KEY, _erase_and_say)


def _erase_and_say() -> str | None:
    erased = erase_contacts()
    if erased:
        return f"Đã xóa thông tin liên hệ của {erased} người hỏi trong đối thoại."
    return None
