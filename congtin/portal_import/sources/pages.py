"""Saved HTML pages of an old portal, read with a mapping file (docs/import.md).

The mapping is TOML: a CSS selector for each part of the article page
(``title``, ``time``, ``lead``, ``body``, and optionally ``author``, ``figure``,
``caption``, ``section``, ``tags``, ``url``, ``remove``). The same mapping reads
the page of each feed item when a feed carries summaries only.
"""

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Comment, Tag

from ..body import BodyConverter, check_depth, parse, text_of
from ..items import TOO_DEEP, ItemError, SourceItem, normalise_url
from .common import parse_iso_datetime, parse_vietnamese_datetime, settle

REQUIRED = ("title", "time", "lead", "body")
OPTIONAL = ("author", "figure", "caption", "section", "tags", "url", "encoding")
MAX_MAPPING_BYTES = 64 * 1024
PAGE_SUFFIXES = (".html", ".htm")
# Compiles the mapping's selectors (bs4's door to soupsieve) before any page is read.
_EMPTY = BeautifulSoup("", "html.parser")
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)")


class MappingError(Exception):
    pass


@dataclass
class Mapping:
    title: str
    time: str
    lead: str
    body: str
    author: str = ""
    figure: str = ""
    caption: str = ""
    section: str = ""
    tags: str = ""
    url: str = ""
    encoding: str = ""
    remove: list[str] = field(default_factory=list)


def load_mapping(path: Path) -> Mapping:
    """The mapping file, checked: every selector compiles; a MappingError with a
    Vietnamese message otherwise."""
    try:
        if path.stat().st_size > MAX_MAPPING_BYTES:
            raise MappingError(f"tệp ánh xạ {path} lớn quá 64 KB")
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MappingError(f"không đọc được tệp ánh xạ {path}: {exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise MappingError(f"tệp ánh xạ {path} không đúng cú pháp TOML: {exc}") from exc
    unknown = set(data) - set(REQUIRED) - set(OPTIONAL) - {"remove"}
    if unknown:
        raise MappingError(f"tệp ánh xạ có khóa lạ: {', '.join(sorted(unknown))}")
    missing = [key for key in REQUIRED if not data.get(key)]
    if missing:
        raise MappingError(f"tệp ánh xạ thiếu bộ chọn: {', '.join(missing)}")
    remove = data.get("remove", [])
    if isinstance(remove, str):
        remove = [remove]
    values = {key: data.get(key, "") for key in REQUIRED + OPTIONAL}
    for key, value in [*values.items(), *(("remove", r) for r in remove)]:
        if not isinstance(value, str):
            raise MappingError(f"“{key}” trong tệp ánh xạ phải là chuỗi")
        if value and key != "encoding":
            try:
                _EMPTY.css.compile(value)
            except Exception as exc:
                raise MappingError(
                    f"bộ chọn CSS “{key}” không hợp lệ: {value!r} ({exc})"
                ) from exc
    return Mapping(**values, remove=list(remove))


def page_files(path: Path, max_items: int) -> list[Path]:
    if path.is_file():
        return [path]
    files = sorted(
        p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES
    )
    return files[: max_items + 1]


def read_pages(
    paths: list[Path], root: Path, mapping: Mapping, base_url: str, max_bytes: int
) -> Iterator[SourceItem]:
    for path in paths:
        item = SourceItem(label=str(path.relative_to(root) if path != root else path))
        try:
            if path.stat().st_size > max_bytes:
                raise ItemError("tệp lớn quá giới hạn PORTAL_IMPORT_MAX_PAGE_BYTES")
            data = path.read_bytes()
            url = ""
            if base_url:
                relative = (
                    path.relative_to(root).as_posix() if path != root else path.name
                )
                url = urljoin(base_url, relative)
            read_page(item, data, mapping, fallback_url=url)
            item.base_dir = path.parent
        except ItemError as exc:
            item.error = str(exc)
        except RecursionError:
            item.error = TOO_DEEP
        yield item


def read_page(
    item: SourceItem,
    data: bytes,
    mapping: Mapping,
    fallback_url: str = "",
    local_images: bool = True,
) -> None:
    """Fill ``item`` from one article page; ItemError when a part is missing."""
    soup = BeautifulSoup(data, "html.parser", from_encoding=mapping.encoding or None)
    check_depth(soup)
    url = _page_url(soup, mapping) or fallback_url
    if not url:
        raise ItemError(
            "không biết địa chỉ cũ của trang (không có link rel=canonical, og:url; "
            "dùng --base-url)"
        )
    item.original_url = normalise_url(url)
    item.label = item.original_url
    item.title = _text(soup, mapping.title)
    time_node = soup.select_one(mapping.time)
    if time_node is None:
        raise ItemError(f"không thấy thời gian ({mapping.time})")
    item.date = (
        parse_iso_datetime(str(time_node.get("datetime") or ""))
        if time_node.get("datetime")
        else None
    ) or parse_vietnamese_datetime(text_of(time_node))
    lead = _text(soup, mapping.lead)
    body = soup.select_one(mapping.body)
    if body is None:
        raise ItemError(f"không thấy nội dung bài ({mapping.body})")
    if mapping.author:
        author_node = soup.select_one(mapping.author)
        if author_node is not None:
            item.author = text_of(author_node)
            author_node.decompose()
    lead_node = body.select_one(mapping.lead)
    if lead_node is not None:
        lead_node.decompose()
    for selector in mapping.remove:
        for node in body.select(selector):
            node.decompose()
    if mapping.section:
        item.section = _text(soup, mapping.section)
    if mapping.tags:
        item.tags = [text_of(node) for node in soup.select(mapping.tags)]
    body = parse(str(body))
    converter = BodyConverter(
        item.original_url,
        figure_selector=mapping.figure,
        caption_selector=mapping.caption,
        local_images=local_images,
    )
    item.blocks = converter.convert(body)
    settle(item, lead)


def _text(soup: BeautifulSoup, selector: str) -> str:
    node = soup.select_one(selector)
    return text_of(node) if node is not None else ""


def _page_url(soup: BeautifulSoup, mapping: Mapping) -> str:
    for selector in (mapping.url, "link[rel=canonical]", 'meta[property="og:url"]'):
        if not selector:
            continue
        node = soup.select_one(selector)
        if isinstance(node, Tag):
            value = node.get("href") or node.get("content") or text_of(node)
            if isinstance(value, str) and value.startswith(("http://", "https://")):
                return value
    # Browsers write where a page was saved from in a comment at its top.
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        match = _SAVED_FROM.search(str(comment))
        if match and match.group(1).startswith(("http://", "https://")):
            return match.group(1)
    return ""
