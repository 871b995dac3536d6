"""Vietnamese phone numbers: the one rule every form uses.

Validity (which prefixes and lengths exist, mobile and landline) comes from
libphonenumber's metadata (``phonenumberslite``), kept up to date by its
maintainers as operators and area codes change; only what it cannot know is here:
what characters a person may type around the digits, and how congtin stores a
number.
"""

import re

REGION = "VN"
COUNTRY_CODE = 84
# Spaces, dots, dashes and brackets group digits; anything else (letters, which
# libphonenumber would read as a keypad word, other scripts' digits, "ext.") makes
# the text not a phone number.
_SEPARATORS = re.compile(r"[\s.\-()]")
_TYPED = re.compile(r"\+?[0-9]{6,15}", re.ASCII)


def normalize_phone(value: str) -> str:
    """The number as congtin stores it, national digits with the leading 0:
    "0912 345 678", "+84 912.345.678", "84912345678" -> "0912345678";
    "0225.1111.222" -> "02251111222". "" when ``value`` is not a valid
    Vietnamese number."""
    compact = _SEPARATORS.sub("", value or "")
    if not _TYPED.fullmatch(compact):
        return ""
    if compact.startswith(str(COUNTRY_CODE)) and not compact.startswith("0"):
        # 84 typed without its "+": read as the country code, as people mean it.
        compact = "+" + compact
    # Imported on first use: only form submissions check numbers, and the metadata
    # would otherwise sit in every web worker.
    import phonenumbers

    try:
        number = phonenumbers.parse(compact, REGION)
    except phonenumbers.NumberParseException:
        return ""
    if number.country_code != COUNTRY_CODE or not phonenumbers.is_valid_number(number):
        return ""
    return "0" + str(number.national_number)


def is_phone(value: str) -> bool:
    """Whether ``value`` is a valid Vietnamese phone number as typed."""
    return bool(normalize_phone(value))
