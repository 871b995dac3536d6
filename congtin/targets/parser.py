"""Propose structured targets from the targets paragraph of a resolution or report.

``parse_targets(text)`` reads prose such as "Kết nạp mới 168 đảng viên trở lên;
giá trị sản xuất công nghiệp do quận quản lý là 423,2 tỷ đồng; không có hộ nghèo…"
and returns one proposal per clause. Editors review the proposals before anything is
saved, so the rules prefer a plain, predictable reading:

- clauses are separated by ";" or new lines (list markers "-", "+", "•", "a)" are
  dropped); the part before "như:" / "gồm:" (the introduction) is not a clause;
- the value is the first number followed by a known unit ("%" included), read in the
  Vietnamese format ("1.057,091" = 1057.091);
- direction: "trở lên", "ít nhất", "tối thiểu", "không dưới", "không thấp hơn",
  "trên" are *at least*; "trở xuống", "tối đa", "không quá", "không vượt quá",
  "dưới", "còn", "giảm … xuống" are *at most*; "không có/không còn/không để xảy
  ra X" is *at most 0*; "hoàn thành N% …" and "hoàn thành … chỉ tiêu … giao" are
  *complete*; with no such word, 100 % is *exactly* (nothing is above 100 %) and any
  other value is *at least*, because a plan's figure is the level to reach and going
  beyond it counts as meeting it;
- a clause with no value and no such wording is skipped, with the reason.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from congtin.core.vietnamese import nfc, parse_number, slugify

from .vocab import UNITS, Direction, Group, Measure

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_UNIT_ALTERNATION = "|".join(re.escape(unit) for unit in UNITS)
# A number then a unit; the unit must end at a word boundary ("hộ" but not "hội").
_VALUE_RE = re.compile(
    rf"(?<![\d.,/-])(?P<number>{NUMBER})\s*(?P<unit>{_UNIT_ALTERNATION})(?![^\W_])",
    re.IGNORECASE,
)
_DECLARED_RE = re.compile(
    r"(?P<count>\d+)\s+chỉ tiêu\s+(?:chủ yếu|chủ yêu|cơ bản|chính|quan trọng)",
    re.IGNORECASE,
)
_INTRO_RE = re.compile(
    r"^.*?chỉ tiêu[^:;]*?(?:như|gồm|sau|là|cụ thể)\s*:\s*", re.IGNORECASE | re.DOTALL
)
_MARKER_RE = re.compile(r"^\s*(?:[-+•*–]|\(?[a-zđ0-9]{1,2}[).])\s+", re.IGNORECASE)
_NONE_RE = re.compile(
    r"^(?:(?:phấn đấu|bảo đảm|đảm bảo)\s+)?không\s+(?:có|còn|để xảy ra|phát sinh)\s+",
    re.IGNORECASE,
)

_AT_LEAST_AFTER = ("trở lên", "ít nhất", "tối thiểu")
# A direction word may follow the unit after a word or two of the counted thing:
# "4 tổ chức đảng trở lên".
_AFTER_DIRECTION_RE = re.compile(
    r"^(?P<pre>(?:[^\W\d_]+\s+){0,2}?)"
    r"(?P<word>trở lên|trở xuống|ít nhất|tối thiểu|tối đa)(?![^\W_])\s*",
    re.IGNORECASE,
)
_AT_LEAST_BEFORE = (
    "ít nhất",
    "tối thiểu",
    "không dưới",
    "không thấp hơn",
    "không ít hơn",
    "trên",
    "từ",
)
_AT_MOST_AFTER = ("trở xuống", "tối đa")
_AT_MOST_BEFORE = (
    "không quá",
    "không vượt quá",
    "không vượt",
    "tối đa",
    "dưới",
    "còn",
    "xuống",
    "xuống còn",
    "không cao hơn",
)

# Which group a target belongs to, by words in its clause (checked in this order).
_GROUP_WORDS = [
    (
        Group.PARTY,
        ("đảng viên", "tổ chức đảng", "tổ chức cơ sở đảng", "chi bộ", "kết nạp"),
    ),
    (
        Group.DEFENCE,
        (
            "tuyển quân",
            "giao quân",
            "nhập ngũ",
            "quân sự",
            "quốc phòng",
            "an ninh",
            "tội phạm",
            "dân quân",
            "nghĩa vụ quân sự",
            "trật tự",
        ),
    ),
    (
        Group.ENVIRONMENT,
        (
            "nước sạch",
            "chất thải",
            "rác thải",
            "môi trường",
            "cây xanh",
            "nước thải",
            "vệ sinh",
        ),
    ),
    (
        Group.SOCIETY,
        (
            "việc làm",
            "hộ nghèo",
            "cận nghèo",
            "bảo hiểm",
            "y tế",
            "giáo dục",
            "trường",
            "lao động",
            "dân số",
            "văn hóa",
            "gia đình",
            "trẻ em",
            "học sinh",
            "bác sĩ",
            "giường bệnh",
            "an sinh",
        ),
    ),
]

# Stable indicator keys for common indicators, so that years and units line up.
_INDICATORS = [
    (("kết nạp", "đảng viên"), "ket-nap-dang-vien"),
    (("tổ chức đảng",), "thanh-lap-to-chuc-dang"),
    (("sản xuất công nghiệp",), "gia-tri-san-xuat-cong-nghiep"),
    (("bán lẻ",), "tong-muc-ban-le-hang-hoa"),
    (("lưu trú",), "doanh-thu-luu-tru-an-uong"),
    (("thu ngân sách",), "thu-ngan-sach-tren-dia-ban"),
    (("tuyển quân",), "tuyen-quan"),
    (("việc làm",), "giai-quyet-viec-lam"),
    (("hộ nghèo",), "ho-ngheo"),
    (("bảo hiểm y tế",), "ty-le-tham-gia-bhyt"),
    (("nước sạch",), "ty-le-dan-so-dung-nuoc-sach"),
    (("chất thải rắn",), "ty-le-thu-gom-xu-ly-chat-thai-ran"),
]


@dataclass
class ProposedTarget:
    code: str
    name: str
    group: str
    unit: str
    direction: str
    value: Decimal | None
    measure: str
    indicator: str
    source_text: str


@dataclass
class Skipped:
    text: str
    reason: str


@dataclass
class ParseResult:
    targets: list[ProposedTarget] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    declared_count: int | None = None


def _has_word(text: str, words) -> bool:
    return any(re.search(rf"(?<![^\W_]){re.escape(w)}(?![^\W_])", text) for w in words)


def _ends_with(text: str, words) -> bool:
    return any(text.rstrip().endswith(w) for w in words)


def _clauses(text: str) -> list[str]:
    body = _INTRO_RE.sub("", text, count=1)
    parts = []
    for line in re.split(r"[;\n]+", body):
        line = _MARKER_RE.sub("", line).strip()
        line = re.sub(r"(\.{2,}|…)+$", "", line).strip().rstrip(".").strip()
        if line:
            parts.append(line)
    return parts


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,:-")
    return _capitalize(text)


def _group_for(lowered: str) -> str:
    for group, words in _GROUP_WORDS:
        if _has_word(lowered, words):
            return group
    return Group.ECONOMY


def _indicator_for(lowered: str, name: str) -> str:
    for words, key in _INDICATORS:
        if all(w in lowered for w in words):
            return key
    return slugify(name, max_length=80)


def _split_after(after: str) -> tuple[str, str]:
    """(direction word or "", the rest without it) of the text after the value."""
    match = _AFTER_DIRECTION_RE.match(after)
    if match is None:
        return "", after
    return match["word"].lower(), match["pre"] + after[match.end() :]


def _direction_for(before: str, after: str, unit: str, value: Decimal) -> str:
    if _ends_with(before, ("hoàn thành", "hoàn thành đạt")) or (
        before.startswith("hoàn thành") and unit == "%"
    ):
        return Direction.COMPLETE
    if after.startswith(_AT_LEAST_AFTER) or _ends_with(before, _AT_LEAST_BEFORE):
        return Direction.AT_LEAST
    if after.startswith(_AT_MOST_AFTER) or _ends_with(before, _AT_MOST_BEFORE):
        return Direction.AT_MOST
    if before.startswith(("giảm", "kiềm chế", "hạ")):
        return Direction.AT_MOST
    if unit == "%" and value == 100:
        return Direction.EXACTLY
    return Direction.AT_LEAST


def _name_for(before: str, unit: str, after: str) -> str:
    """The indicator's name: the clause without the value and the wording around it.

    "X là 423,2 tỷ đồng" names X; when the value follows a verb directly ("Kết nạp
    mới 168 đảng viên") the thing counted stays in the name ("Kết nạp mới đảng
    viên"), with "lượt người" read as "người", unless the name already says it
    ("Số vụ tai nạn không quá 12 vụ"). A percentage is never kept.
    """
    named = re.sub(
        r"\s+(?:là|đạt|ở mức|bằng|khoảng)(?:\s+(?:từ|trên|dưới|ít nhất|tối thiểu|"
        r"tối đa|không dưới|không quá|không vượt quá))?\s*$",
        "",
        before,
        flags=re.IGNORECASE,
    )
    stripped = re.sub(
        r"\s*(?:ít nhất|tối thiểu|không dưới|không thấp hơn|không ít hơn|trên|từ|"
        r"không quá|không vượt quá|tối đa|dưới|xuống còn|còn|đạt|là)\s*$",
        "",
        named,
        flags=re.IGNORECASE,
    )
    after = after.strip()
    counted = unit.removeprefix("lượt ")
    if unit == "%" or named != before or counted in stripped.lower():
        return _tidy(f"{stripped} {after}")
    return _tidy(f"{stripped} {counted} {after}")


def parse_clause(clause: str) -> ProposedTarget | Skipped:
    """One clause -> a proposal (code left empty) or the reason it was skipped."""
    text = nfc(" ".join(clause.split()))
    lowered = text.lower()
    none = _NONE_RE.match(text)
    if none:
        rest = text[none.end() :]
        unit = next(
            (u for u in UNITS if re.match(rf"{re.escape(u)}(?![^\W_])", rest.lower())),
            None,
        )
        if unit is None:
            return Skipped(text, "Không nhận ra đơn vị tính sau “không có”.")
        name = _tidy(f"Số {rest}")
        return ProposedTarget(
            code="",
            name=name,
            group=_group_for(lowered),
            unit=unit,
            direction=Direction.AT_MOST,
            value=Decimal(0),
            measure=Measure.LEVEL,
            indicator=_indicator_for(lowered, name),
            source_text=text,
        )
    match = _VALUE_RE.search(text)
    if match is None:
        if lowered.startswith("hoàn thành") and "chỉ tiêu" in lowered:
            name = _tidy(text)
            return ProposedTarget(
                code="",
                name=name,
                group=_group_for(lowered),
                unit="%",
                direction=Direction.COMPLETE,
                value=Decimal(100),
                measure=Measure.LEVEL,
                indicator=_indicator_for(lowered, name),
                source_text=text,
            )
        return Skipped(text, "Không tìm thấy con số kèm đơn vị tính.")
    unit = next(u for u in UNITS if u.lower() == match["unit"].lower())
    value = parse_number(match["number"])
    before = text[: match.start()].rstrip()
    word, after = _split_after(text[match.end() :].strip())
    direction = _direction_for(before.lower(), word, unit, value)
    name = _name_for(before, unit, after)
    level = unit == "%" or direction in (Direction.COMPLETE, Direction.AT_MOST)
    return ProposedTarget(
        code="",
        name=name,
        group=_group_for(lowered),
        unit=unit,
        direction=direction,
        value=value,
        measure=Measure.LEVEL if level else Measure.CUMULATIVE,
        indicator=_indicator_for(lowered, name),
        source_text=text,
    )


def parse_targets(text: str, first_number: int = 1) -> ParseResult:
    """Proposals for every clause of ``text``, coded CT01, CT02… from ``first_number``."""
    text = nfc(text or "")
    result = ParseResult()
    declared = _DECLARED_RE.search(text)
    if declared:
        result.declared_count = int(declared["count"])
    number = first_number
    for clause in _clauses(text):
        proposal = parse_clause(clause)
        if isinstance(proposal, Skipped):
            result.skipped.append(proposal)
            continue
        proposal.code = f"CT{number:02d}"
        number += 1
        result.targets.append(proposal)
    return result
