"""What a public request may carry in its query string and its path, read safely.

One rule for the whole project (docs/architecture.md, "Bad request parameters"):
a parameter whose value cannot be right (not a number, a year out of range, a date
that does not exist, a choice not offered, control characters, too long) is answered
with 400 and a Vietnamese message that names the parameter; nothing is guessed and
nothing is silently ignored. The readers below raise :class:`BadParameter`, a
Django ``BadRequest``: Django hands it to ``handler400``, which shows the message on
the project's 400 page. A JSON view catches it and answers in JSON instead.

The page number is the one lenient parameter (:func:`page_number`): any value gives a
page, because a list changes between the moment a link is written and the moment
it is followed, and junk in it changes nothing else on the page.

Parameters a page does not read (``utm_source``, ``fbclid``...) are ignored; a
repeated parameter counts with its last value (Django's ``QueryDict.get``).

Path parameters: ``<id:...>`` is a bounded integer converter, so an id too large
for the database is a 404 from the URL resolver instead of an overflow.
"""

import re
from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import BadRequest
from django.urls import register_converter

from .vietnamese import (
    MAX_YEAR,
    MIN_YEAR,
    has_control_characters,
    nfc,
    parse_date,
    strip_control_characters,
)

MAX_TEXT_LENGTH = 255
# Past any real list; longer runs of digits are read as this page (the last one).
MAX_PAGE = 1_000_000
# Largest value of a 64-bit signed column, the widest key SQLite and PostgreSQL hold.
MAX_ID = 2**63 - 1

# ASCII only: str.isdigit() also accepts "²" and "٣", and int() refuses the first.
_DIGITS_RE = re.compile(r"[0-9]+", re.ASCII)
_SHOWN_LENGTH = 40


class BadParameter(BadRequest):
    """A query-string value that cannot be right; ``message`` is for the reader."""

    def __init__(self, message: str, name: str = ""):
        super().__init__(message)
        self.message = message
        self.name = name


def shown(value: str) -> str:
    """The value as a message may quote it: short, without control characters."""
    value = strip_control_characters(value, one_line=True)
    if len(value) > _SHOWN_LENGTH:
        return value[:_SHOWN_LENGTH] + "…"
    return value


def _raw(params: Mapping, name: str) -> str:
    return nfc(str(params.get(name, "") or "")).strip()


def text(params: Mapping, name: str, label: str, max_length=MAX_TEXT_LENGTH) -> str:
    """Text such as a facet value: NFC, trimmed; "" when absent."""
    value = _raw(params, name)
    if len(value) > max_length or has_control_characters(value, one_line=True):
        raise BadParameter(
            f"Giá trị của “{label}” không hợp lệ (quá dài hoặc có ký tự điều khiển).",
            name,
        )
    return value


def choice(
    params: Mapping,
    name: str,
    choices: Iterable[str],
    label: str,
    default: str = "",
    message: str = "",
) -> str:
    """One of ``choices`` (or ``default`` when absent or empty).

    ``message`` may replace the default message; ``{value}`` in it is the value.
    """
    value = _raw(params, name)
    if not value:
        return default
    allowed = [str(c) for c in choices]
    if value in allowed:
        return value
    if message:
        raise BadParameter(message.format(value=shown(value)), name)
    raise BadParameter(
        f"{label}: giá trị “{shown(value)}” không hợp lệ "
        f"(dùng: {', '.join(a for a in allowed if a)}).",
        name,
    )


def integer(
    params: Mapping,
    name: str,
    label: str,
    min_value: int,
    max_value: int,
    default: int | None = None,
    message: str = "",
) -> int | None:
    """A whole number in ASCII digits within [min_value, max_value].

    ``message`` may replace the default message; ``{value}`` in it is the value.
    """
    value = _raw(params, name)
    if not value:
        return default
    number = digits(value)
    if number is None or not min_value <= number <= max_value:
        raise BadParameter(
            message.format(value=shown(value))
            or f"{label}: “{shown(value)}” không hợp lệ; hãy nhập một số từ "
            f"{min_value} đến {max_value}.",
            name,
        )
    return number


def year(
    params: Mapping, name: str, label: str = "Năm", default: int | None = None
) -> int | None:
    """A year of four digits between ``MIN_YEAR`` and ``MAX_YEAR``."""
    return integer(
        params,
        name,
        label,
        MIN_YEAR,
        MAX_YEAR,
        default,
        message=f"{label} “{{value}}” không hợp lệ. {label} phải là số năm có bốn "
        f"chữ số, ví dụ 2021 (từ {MIN_YEAR} đến {MAX_YEAR}).",
    )


def day(params: Mapping, name: str, label: str = "Ngày") -> date | None:
    """A date as ``vietnamese.parse_date`` reads it (21/12/2021 or 2021-12-21)."""
    value = _raw(params, name)
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError:
        raise BadParameter(
            f"{label} “{shown(value)}” không hợp lệ. Hãy nhập theo dạng "
            f"ngày/tháng/năm, ví dụ 21/12/2021 (từ năm {MIN_YEAR} đến năm {MAX_YEAR}).",
            name,
        ) from None


def flag(params: Mapping, name: str, label: str) -> bool:
    """``1`` is yes; absent, empty or ``0`` is no; anything else is refused."""
    return choice(params, name, ("0", "1"), label) == "1"


def digits(value: str, max_digits: int = 19) -> int | None:
    """``value`` as a whole number when it is ASCII digits only (and not too many)."""
    if len(value) > max_digits or not _DIGITS_RE.fullmatch(value):
        return None
    return int(value)


def page_number(params: Mapping, name: str = "trang") -> int:
    """The page asked for in ``params``; see :func:`as_page_number`."""
    return as_page_number(_raw(params, name))


def as_page_number(value: str) -> int:
    """1 for anything that is not a page number; never an error.

    A run of digits too long for any list reads as ``MAX_PAGE``, which the
    paginator turns into its last page.
    """
    value = value.strip()
    if _DIGITS_RE.fullmatch(value) and len(value) > len(str(MAX_PAGE)):
        return MAX_PAGE
    return min(max(digits(value) or 1, 1), MAX_PAGE)


class IdConverter:
    """``<id:pk>``: a database key; digits only, at most what a bigint column holds."""

    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = int(value)
        if number > MAX_ID:
            raise ValueError("too large for a database key")  # the URL does not match
        return number

    def to_url(self, value):
        return str(int(value))


register_converter(IdConverter, "id")
