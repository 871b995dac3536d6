from datetime import date

from congtin.questions.working_days import (
    add_working_days,
    is_working_day,
    working_days_between,
)


def test_weekends_and_holidays_are_skipped():
    # Friday 28/08/2026 + 1 working day: Monday 31/08 (weekend skipped).
    assert add_working_days(date(2026, 8, 28), 1, []) == date(2026, 8, 31)
    # 02/09 (National Day, "MM-DD" every year) and a one-off 01/09 are skipped.
    rules = ["09-02", "2026-09-01"]
    assert not is_working_day(date(2026, 9, 2), rules)
    assert not is_working_day(date(2026, 9, 1), rules)
    assert not is_working_day(date(2027, 9, 2), rules)
    assert is_working_day(date(2027, 9, 1), rules)
    assert add_working_days(date(2026, 8, 31), 1, rules) == date(2026, 9, 3)


def test_fifteen_working_days_and_counting_back():
    # Monday 02/11/2026: three full weeks minus none = Monday 23/11.
    deadline = add_working_days(date(2026, 11, 2), 15, [])
    assert deadline == date(2026, 11, 23)
    assert working_days_between(date(2026, 11, 2), deadline, []) == 15
    assert working_days_between(deadline, date(2026, 11, 2), []) == 0
    # New Year's Day on a Friday pushes the deadline one day.
    assert add_working_days(date(2026, 12, 28), 5, ["01-01"]) == date(2027, 1, 5)


def test_default_holidays_from_settings(settings):
    settings.QUESTIONS_HOLIDAYS = ["04-30", "05-01"]
    # Wednesday 29/04/2026 + 1: Thursday 30/04 and Friday 01/05 off, so Monday 04/05.
    assert add_working_days(date(2026, 4, 29), 1) == date(2026, 5, 4)
