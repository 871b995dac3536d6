# English pages of a Vietnamese portal keep its dates and times (21/12/2021 18:00):
# they name Vietnamese days and documents, and readers compare them with the
# Vietnamese pages. Numbers follow English (Django's defaults).
from congtin.formats.vi.formats import (  # noqa: F401
    DATE_FORMAT,
    DATE_INPUT_FORMATS,
    DATETIME_FORMAT,
    DATETIME_INPUT_FORMATS,
    FIRST_DAY_OF_WEEK,
    SHORT_DATE_FORMAT,
    SHORT_DATETIME_FORMAT,
    TIME_FORMAT,
)
