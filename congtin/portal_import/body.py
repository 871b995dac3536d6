"""An old article's body HTML as the body blocks of an ``ArticlePage``.

Each paragraph, heading or list becomes a ``paragraph`` block holding only what the
body's rich text allows (bold, italic, links, lists, h2, h3: Wagtail's own
whitelist for those features, so what comes in is what an editor could have
typed); each photo with its caption becomes an ``image`` reference, resolved into
the image library by the importer. Scripts, styles, frames, forms and every
attribute but a link's address are dropped.
"""

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from congtin.core.vietnamese import clean_text

from .errors import MAX_DEPTH, TOO_DEEP, ItemError

# ArticlePage.body's paragraph features (congtin/core/blocks.py, BodyBlock).
FEATURES = ["bold", "italic", "link", "ol", "ul", "h2", "h3"]
DROPPED = (
    "script",
    "style",
    "noscript",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "svg",
    "math",
    "template",
    "link",
    "meta",
    "head",
    "title",
    "video",
    "audio",
    "canvas",
)
TEXT_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre"}
CONTAINERS = {
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "center",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "dl",
    "dd",
    "dt",
    "body",
    "html",
}
HEADING_LEVEL = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
# Captions written by common publishing tools (WordPress, CKEditor, the Hải Phòng
# portal's own); a mapping file may name others.
DEFAULT_FIGURE = "figure, table.image, .wp-caption, .image"
DEFAULT_CAPTION = (
    "figcaption, .wp-caption-text, .image-caption, .caption, caption, td.caption"
)
MAX_CAPTION = 500
LINK_SCHEMES = ("http", "https", "mailto", "tel")
_SPACES = re.compile(r"\s+")


@dataclass
class ImageRef:
    src: str  # absolute address, or relative to the saved page's folder
    caption: str
    alt: str


Block = tuple[str, str | ImageRef]

_converter = EditorHTMLConverter(features=FEATURES)


def text_of(node) -> str:
    """The text a reader sees: spaces collapsed, NFC, no control characters."""
    if node is None:
        return ""
    text = node.get_text(" ") if isinstance(node, Tag) else str(node)
    return clean_text(_SPACES.sub(" ", text))


def check_depth(node: Tag) -> None:
    """ItemError when elements nest deeper than MAX_DEPTH (walked without
    recursion)."""
    stack = [(node, 0)]
    while stack:
        current, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ItemError(TOO_DEEP)
        stack.extend((c, depth + 1) for c in current.children if isinstance(c, Tag))


def parse(html: str) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    check_depth(soup)
    for name in DROPPED:
        for tag in soup.find_all(name):
            tag.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    return soup


