"""What every reader does with an article's HTML, date and lead."""

import re
from datetime import datetime

from bs4 import BeautifulSoup
from django.utils import timezone

from congtin.core.vietnamese import clean_text

from ..body import Block, BodyConverter, parse, text_of
from ..items import ItemError, SourceItem, strip_source_tag

MAX_TITLE = 255
MAX_AUTHOR = 255
MAX_TAGS = 20
MAX_TAG = 100

_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_TIME = re.compile(r"(\d{1,2})\s*[:hH]\s*(\d{2})")


def body_blocks(html: str, base_url: str) -> list[Block]:
    return BodyConverter(base_url).convert(parse(html))


def html_text(html: str) -> str:
    return text_of(BeautifulSoup(html or "", "html.parser"))


def settle(item: SourceItem, lead: str) -> None:
    """Check what every article needs, and take the lead: the one given, or else
    the body's first paragraph; a first paragraph that repeats the lead goes."""
    item.title = clean_text(item.title)
    if not item.title:
        raise ItemError("không có tiêu đề")
    if len(item.title) > MAX_TITLE:
        raise ItemError(f"tiêu đề dài quá {MAX_TITLE} ký tự")
    if item.date is None:
        raise ItemError("không đọc được thời gian đăng")
    lead = strip_source_tag(clean_text(lead))
    paragraphs = [i for i, (kind, _) in enumerate(item.blocks) if kind == "paragraph"]
    if paragraphs and paragraphs[0] == 0:
        first = strip_source_tag(html_text(str(item.blocks[0][1])))
        cut = lead.removesuffix("...").removesuffix("…").rstrip()
        shortened = cut != lead and first.startswith(cut)
        if not lead or first == lead or shortened:
            # A feed's summary cut short ("...") gives way to the whole paragraph.
            lead = first if not lead or shortened else lead
            if len(item.blocks) > 1:
                del item.blocks[0]
    if not lead:
        raise ItemError("không có sapo (đoạn mở đầu) và nội dung không có đoạn văn nào")
    item.lead = lead
    if not item.blocks:
        raise ItemError("nội dung trống")
    item.author = clean_text(item.author)[:MAX_AUTHOR]
    item.section = clean_text(item.section)
    item.tags = [
        t for t in dict.fromkeys(clean_text(t)[:MAX_TAG] for t in item.tags) if t
    ][:MAX_TAGS]


def parse_vietnamese_datetime(text: str) -> datetime | None:
    """ "Thời gian: 21/12/2021 18:00", "18:00 | 21/12/2021", "21-12-2021": in the
    portal's time zone (a date without a time is taken at midnight)."""
    date = _DATE.search(text or "")
    if date is None:
        return None
    day, month, year = (int(g) for g in date.groups())
    rest = text[: date.start()] + " " + text[date.end() :]
    time = _TIME.search(rest)
    hour, minute = (int(g) for g in time.groups()) if time else (0, 0)
    try:
        naive = datetime(year, month, day, hour, minute)
    except ValueError:
        return None
    return timezone.make_aware(naive, timezone.get_default_timezone())


def parse_iso_datetime(text: str) -> datetime | None:
    try:
        value = datetime.fromisoformat((text or "").strip())
    except ValueError:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_default_timezone())
    return value
