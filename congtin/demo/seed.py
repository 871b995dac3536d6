"""Read the seed article of the Hai Phong portal, exactly as published.

The file is plain text: header, time, title, lead, paragraphs separated by a blank
line with the photo captions among them, then the byline and the agency footer.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from congtin.core.vietnamese import nfc

SEED_PATH = Path(__file__).resolve().parent / "seed" / "haiphong-le-chan-2021-12-21.txt"
_SOURCE_TAG_RE = re.compile(r"^(\([^)]+\)) - (.*)$", re.S)
_FOOTER_START = "Cổng thông tin điện tử thành phố"


@dataclass
class SeedArticle:
    header_title: str
    agency_name: str
    date: datetime
    title: str
    source_tag: str
    lead: str
    body: list[tuple[str, str]]  # ("paragraph" | "image", text or caption)
    author: str
    footer: dict[str, str] = field(default_factory=dict)
    footer_lines: list[str] = field(default_factory=list)


def split_blocks(text: str) -> list[tuple[str, bool]]:
    """Paragraphs, each with a flag telling whether it is a photo caption.

    In the text a photo left an empty line of its own, so a caption comes after
    one blank line more than usual; the text after a caption comes back the same
    way.
    """
    parts = re.split(r"(\n{2,})", text)
    blocks = []
    previous_was_caption = False
    for index in range(0, len(parts), 2):
        before = parts[index - 1] if index > 0 else ""
        is_caption = before.count("\n") >= 3 and not previous_was_caption
        blocks.append((parts[index], is_caption))
        previous_was_caption = is_caption
    return blocks


def _after_colon(line: str) -> str:
    return line.split(":", 1)[1].strip()


def parse_seed(path: Path = SEED_PATH) -> SeedArticle:
    text = nfc(path.read_text(encoding="utf-8"))
    blocks = split_blocks(text)
    header_title, agency_name, time_line, title, lead_line = (b for b, _ in blocks[:5])
    date = datetime.strptime(_after_colon(time_line), "%d/%m/%Y %H:%M").replace(
        tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")
    )
    match = _SOURCE_TAG_RE.match(lead_line)
    if match is None:
        raise ValueError(f"seed: the lead has no source tag: {lead_line!r}")
    source_tag, lead = match.groups()
    rest = blocks[5:]
    footer_index = next(
        i for i, (b, _) in enumerate(rest) if b.startswith(_FOOTER_START)
    )
    body_blocks, author = rest[: footer_index - 1], rest[footer_index - 1][0]
    body = [
        ("image" if is_caption else "paragraph", b) for b, is_caption in body_blocks
    ]
    footer_lines = [b.strip() for b, _ in rest[footer_index:]]
    return SeedArticle(
        header_title=header_title,
        agency_name=agency_name,
        date=date,
        title=title,
        source_tag=source_tag,
        lead=lead,
        body=body,
        author=author,
        footer=_parse_footer(footer_lines),
        footer_lines=footer_lines,
    )


def _parse_footer(lines: list[str]) -> dict[str, str]:
    footer = {"portal_name": lines[0]}
    addresses = []
    for line in lines[1:]:
        label, _, value = line.partition(":")
        value = value.strip()
        if label == "Cơ quan quản lý":
            footer["managing_agency"] = value
        elif label == "Trưởng Ban biên tập":
            title, _, name = value.rpartition(" Văn phòng ")
            footer["editor_in_chief_title"] = f"{title} Văn phòng".strip()
            footer["editor_in_chief_name"] = name
        elif label == "Địa chỉ":
            addresses.append(value)
        elif label == "Cơ quan thường trực":
            footer["standing_body"] = value
        elif label == "Điện thoại":
            footer["phone"] = value
        elif label == "Fax":
            footer["fax"] = value
        elif label == "Email":
            footer["email"] = value
    footer["address"], footer["standing_body_address"] = addresses[:2]
    return footer
