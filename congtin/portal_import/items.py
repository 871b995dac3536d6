"""One article as read from the old portal, before it is placed in the new one."""

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.utils.encoding import iri_to_uri

from .body import Block
from .errors import TOO_DEEP, ItemError

__all__ = ["TOO_DEEP", "ItemError", "SourceItem", "normalise_url", "strip_source_tag"]

# "(Haiphong.gov.vn) - " before a lead: the old portal's source tag. The new
# portal shows its own (AgencySettings.source_tag), so the old one is dropped.
SOURCE_TAG = re.compile(r"^\([^()\n]{1,80}\)\s*[-–—]\s*")


@dataclass
class SourceItem:
    label: str  # what the report names: the old address, or the file
    original_url: str = ""
    title: str = ""
    date: datetime | None = None
    lead: str = ""
    blocks: list[Block] = field(default_factory=list)
    author: str = ""
    section: str = ""
    tags: list[str] = field(default_factory=list)
    base_dir: Path | None = None  # where a saved page's relative images are
    error: str = ""  # set when the item could not be read


def strip_source_tag(lead: str) -> str:
    return SOURCE_TAG.sub("", lead, count=1).strip()


def normalise_url(url: str) -> str:
    """The address as stored and compared: a URI, scheme and host in lower case,
    without the fragment."""
    parts = urlsplit(iri_to_uri(url.strip()))
    return urlunsplit(
        (
            parts.scheme.lower(),
            parts.netloc.lower(),
            parts.path or "/",
            parts.query,
            "",
        )
    )
