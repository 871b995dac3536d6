"""The one place for Vietnamese text rules: NFC, folding, slugs, numbers, dates.

Everything else in congtin calls these functions instead of writing its own.
"""

import re
import unicodedata
from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify as django_slugify

_D_TO_ASCII = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form congtin stores."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def nfc_deep(value):
    """NFC every string inside nested lists, tuples and dicts (JSON-like data)."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [nfc_deep(item) for item in value]
    if isinstance(value, tuple):
        return tuple(nfc_deep(item) for item in value)
    if isinstance(value, dict):
        return {nfc_deep(key): nfc_deep(item) for key, item in value.items()}
    return value


def strip_diacritics(text: str) -> str:
    """Remove every mark and map đ to d: "Đẩy mạnh" -> "Day manh"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_TO_ASCII))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str, max_length: int = 255) -> str:
    """ASCII slug as Vietnamese portals write them.

    "Đẩy mạnh quản lý đất đai" -> "day-manh-quan-ly-dat-dai". Django's and
    Wagtail's slugify drop "đ" (it has no decomposition); this maps it to "d".
    """
    slug = django_slugify(strip_diacritics(nfc(text)))
    return slug[:max_length].strip("-")


VIETNAMESE_LETTERS = (
    "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ"
)


def _admin_slug_formatters() -> list[tuple[str, str]]:
    groups: dict[str, str] = {}
    for letter in VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper():
        groups[strip_diacritics(letter)] = (
            groups.get(strip_diacritics(letter), "") + letter
        )
    formatters = [(f"[{letters}]", base) for base, letters in sorted(groups.items())]
    # Text pasted in NFD carries separate combining marks.
    formatters.append(("[\u0300-\u036f]", ""))
    return formatters


# Formatters for Wagtail's admin slug widget, applied in the browser before its own
# transliteration, which knows no Vietnamese and drops letters such as ẩ, ạ, ư.
ADMIN_SLUG_FORMATTERS = _admin_slug_formatters()


def format_datetime(value: datetime) -> str:
    """ "21/12/2021 18:00" in the portal's time zone, as the seed article shows it."""
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")


def format_number(value, decimals: int | None = None) -> str:
    """Vietnamese number format: dot for thousands, comma for decimals.

    format_number(Decimal("1057.091")) -> "1.057,091";
    format_number(24456.6) -> "24.456,6".
    """
    number = Decimal(str(value))
    if decimals is not None:
        number = round(number, decimals)
    sign = "-" if number < 0 else ""
    text = format(abs(number), "f")
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = ".".join(groups)
    if decimals is None:
        fraction = fraction.rstrip("0")
    if fraction:
        result += "," + fraction
    return sign + result


_NUMBER_RE = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$")


def parse_number(text: str) -> Decimal:
    """Parse "1.057,091" -> Decimal("1057.091"). Raises ValueError on bad input."""
    cleaned = nfc(text).strip().replace("\xa0", "").replace(" ", "")
    if not _NUMBER_RE.match(cleaned):
        raise ValueError(f"Không đọc được số: {text!r}")
    return Decimal(cleaned.replace(".", "").replace(",", "."))
