"""RSS 2.0 and Atom feeds: with the full text in the feed (``content:encoded``,
Atom ``content``), or with summaries only, each item's page then read with a
mapping file."""

from collections.abc import Callable, Iterator
from email.utils import parsedate_to_datetime
from xml.etree.ElementTree import Element

from django.utils import timezone

from ..items import TOO_DEEP, ItemError, SourceItem, normalise_url
from ..xml import child_text, children, local, parse_xml
from .common import body_blocks, html_text, parse_iso_datetime, settle

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"

# Reads an item's page into the item (pages.read_page with the mapping).
PageReader = Callable[[SourceItem], None]


def read_feed(
    data: bytes, max_items: int, page_reader: PageReader | None = None
) -> Iterator[SourceItem]:
    root = parse_xml(data)
    if local(root.tag) == "feed":
        entries = children(root, "entry")
        reader = _atom_item
    elif local(root.tag) in ("rss", "RDF"):
        channel = children(root, "channel")
        entries = children(channel[0], "item") if channel else []
        entries = entries or children(root, "item")
        reader = _rss_item
    else:
        raise ItemError("tệp không phải nguồn tin RSS hay Atom")
    for number, entry in enumerate(entries[: max_items + 1], start=1):
        item = SourceItem(label=f"mục {number}")
        try:
            reader(item, entry, page_reader)
        except ItemError as exc:
            item.error = str(exc)
        except RecursionError:
            item.error = TOO_DEEP
        yield item


def _rss_item(item: SourceItem, entry: Element, page_reader) -> None:
    link = child_text(entry, "link", "") or child_text(entry, "guid", "")
    _set_url(item, link)
    item.title = html_text(child_text(entry, "title", ""))
    pub = child_text(entry, "pubDate") or child_text(entry, "date", DC_NS)
    item.date = _rss_date(pub)
    item.author = child_text(entry, "creator", DC_NS) or child_text(entry, "author", "")
    item.tags = [(c.text or "").strip() for c in children(entry, "category", "")]
    if item.tags:
        # The first category is the old portal's section.
        item.section = item.tags[0]
    summary = child_text(entry, "description", "")
    content = child_text(entry, "encoded", CONTENT_NS)
    _fill(item, summary, content, page_reader)


def _atom_item(item: SourceItem, entry: Element, page_reader) -> None:
    links = children(entry, "link")
    href = ""
    for link in links:
        if link.get("rel", "alternate") == "alternate":
            href = link.get("href", "")
            break
    _set_url(item, href or child_text(entry, "id"))
    item.title = html_text(child_text(entry, "title"))
    item.date = parse_iso_datetime(
        child_text(entry, "published")
    ) or parse_iso_datetime(child_text(entry, "updated"))
    authors = children(entry, "author")
    item.author = child_text(authors[0], "name") if authors else ""
    item.tags = [c.get("term", "") for c in children(entry, "category")]
    if item.tags:
        item.section = item.tags[0]
    _fill(item, child_text(entry, "summary"), child_text(entry, "content"), page_reader)


def _set_url(item: SourceItem, link: str) -> None:
    if not link.startswith(("http://", "https://")):
        raise ItemError("mục không có liên kết http(s) tới bài gốc")
    item.original_url = normalise_url(link)
    item.label = item.original_url


def _rss_date(text: str):
    if not text:
        return None
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return parse_iso_datetime(text)
    # "-0000" says the zone is unknown: the portal's own, as for a saved page.
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_default_timezone())
    return value


def _fill(item: SourceItem, summary: str, content: str, page_reader) -> None:
    if content.strip():
        item.blocks = body_blocks(content, item.original_url)
        settle(item, html_text(summary))
        return
    if page_reader is None:
        raise ItemError(
            "nguồn tin chỉ có tóm tắt, không có toàn văn; dùng --fetch-pages với "
            "--mapping để đọc trang của từng bài"
        )
    # The feed's title, date and section stay unless the page says otherwise.
    title, date, section, tags = item.title, item.date, item.section, item.tags
    page_reader(item)
    item.title = item.title or title
    item.date = item.date or date
    item.section = item.section or section
    item.tags = item.tags or tags
