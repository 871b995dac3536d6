"""The rules of congtin.core.vietnamese added for phones, control characters,
file sizes and dates."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone, translation

from congtin.core.vietnamese import (
    clean_text,
    format_date,
    format_datetime,
    format_file_size,
    format_time,
    has_control_characters,
    normalize_phone,
    strip_control_characters,
)


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("0912 345 678", "0912345678"),
        ("+84 912.345.678", "0912345678"),
        ("84912345678", "0912345678"),
        ("(0225) 1111.222", "02251111222"),
        ("024 3825 3536", "02438253536"),
    ],
)
def test_vietnamese_phone_numbers(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "12345",
        "0012345678",
        "+1 202 555 0100",
        "0912３45678",
        "1-800-FLOWERS",
        "0912345678 ext. 12",
        "09123456789012345",
    ],
)
def test_not_phone_numbers(typed):
    assert normalize_phone(typed) == ""


def test_control_characters():
    assert strip_control_characters("a\x00b\x85c\ufeffd\te\nf") == "abcd\te\nf"
    assert strip_control_characters("a\x00b", " ") == "a b"
    assert strip_control_characters("a\tb\nc", one_line=True) == "abc"
    assert has_control_characters("a\tb", one_line=True)
    assert not has_control_characters("a\tb\nc")
    assert clean_text(" Hà\x00 Nội\r\nHải\u2028Phòng ") == "Hà Nội Hải Phòng"
    assert clean_text("Hà\r\nNội", multiline=True) == "Hà\nNội"
    assert clean_text(None) == ""


def test_file_sizes():
    assert format_file_size(10) == "1 KB"
    assert format_file_size(10 * 1024) == "10 KB"
    assert format_file_size(5 * 1024 * 1024) == "5 MB"
    assert format_file_size(int(2.5 * 1024 * 1024)) == "2,5 MB"


def test_dates_read_the_same_in_both_languages():
    moment = timezone.make_aware(datetime(2021, 12, 21, 18, 0))
    for language in ("vi", "en"):
        with translation.override(language):
            assert format_date(date(2021, 12, 21)) == "21/12/2021"
            assert format_datetime(moment) == "21/12/2021 18:00"
            assert format_time(time(7, 5)) == "07:05"
    with translation.override(None):  # a task or command with no language
        assert format_date(date(2021, 12, 21)) == "21/12/2021"
