from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured

from congtin.core.vietnamese import (
    WorkingDayCalendar,
    add_working_days,
    is_working_day,
    working_days_between,
)

WEEKDAYS_ONLY = WorkingDayCalendar(public_holidays=False)


def test_weekends_and_holidays_are_skipped():
    # Friday 28/08/2026 + 1 working day: Monday 31/08 (weekend skipped).
    assert add_working_days(date(2026, 8, 28), 1, WEEKDAYS_ONLY) == date(2026, 8, 31)
    # 02/09 (National Day, every year) and 01/09/2026 (its second day that year)
    # are skipped; 01/09/2027 is a Wednesday like any other (02-03/09 are off).
    assert not is_working_day(date(2026, 9, 2))
    assert not is_working_day(date(2026, 9, 1))
    assert not is_working_day(date(2027, 9, 2))
    assert is_working_day(date(2027, 9, 1))
    assert add_working_days(date(2026, 8, 31), 1) == date(2026, 9, 3)


def test_fifteen_working_days_and_counting_back():
    # Monday 02/11/2026: three full weeks minus none = Monday 23/11.
    deadline = add_working_days(date(2026, 11, 2), 15, WEEKDAYS_ONLY)
    assert deadline == date(2026, 11, 23)
    assert working_days_between(date(2026, 11, 2), deadline, WEEKDAYS_ONLY) == 15
    assert working_days_between(deadline, date(2026, 11, 2), WEEKDAYS_ONLY) == 0
    # New Year's Day on a Friday pushes the deadline one day.
    assert add_working_days(date(2026, 12, 28), 5) == date(2027, 1, 5)


def test_default_holidays():
    # Wednesday 29/04/2026 + 1: Thursday 30/04 and Friday 01/05 off, so Monday 04/05.
    assert add_working_days(date(2026, 4, 29), 1) == date(2026, 5, 4)


def test_tet_and_hung_kings_move_with_the_lunar_calendar():
    # Tết Đinh Mùi: 04/02 to 10/02/2027 off (Thursday to Wednesday).
    for day in range(4, 11):
        assert not is_working_day(date(2027, 2, day))
    assert add_working_days(date(2027, 2, 3), 1) == date(2027, 2, 11)
    # A question sent on Monday 01/02/2027 waits 15 working days: three weeks and
    # the five Tết weekdays, so Monday 01/03, not Monday 22/02.
    assert add_working_days(date(2027, 2, 1), 15) == date(2027, 3, 1)
    # Giỗ Tổ Hùng Vương: 10/3 âm lịch, Friday 16/04/2027.
    assert not is_working_day(date(2027, 4, 16))
    # 26/04/2026 fell on a Sunday: observed on Monday 27/04.
    assert not is_working_day(date(2026, 4, 27))


def test_swapped_days_from_settings(settings):
    # 22/08/2026 (Saturday) was worked so that 31/08 could be taken off.
    assert is_working_day(date(2026, 8, 22))
    assert not is_working_day(date(2026, 8, 31))
    settings.WORKING_DAY_CHANGES = {
        "days_off": ["2027-02-11"],
        "working_days": ["2027-02-20"],
    }
    assert not is_working_day(date(2027, 2, 11))
    assert is_working_day(date(2027, 2, 20))
    assert add_working_days(date(2027, 2, 3), 1) == date(2027, 2, 12)
    assert working_days_between(date(2027, 2, 19), date(2027, 2, 22)) == 2


def test_bad_setting_is_reported(settings):
    settings.WORKING_DAY_CHANGES = {"days_off": ["11/02/2027"]}
    with pytest.raises(ImproperlyConfigured, match="YYYY-MM-DD"):
        is_working_day(date(2027, 2, 11))
