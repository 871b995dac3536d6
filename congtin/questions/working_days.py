"""Working days for answer deadlines: weekends and public holidays are skipped.

Holidays come from ``settings.QUESTIONS_HOLIDAYS``: "MM-DD" repeats every year,
"YYYY-MM-DD" is one day (Tết and Giỗ Tổ Hùng Vương move with the lunar calendar and
the government's yearly notice, so each year's dates are added as they are set).
The default holds the fixed-date holidays of the Labour Code 2019, art. 112.
"""

from datetime import date, timedelta

from django.conf import settings

DEFAULT_HOLIDAYS = ["01-01", "04-30", "05-01", "09-02"]


def holiday_rules(rules=None) -> tuple[set[tuple[int, int]], set[date]]:
    rules = (
        rules
        if rules is not None
        else getattr(settings, "QUESTIONS_HOLIDAYS", DEFAULT_HOLIDAYS)
    )
    yearly, single = set(), set()
    for rule in rules:
        parts = [int(p) for p in str(rule).split("-")]
        if len(parts) == 2:
            yearly.add((parts[0], parts[1]))
        else:
            single.add(date(*parts))
    return yearly, single


def is_working_day(day: date, rules=None) -> bool:
    yearly, single = rules if isinstance(rules, tuple) else holiday_rules(rules)
    if day.weekday() >= 5:
        return False
    return (day.month, day.day) not in yearly and day not in single


def add_working_days(start: date, days: int, rules=None) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself not counted)."""
    parsed = holiday_rules(rules) if not isinstance(rules, tuple) else rules
    current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if is_working_day(current, parsed):
            left -= 1
    return current


def working_days_between(start: date, end: date, rules=None) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end<=start)."""
    parsed = holiday_rules(rules) if not isinstance(rules, tuple) else rules
    count, current = 0, start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current, parsed):
            count += 1
    return count
