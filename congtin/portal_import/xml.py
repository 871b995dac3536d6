"""Reading XML from outside: feeds and WordPress exports are hostile until read.

defusedxml refuses a document type declaration outright (``forbid_dtd``), so no
entity is ever defined: no external entity reads a file or an address (XXE), no
nested entities blow up in memory (billion laughs). The size is checked before
anything is parsed.
"""

from xml.etree.ElementTree import Element, ParseError

# No stubs are published with the package (typeshed's are a separate install).
from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml.ElementTree import fromstring  # type: ignore[import-untyped]

from .items import ItemError


def parse_xml(data: bytes) -> Element:
    try:
        return fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise ItemError(
            "tệp XML có khai báo DTD hoặc thực thể (entity), không đọc vì lý do an toàn"
        ) from exc
    except ParseError as exc:
        raise ItemError(f"tệp XML hỏng: {exc}") from exc


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def children(element: Element, name: str, ns: str | None = None) -> list[Element]:
    """Children named ``name`` (local name); ``ns``: their namespace starts with it
    ("" for none)."""
    return [
        child
        for child in element
        if local(child.tag) == name
        and (ns is None or namespace(child.tag).startswith(ns))
    ]


def child_text(element: Element, name: str, ns: str | None = None) -> str:
    found = children(element, name, ns)
    return (found[0].text or "").strip() if found else ""
