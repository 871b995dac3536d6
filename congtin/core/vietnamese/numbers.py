"""Vietnamese numbers: dot for thousands, comma for decimals."""

import re
from decimal import Decimal

from .folding import nfc


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
    groups: list[str] = []
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
