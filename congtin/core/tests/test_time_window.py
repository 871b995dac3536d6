"""Where a moment falls in a period, and the rule on its dates."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from congtin.core import time_window

START = datetime(2022, 6, 15, 8, tzinfo=UTC)
END = START + timedelta(hours=2)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (START - timedelta(seconds=1), time_window.BEFORE),
        (START, time_window.DURING),
        (END - timedelta(seconds=1), time_window.DURING),
        (END, time_window.AFTER),
    ],
)
def test_phase_at_the_edges(now, expected):
    assert time_window.phase(START, END, now) == expected


def test_an_end_not_after_the_start_is_refused_on_the_end_field():
    for end in (START, START - timedelta(minutes=1)):
        with pytest.raises(ValidationError) as refused:
            time_window.check_order(START, end, "closes_at")
        assert refused.value.message_dict == {
            "closes_at": ["Thời điểm kết thúc phải sau thời điểm bắt đầu."]
        }
    time_window.check_order(START, END, "closes_at")
    time_window.check_order(None, END, "closes_at")  # the field's own check says so
