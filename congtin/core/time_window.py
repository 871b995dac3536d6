"""A period with a start and an end (a consultation on a draft, an online dialogue,
a poll, a banner's dates): where a moment falls in it, and the one rule on its
dates that every form checks, with the same Vietnamese message."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

BEFORE, DURING, AFTER = "before", "during", "after"
END_BEFORE_START = "Thời điểm kết thúc phải sau thời điểm bắt đầu."


def phase(starts_at: datetime, ends_at: datetime, now: datetime | None = None) -> str:
    """``BEFORE`` the start, ``DURING`` from the start until the end (excluded),
    ``AFTER`` from the end on."""
    now = now or timezone.now()
    if now < starts_at:
        return BEFORE
    if now < ends_at:
        return DURING
    return AFTER


def check_order(starts_at, ends_at, end_field: str) -> None:
    """Raise a ``ValidationError`` on ``end_field`` when the end is not after the
    start; nothing when either is missing (the field's own check says so)."""
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({end_field: END_BEFORE_START})
