"""A WordPress export (WXR, Tools > Export in WordPress): its published posts.

Authors are named by their display name; categories give the section, tags the
topics; ``[caption]`` shortcodes and the blank-line paragraphs WordPress keeps in
its database (``wpautop`` adds the ``<p>`` only when it shows a post) are turned
into figures and paragraphs. Pages, attachments, drafts and private posts are left.
"""

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from xml.etree.ElementTree import Element

from django.utils import timezone

from ..items import TOO_DEEP, ItemError, SourceItem, normalise_url
from ..xml import child_text, children, parse_xml
from .common import body_blocks, html_text, parse_iso_datetime, settle

WP_NS = "http://wordpress.org/export/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
EXCERPT_NS = "http://wordpress.org/export/"  # .../1.2/excerpt/
DC_NS = "http://purl.org/dc/elements/1.1/"

_CAPTION = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.S | re.I)
_IMG = re.compile(r"(<img[^>]*>)", re.I)
_SHORTCODE = re.compile(r"\[/?[a-z_][\w-]*[^\]]*\]", re.I)
_BLOCK_TAG = re.compile(r"<(p|div|h[1-6]|ul|ol|figure|table|blockquote)\b", re.I)


def read_wxr(data: bytes, max_items: int) -> Iterator[SourceItem]:
    root = parse_xml(data)
    channel = children(root, "channel")
    if not channel or not children(channel[0], "wxr_version", WP_NS):
        raise ItemError("tệp không phải bản xuất WordPress (WXR)")
    channel_el = channel[0]
    authors = {
        child_text(a, "author_login", WP_NS): child_text(
            a, "author_display_name", WP_NS
        )
        for a in children(channel_el, "author", WP_NS)
    }
    count = 0
    for number, entry in enumerate(children(channel_el, "item"), start=1):
        if child_text(entry, "post_type", WP_NS) not in ("post", ""):
            continue
        count += 1
        if count > max_items + 1:
            break
        item = SourceItem(label=f"mục {number}")
        try:
            _read_post(item, entry, authors)
        except ItemError as exc:
            item.error = str(exc)
        except RecursionError:
            item.error = TOO_DEEP
        yield item


def _read_post(item: SourceItem, entry: Element, authors: dict[str, str]) -> None:
    link = child_text(entry, "link", "")
    if not link.startswith(("http://", "https://")):
        raise ItemError("bài không có liên kết http(s)")
    item.original_url = normalise_url(link)
    item.label = item.original_url
    status = child_text(entry, "status", WP_NS)
    if status and status != "publish":
        raise ItemError(f"bài chưa đăng trên WordPress (trạng thái “{status}”)")
    item.title = html_text(child_text(entry, "title", ""))
    item.date = _post_date(entry)
    login = child_text(entry, "creator", DC_NS)
    item.author = authors.get(login) or login
    for category in children(entry, "category", ""):
        text = (category.text or "").strip()
        if category.get("domain") == "category" and not item.section:
            item.section = text
        elif category.get("domain") == "post_tag":
            item.tags.append(text)
    content = child_text(entry, "encoded", CONTENT_NS)
    item.blocks = body_blocks(wordpress_html(content), item.original_url)
    excerpt = next(
        (
            (e.text or "").strip()
            for e in children(entry, "encoded", EXCERPT_NS)
            if "excerpt" in e.tag
        ),
        "",
    )
    settle(item, html_text(excerpt))


def _post_date(entry: Element):
    gmt = child_text(entry, "post_date_gmt", WP_NS)
    if gmt and not gmt.startswith("0000"):
        try:
            return datetime.strptime(gmt, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
        except ValueError:
            pass
    local_date = parse_iso_datetime(child_text(entry, "post_date", WP_NS))
    return timezone.localtime(local_date) if local_date else None


def wordpress_html(content: str) -> str:
    """The post's HTML as WordPress shows it: captions as figures, blank lines as
    paragraphs, other shortcodes dropped."""

    def figure(match: re.Match) -> str:
        inner = match.group(1)
        image = _IMG.search(inner)
        caption = _IMG.sub("", inner)
        caption = re.sub(r"</?a[^>]*>", "", caption).strip()
        img = image.group(1) if image else ""
        return f"<figure>{img}<figcaption>{caption}</figcaption></figure>\n\n"

    html = _CAPTION.sub(figure, content)
    html = _SHORTCODE.sub("", html)
    if _BLOCK_TAG.search(html) and "<p" in html.lower():
        return html
    parts = [p.strip() for p in re.split(r"\n\s*\n", html) if p.strip()]
    return "".join(
        part if part.lower().startswith("<figure") else f"<p>{part}</p>"
        for part in parts
    )
