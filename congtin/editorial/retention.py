"""Rows kept for a limited time: deleted once older than a period set in settings,
at the scheduler's first round of each local day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from .minute_jobs import once_a_day


@dataclass(frozen=True)
class RetentionPeriod:
    """Rows of ``model`` whose ``date_field`` is more than ``setting`` days old are
    deleted; a period of 0 days keeps them for good. ``deleted_message`` (with
    ``{count}``) is what the scheduler logs when some went."""

    model: type[models.Model]
    date_field: str
    setting: str
    day_key: str
    deleted_message: str

    def expired(self, now=None):
        """The rows older than the period (none when it is 0)."""
        days = int(getattr(settings, self.setting))
        manager = self.model._default_manager
        if days <= 0:
            return manager.none()
        cutoff = (now or timezone.now()) - timedelta(days=days)
        return manager.filter(**{f"{self.date_field}__lt": cutoff})

    def purge(self, now=None) -> int:
        """Delete the rows older than the period; how many went."""
        deleted, _ = self.expired(now).delete()
        return deleted

    def purge_daily(self) -> str | None:
        """The scheduler's per-minute hook: purges at the first tick of each day."""
        return once_a_day(self.day_key, self._purge_and_say)

    def _purge_and_say(self) -> str | None:
        deleted = self.purge()
        return self.deleted_message.format(count=deleted) if deleted else None
