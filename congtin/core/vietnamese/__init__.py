"""The one place for Vietnamese text rules. Everything else in congtin calls these
functions instead of writing its own.

- :mod:`.folding` NFC, diacritics, slugs, search word forms
- :mod:`.cleaning` control and spoofing characters, :func:`clean_text`
- :mod:`.numbers` 1.057,091
- :mod:`.dates` 21/12/2021, weekday names, reading a typed date
- :mod:`.sizes` 2,5 MB
- :mod:`.phones` one phone number rule
- :mod:`.working_days` public holidays and deadlines in working days

The names below are this package's public interface; import them from here.
"""

from .cleaning import (
    MAX_MARKS_PER_LETTER,
    clean_text,
    has_control_characters,
    strip_control_characters,
    strip_spoofing_characters,
)
from .dates import (
    MAX_YEAR,
    MIN_YEAR,
    WEEKDAYS,
    format_date,
    format_datetime,
    format_time,
    parse_date,
)
from .folding import (
    ADMIN_SLUG_FORMATTERS,
    COMPOUND_JOINER,
    COMPOUND_MAX_PARTS,
    COMPOUND_MAX_RUN,
    MAX_TOKEN_LENGTH,
    VIETNAMESE_LETTERS,
    canonical_tone_placement,
    canonical_tone_text,
    compound,
    fold,
    fold_nfc,
    index_words,
    nfc,
    nfc_deep,
    other_tone_placement,
    run_parts,
    search_words,
    slugify,
    strip_diacritics,
    word_forms,
)
from .numbers import format_number, parse_number
from .phones import is_phone, normalize_phone
from .sizes import format_file_size
from .working_days import (
    WorkingDayCalendar,
    add_working_days,
    is_working_day,
    working_days_between,
)

__all__ = [
    "ADMIN_SLUG_FORMATTERS",
    "COMPOUND_JOINER",
    "COMPOUND_MAX_PARTS",
    "COMPOUND_MAX_RUN",
    "MAX_MARKS_PER_LETTER",
    "MAX_TOKEN_LENGTH",
    "MAX_YEAR",
    "MIN_YEAR",
    "VIETNAMESE_LETTERS",
    "WEEKDAYS",
    "WorkingDayCalendar",
    "add_working_days",
    "canonical_tone_placement",
    "canonical_tone_text",
    "clean_text",
    "compound",
    "fold",
    "fold_nfc",
    "format_date",
    "format_datetime",
    "format_file_size",
    "format_number",
    "format_time",
    "has_control_characters",
    "index_words",
    "is_phone",
    "is_working_day",
    "nfc",
    "nfc_deep",
    "normalize_phone",
    "other_tone_placement",
    "run_parts",
    "parse_date",
    "parse_number",
    "search_words",
    "slugify",
    "strip_control_characters",
    "strip_diacritics",
    "strip_spoofing_characters",
    "word_forms",
    "working_days_between",
]