class BodyConverter:
    def __init__(
        self,
        base_url: str,
        figure_selector: str = "",
        caption_selector: str = "",
        local_images: bool = False,
    ):
        """``base_url`` resolves relative links and photos; with ``local_images``
        (saved pages) a photo's relative address is kept, to be read beside the
        page, and only one from the site's root ("/...") is resolved."""
        self.base_url = base_url
        self.local_images = local_images
        self.figure_selector = ", ".join(
            s for s in (figure_selector, DEFAULT_FIGURE) if s
        )
        self.caption_selector = ", ".join(
            s for s in (caption_selector, DEFAULT_CAPTION) if s
        )

    def convert(self, container: Tag) -> list[Block]:
        """The blocks of ``container``'s children, in order."""
        self.blocks: list[Block] = []
        self.inline: list = []
        for child in list(container.children):
            self._walk(child)
        self._flush_inline()
        return self.blocks

    # --- walking ----------------------------------------------------------------

    def _walk(self, node) -> None:
        if isinstance(node, NavigableString):
            self.inline.append(node)
            return
        if not isinstance(node, Tag):
            return
        name = node.name
        if name == "br":
            self._flush_inline()
            return
        if name == "hr":
            self._flush_inline()
            return
        if self._is_figure(node):
            self._flush_inline()
            self._figure(node)
            return
        if name == "img":
            self._flush_inline()
            self._image(node, caption="")
            return
        if self._is_caption(node) and self._last_image_without_caption():
            self._flush_inline()
            image = self.blocks[-1][1]
            assert isinstance(image, ImageRef)
            image.caption = text_of(node)[:MAX_CAPTION]
            return
        if name in TEXT_BLOCKS:
            self._flush_inline()
            if node.find("img") is not None:
                # A paragraph that only holds a photo (CKEditor's way): the
                # photo, then whatever text was beside it.
                self._mixed(node)
            else:
                self._text_block(node)
            return
        if name in CONTAINERS or self._has_blocks(node):
            self._flush_inline()
            for child in list(node.children):
                self._walk(child)
            self._flush_inline()
            return
        if node.find("img") is not None:
            self._mixed(node)
            return
        self.inline.append(node)

    def _mixed(self, node: Tag) -> None:
        for child in list(node.children):
            self._walk(child)
        self._flush_inline()

    def _has_blocks(self, node: Tag) -> bool:
        return (
            node.find(
                list(TEXT_BLOCKS | CONTAINERS | {"img", "figure"}), recursive=True
            )
            is not None
        )

    def _is_figure(self, node: Tag) -> bool:
        if node.name != "img" and node.find("img") is None:
            return False
        return node.css.match(self.figure_selector)

    def _is_caption(self, node: Tag) -> bool:
        return node.css.match(self.caption_selector)

    def _last_image_without_caption(self) -> bool:
        if self.inline and any(text_of(n) for n in self.inline):
            return False
        if not self.blocks or self.blocks[-1][0] != "image":
            return False
        image = self.blocks[-1][1]
        return isinstance(image, ImageRef) and not image.caption

    # --- blocks -----------------------------------------------------------------

    def _figure(self, node: Tag) -> None:
        images = node.find_all("img") if node.name != "img" else [node]
        caption_node = None
        for candidate in node.select(self.caption_selector):
            if candidate.find("img") is None:
                caption_node = candidate
                break
        if caption_node is not None:
            caption = text_of(caption_node)
        else:
            # A table or box with the photo and a line of text under it.
            caption = text_of(node)
        for index, img in enumerate(images):
            self._image(img, caption=caption if index == len(images) - 1 else "")

    def _image(self, img: Tag, caption: str) -> None:
        src = str(img.get("src") or img.get("data-src") or "").strip()
        if not src or src.startswith("data:"):
            return
        relative = urlsplit(src).scheme == "" and not src.startswith("/")
        if self.base_url and not (relative and self.local_images):
            src = urljoin(self.base_url, src)
        alt = clean_text(img.get("alt") or "")[:MAX_CAPTION]
        self.blocks.append(("image", ImageRef(src, caption[:MAX_CAPTION], alt)))

    def _text_block(self, node: Tag) -> None:
        if not text_of(node):
            return
        name = node.name
        if name in HEADING_LEVEL:
            inner = self._clean_inner(node)
            html = f"<{HEADING_LEVEL[name]}>{inner}</{HEADING_LEVEL[name]}>"
        elif name in ("ul", "ol"):
            self._absolute_links(node)
            self._clean_strings(node)
            html = _converter.to_database_format(str(node))
        else:
            html = f"<p>{self._clean_inner(node)}</p>"
        if _has_text(html):
            self.blocks.append(("paragraph", html))

    def _flush_inline(self) -> None:
        nodes, self.inline = self.inline, []
        if not any(text_of(n) for n in nodes):
            return
        wrapper = BeautifulSoup("<p></p>", "html.parser")
        p = wrapper.p
        assert p is not None
        for n in nodes:
            p.append(n.extract() if isinstance(n, Tag) else NavigableString(str(n)))
        html = f"<p>{self._clean_inner(p)}</p>"
        if _has_text(html):
            self.blocks.append(("paragraph", html))

    def _absolute_links(self, node: Tag) -> Tag:
        for a in node.find_all("a"):
            href = str(a.get("href") or "").strip()
            if href.startswith("#"):
                href = ""
            elif href and self.base_url:
                href = urljoin(self.base_url, href)
            # Only links a reader can follow stay links; javascript:, data:,
            # in-page anchors of the old layout and empty ones become text.
            if urlsplit(href).scheme in LINK_SCHEMES:
                a.attrs = {"href": href}
            else:
                a.unwrap()
        return node

    def _clean_strings(self, node: Tag) -> None:
        for string in list(node.find_all(string=True)):
            string.replace_with(
                NavigableString(_SPACES.sub(" ", clean_text_keep_spaces(str(string))))
            )

    def _clean_inner(self, node: Tag) -> str:
        """The inside of a paragraph, whitelisted, its text cleaned and its
        spaces collapsed as a browser shows them."""
        self._absolute_links(node)
        self._clean_strings(node)
        inner = "".join(str(child) for child in node.children)
        html = _converter.to_database_format(inner)
        # Nested paragraphs and divs come out as <p>; one block holds one paragraph.
        html = re.sub(r"</?p>", " ", html)
        return _SPACES.sub(" ", html).strip()


def clean_text_keep_spaces(text: str) -> str:
    """clean_text without trimming: the spaces around an inline tag are words'."""
    cleaned = clean_text(text, multiline=False)
    if not cleaned:
        return " " if text.strip() == "" and text else ""
    lead = " " if text[:1].isspace() else ""
    tail = " " if text[-1:].isspace() else ""
    return lead + cleaned + tail


def _has_text(html: str) -> bool:
    return bool(BeautifulSoup(html, "html.parser").get_text().strip())
