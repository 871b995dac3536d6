"""Dates as Vietnamese write and read them.

The shapes live once, in the format modules (``congtin/formats/<lang>/formats.py``:
``SHORT_DATE_FORMAT`` "d/m/Y", ``SHORT_DATETIME_FORMAT`` "d/m/Y H:i", ``TIME_FORMAT``
"H:i"); templates name them (``|date:"SHORT_DATE_FORMAT"``) and Python goes through
the helpers below, so a date reads the same in a page, a mail and a message.
"""

import re
from datetime import date, datetime, time

from django.conf import settings
from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.translation import get_language

from .folding import nfc


def _format(name: str) -> str:
    # What django.utils.formats.date_format reads, also outside a request (a task,
    # a command after deactivate_all), where Django would fall back to its own
    # American defaults.
    return get_format(name, lang=get_language() or settings.LANGUAGE_CODE)


# Monday first, as ``date.weekday()`` counts.
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def format_date(value: date) -> str:
    """ "21/12/2021"."""
    return dateformat.format(value, _format("SHORT_DATE_FORMAT"))


def format_time(value: time | datetime) -> str:
    """ "18:00"; an aware datetime is read in the portal's time zone."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return dateformat.time_format(value, _format("TIME_FORMAT"))


def format_datetime(value: datetime) -> str:
    """ "21/12/2021 18:00" in the portal's time zone, as the seed article shows it."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return dateformat.format(value, _format("SHORT_DATETIME_FORMAT"))


# Outside these years a date typed by a reader is a typing mistake, and date
# arithmetic on it must never reach datetime's limits.
MIN_YEAR, MAX_YEAR = 1900, 2100
_DATE_RE = re.compile(
    r"(?P<d>[0-9]{1,2})(?P<sep>[/.-])(?P<m>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4})"
    r"|(?P<iso_y>[0-9]{4})-(?P<iso_m>[0-9]{2})-(?P<iso_d>[0-9]{2})",
    re.ASCII,
)


def parse_date(text: str) -> date:
    """A day as Vietnamese write it, "21/12/2021" (also 21-12-2021, 21.12.2021), or
    "2021-12-21" (what <input type=date> sends). ASCII digits only, a year from
    ``MIN_YEAR`` to ``MAX_YEAR``; ValueError otherwise."""
    match = _DATE_RE.fullmatch(nfc(str(text)).strip())
    if match is None:
        raise ValueError(f"Không đọc được ngày: {text[:40]!r}")
    if match["iso_y"]:
        parts = match["iso_y"], match["iso_m"], match["iso_d"]
    else:
        parts = match["y"], match["m"], match["d"]
    day = date(*(int(p) for p in parts))  # ValueError for 30/02 or month 13
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(f"Năm ngoài khoảng {MIN_YEAR}-{MAX_YEAR}: {day.year}")
    return day
