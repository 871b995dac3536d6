"""An article saved as a PDF (Decree 42/2022: every article can be printed and saved).

The PDF carries the portal's header (emblem, header title and agency name, as
the site's header; the portal's name at each page's foot), the title, date and time, lead, the body's text, images and captions,
quotes, the author, the article's canonical address ("Nguồn") and the day it was
saved ("Ngày lưu"). Written with fpdf2 and DejaVu Sans, shipped in
``news/fonts/`` (with its licence), so Vietnamese letters come out right on a
server without any font installed; fpdf2 embeds only the glyphs used.

Generation is CPU work (bench/article_pdf.py measures it): the bytes are kept in
the default cache by the article's ``cache_key`` (id, URL, last publish), the host,
the local day (the PDF names it) and the kept page parts' version (agency settings,
images), and the response is an ordinary 200 that the page cache and the edge
keep like a page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

from django.core.cache import cache
from django.utils import timezone
from fpdf import FPDF

from congtin.core import vietnamese
from congtin.pagecache import fragments

logger = logging.getLogger(__name__)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
# Renditions small enough for a page width at print resolution; JPEG keeps the
# file small (photos are most of an article's bytes).
IMAGE_RENDITION = "max-1000x1000|format-jpeg|jpegquality-75"
EMBLEM_RENDITION = "max-160x160|format-png"
MAX_IMAGE_HEIGHT_MM = 110


@dataclass
class Paragraph:
    """One block of text from rich text: a paragraph, heading or list item."""

    text: str
    kind: str = "p"  # "p", "h" (heading) or "li"


class _RichTextReader(HTMLParser):
    """Rich text (Wagtail's stored form) as plain paragraphs.

    Only the words go into the PDF: links keep their text, embedded objects are
    left out. The stored form is read, not the expanded HTML, so page links cost
    no query.
    """

    BLOCKS = frozenset(
        {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[Paragraph] = []
        self._parts: list[str] = []
        self._kind = "p"

    def _flush(self):
        text = " ".join("".join(self._parts).split())
        if text:
            self.paragraphs.append(Paragraph(text, self._kind))
        self._parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._flush()
            if tag == "li":
                self._kind = "li"
            elif tag[0] == "h" and tag[1:].isdigit():
                self._kind = "h"
            else:
                self._kind = "p"
        elif tag == "br":
            self._parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._flush()
            self._kind = "p"

    def handle_data(self, data):
        self._parts.append(data)

    def close(self):
        super().close()
        self._flush()


def rich_text_paragraphs(source: str) -> list[Paragraph]:
    reader = _RichTextReader()
    reader.feed(source)
    reader.close()
    return [Paragraph(vietnamese.nfc(p.text), p.kind) for p in reader.paragraphs]


def _image_bytes(image, spec: str) -> tuple[BytesIO, int, int] | None:
    """A rendition's bytes with its size, from local storage; None when the image,
    its file or local storage is missing: the PDF is made without it."""
    try:
        rendition = image.get_rendition(spec)
        # Only files on this machine: fetching from object storage inside a
        # request is what the project never does.
        path = rendition.file.path
        with open(path, "rb") as handle:
            data = BytesIO(handle.read())
        return data, rendition.width, rendition.height
    except Exception:  # noqa: BLE001 - a broken image must not cost the reader the PDF
        logger.warning(
            "image %s left out of an article PDF", getattr(image, "pk", None)
        )
        return None


class ArticlePDF(FPDF):
    """A4 pages with the portal's name and the page number at the foot."""

    def __init__(self, footer_text: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.set_margins(20, 16, 20)
        self.set_auto_page_break(True, margin=18)
        self.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        self.set_lang("vi")
        self.set_display_mode("fullwidth")

    def footer(self):
        self.set_y(-13)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(90, 90, 90)
        self.cell(
            0,
            5,
            f"{self.footer_text} - Trang {self.page_no()}/{{nb}}",
            align="C",
        )


def build_pdf(article, *, source_url: str, agency, saved_on) -> bytes:
    """The PDF of ``article`` (its title, date, lead, body, author), headed with
    ``agency``'s names and emblem, naming ``source_url`` and the day ``saved_on``."""
    title = vietnamese.nfc(article.title)
    portal_name = vietnamese.nfc(agency.portal_name or "")
    pdf = ArticlePDF(portal_name or source_url)
    pdf.set_title(title)
    pdf.set_author(vietnamese.nfc(article.author or portal_name))
    pdf.set_subject(vietnamese.nfc(article.lead)[:500])
    pdf.set_creator(portal_name)
    pdf.set_producer("congtin")
    pdf.add_page()
    width = pdf.epw

    _header(pdf, agency)

    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(80, 80, 80)
    pdf.multi_cell(
        0,
        5,
        f"Thời gian: {vietnamese.format_datetime(article.date)}",
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 7.5, title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    lead = vietnamese.nfc(article.lead)
    if agency.source_tag:
        lead = f"{vietnamese.nfc(agency.source_tag)} - {lead}"
    pdf.set_font(FONT, "B", 11)
    pdf.multi_cell(0, 5.8, lead, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    for block in article.body:
        _block(pdf, block, width)

    if article.author:
        pdf.ln(1)
        pdf.set_font(FONT, "B", 11)
        pdf.multi_cell(
            0,
            6,
            vietnamese.nfc(article.author),
            align="R",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.ln(4)
    # The source and the date stay together on one page, below a rule.
    if pdf.get_y() + 22 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.set_draw_color(160, 160, 160)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
    pdf.ln(2)
    pdf.set_font(FONT, "", 9)
    # A link as well as text: the saved file leads back to the current article.
    pdf.multi_cell(
        0,
        5,
        f"Nguồn: {source_url}",
        align="L",
        link=source_url,
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.multi_cell(
        0,
        5,
        f"Ngày lưu: {vietnamese.format_date(saved_on)}",
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())


def _header(pdf: ArticlePDF, agency) -> None:
    top = pdf.get_y()
    left = pdf.l_margin
    emblem = _image_bytes(agency.emblem, EMBLEM_RENDITION) if agency.emblem else None
    if emblem is not None:
        data, w, h = emblem
        size = 16
        try:
            pdf.image(data, x=left, y=top, h=size, w=size * w / h if h else size)
            left += size * (w / h if h else 1) + 4
        except Exception:  # noqa: BLE001 - an unreadable emblem leaves the names alone
            logger.warning("emblem left out of an article PDF")
    pdf.set_xy(left, top)
    # As the site's header shows it (templates/base.html); the portal's full name
    # is at the foot of every page.
    lines = [(agency.header_title, "", 10), (agency.agency_name, "B", 14)]
    for text, style, size in lines:
        if text:
            pdf.set_x(left)
            pdf.set_font(FONT, style, size)
            pdf.multi_cell(
                pdf.epw - (left - pdf.l_margin),
                size * 0.5,
                vietnamese.nfc(text),
                align="L",
                new_x="LEFT",
                new_y="NEXT",
            )
    bottom = max(pdf.get_y(), top + (16 if emblem is not None else 0)) + 3
    pdf.set_draw_color(180, 30, 30)
    pdf.set_line_width(0.6)
    pdf.line(pdf.l_margin, bottom, pdf.l_margin + pdf.epw, bottom)
    pdf.set_line_width(0.2)
    pdf.set_xy(pdf.l_margin, bottom + 4)


def _block(pdf: ArticlePDF, block, width: float) -> None:
    kind = block.block_type
    if kind == "paragraph":
        for paragraph in rich_text_paragraphs(block.value.source):
            if paragraph.kind == "h":
                pdf.ln(1)
                pdf.set_font(FONT, "B", 12)
                pdf.multi_cell(
                    0, 6.5, paragraph.text, align="L", new_x="LMARGIN", new_y="NEXT"
                )
            elif paragraph.kind == "li":
                pdf.set_font(FONT, "", 11)
                pdf.set_x(pdf.l_margin + 5)
                pdf.multi_cell(
                    width - 5,
                    5.8,
                    f"• {paragraph.text}",
                    align="L",
                    new_x="LMARGIN",
                    new_y="NEXT",
                )
            else:
                pdf.set_font(FONT, "", 11)
                pdf.multi_cell(
                    0, 5.8, paragraph.text, align="J", new_x="LMARGIN", new_y="NEXT"
                )
            pdf.ln(2)
    elif kind == "image":
        _figure(pdf, block.value, width)
    elif kind == "quote":
        text = vietnamese.nfc(block.value.get("text") or "")
        who = vietnamese.nfc(block.value.get("attribution") or "")
        pdf.set_font(FONT, "", 11)
        pdf.set_x(pdf.l_margin + 8)
        pdf.multi_cell(
            width - 8, 5.8, f"“{text}”", align="L", new_x="LMARGIN", new_y="NEXT"
        )
        if who:
            pdf.set_x(pdf.l_margin + 8)
            pdf.multi_cell(
                width - 8, 5.8, f"- {who}", align="L", new_x="LMARGIN", new_y="NEXT"
            )
        pdf.ln(2)
    # Target figures ("target") are live numbers: the PDF's reader follows the
    # source address for them rather than keep a copy that goes out of date.


def _figure(pdf: ArticlePDF, value, width: float) -> None:
    image = value.get("image")
    caption = vietnamese.nfc(value.get("caption") or "")
    found = _image_bytes(image, IMAGE_RENDITION) if image is not None else None
    if found is not None:
        data, w, h = found
        shown_w = width
        shown_h = shown_w * h / w if w else MAX_IMAGE_HEIGHT_MM
        if shown_h > MAX_IMAGE_HEIGHT_MM:
            shown_h = MAX_IMAGE_HEIGHT_MM
            shown_w = shown_h * w / h
        if pdf.get_y() + shown_h > pdf.page_break_trigger:
            pdf.add_page()
        x = pdf.l_margin + (width - shown_w) / 2
        try:
            pdf.image(
                data,
                x=x,
                w=shown_w,
                h=shown_h,
                alt_text=vietnamese.nfc(value.get("alt_text") or caption),
            )
        except Exception:  # noqa: BLE001 - as for a missing file: text goes on
            logger.warning("image left out of an article PDF")
    if caption:
        pdf.set_font(FONT, "", 9)
        pdf.set_text_color(70, 70, 70)
        pdf.multi_cell(0, 4.8, caption, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
    pdf.ln(3)


def article_pdf(article, *, source_url: str, agency, host: str) -> bytes:
    """The PDF of ``article`` as ``build_pdf`` makes it, kept until the article is
    published again, the agency settings or an image change, or the day ends."""
    today = timezone.localdate()
    key = (
        f"congtin:article-pdf:{article.cache_key}:{host}:{today.isoformat()}:"
        f"{fragments.version()}"
    )
    content = cache.get(key)
    if content is None:
        content = build_pdf(
            article, source_url=source_url, agency=agency, saved_on=today
        )
        cache.set(key, content, fragments.FRAGMENT_SECONDS)
    return content
