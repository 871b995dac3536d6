"""Working days of Vietnamese state agencies, for deadlines such as the 15 working
days a citizen's question may wait for its answer.

Public holidays come from the ``holidays`` library's calendar for Vietnam (Labour
Code 2019, art. 112): the fixed days and those that move with the lunar calendar
(Tết, Giỗ Tổ Hùng Vương), observed days, and the days the government has already
swapped (a weekday off made up on a Saturday). ``settings.WORKING_DAY_CHANGES``
adds decisions the library does not know yet::

    WORKING_DAY_CHANGES = {
        "days_off": ["2027-02-11"],      # weekdays the government gives off
        "working_days": ["2027-02-20"],  # weekend days worked to make up for them
    }
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

REGION = "VN"


@lru_cache(maxsize=1)
def _public_holidays():
    # Imported here: the library loads every country's calendar code, which only
    # the few requests that compute a deadline need. Years are filled in as asked.
    import holidays

    return holidays.country_holidays(REGION)


@dataclass(frozen=True)
class WorkingDayCalendar:
    """Which days count. ``public_holidays=False`` counts every weekday (for tests
    and for rules that only skip weekends)."""

    public_holidays: bool = True
    days_off: frozenset[date] = field(default_factory=frozenset)
    working_days: frozenset[date] = field(default_factory=frozenset)

    def is_working_day(self, day: date) -> bool:
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        if self.public_holidays:
            return _public_holidays().is_working_day(day)
        return day.weekday() < 5


def _dates(values: Iterable, name: str) -> frozenset[date]:
    try:
        return frozenset(
            value if isinstance(value, date) else date.fromisoformat(str(value))
            for value in values
        )
    except (TypeError, ValueError) as error:
        raise ImproperlyConfigured(
            f"WORKING_DAY_CHANGES[{name!r}] holds dates as 'YYYY-MM-DD': {error}"
        ) from None


def default_calendar() -> WorkingDayCalendar:
    """Vietnam's public holidays with ``settings.WORKING_DAY_CHANGES`` applied."""
    changes = getattr(settings, "WORKING_DAY_CHANGES", None) or {}
    return WorkingDayCalendar(
        days_off=_dates(changes.get("days_off", ()), "days_off"),
        working_days=_dates(changes.get("working_days", ()), "working_days"),
    )


def is_working_day(day: date, calendar: WorkingDayCalendar | None = None) -> bool:
    return (calendar or default_calendar()).is_working_day(day)


def add_working_days(
    start: date, days: int, calendar: WorkingDayCalendar | None = None
) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself not counted)."""
    calendar = calendar or default_calendar()
    current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if calendar.is_working_day(current):
            left -= 1
    return current


def working_days_between(
    start: date, end: date, calendar: WorkingDayCalendar | None = None
) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end<=start)."""
    calendar = calendar or default_calendar()
    count, current = 0, start
    while current < end:
        current += timedelta(days=1)
        if calendar.is_working_day(current):
            count += 1
    return count
