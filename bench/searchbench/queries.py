"""The timed query mix: what readers of a city portal type, in ten kinds.

Half the queries are written here; the other half are taken from corpus articles
(a name, a document code, a date, a number, a run of words from the body), so they are
known to match. Everything is deterministic: the same arguments give the same list.
"""

from __future__ import annotations

import random
import re
import unicodedata
from itertools import zip_longest

from congtin.core.vietnamese import strip_diacritics

from .corpus import RARE, article

COMMON = [
    "quận",
    "năm",
    "thành phố",
    "nhân dân",
    "ủy ban",
    "phát triển",
    "công tác",
    "quan",
    "nam",
    "thanh pho",
    "Quận",
    "NĂM",
    "dân",
    "hải phòng",
    "hai phong",
    "phường",
    "kế hoạch",
    "triển khai",
    "năm 2021",
    "quận lê chân",
    "ubnd",
    "hội nghị",
    "đồng chí",
    "dự án",
]
TOPIC_QUERIES = [
    "giải phóng mặt bằng",
    "đất đai",
    "giải phóng mặt bằng lê chân",
    "chuyển đổi số",
    "cải cách hành chính",
    "an toàn giao thông",
    "phòng chống thiên tai",
    "nông thôn mới",
    "bồi thường hỗ trợ tái định cư",
    "thu ngân sách nhà nước",
    "vốn đầu tư công",
    "tiêm vắc xin",
    "chung cư cũ",
    "khu tái định cư Đằng Lâm",
    "đường Hồ Sen Cầu Rào 2",
    "trật tự xây dựng ngô quyền",
    "an sinh xã hội",
    "hộ nghèo",
    "kinh tế biển",
    "tiếp xúc cử tri",
    "hiến máu tình nguyện",
    "nước thải Vĩnh Niệm",
    "huyện Thủy Nguyên",
    "trường tiểu học",
]
UNACCENTED = [
    "giai phong mat bang le chan",
    "giai phong mat bang",
    "dat dai",
    "chuyen doi so",
    "cai cach hanh chinh",
    "ngo quyen",
    "le chan",
    "thuy nguyen",
    "kien thuy",
    "dang lam",
    "du hang kenh",
    "tai dinh cu",
    "ngan sach",
    "dau tu cong",
    "an toan thuc pham",
    "phong chay chua chay",
    "ve sinh moi truong",
    "uy ban nhan dan quan",
    "so tai nguyen va moi truong",
    "hoi dong nhan dan",
    "chu tich ubnd quan",
    "ho ngheo",
    "tiem vac xin covid",
    "cong an quan hai an",
]
PHRASES = [
    '"giải phóng mặt bằng"',
    '"ủy ban nhân dân"',
    '"hòa giải ở cơ sở"',
    '"le chan"',
    '"an toàn thực phẩm"',
    '"giải phóng mặt bằng" ngô quyền',
    '"chung cư cũ"',
    '"nhiệm vụ trọng tâm"',
    '"dich covid"',
    '"tái định cư" đằng lâm',
]
VARIANTS = [
    "hoà giải",
    "hòa giải",
    "thuỷ lợi",
    "thủy lợi",
    "sức khoẻ",
    "uỷ ban nhân dân",
    unicodedata.normalize("NFD", "giải phóng mặt bằng"),
    unicodedata.normalize("NFD", "Lê Chân"),
    "GIẢI PHÓNG MẶT BẰNG",
    "LÊ CHÂN",
    "Lê Chân",
    "lễ chẩn",
    "kiến thuỵ",
    "đồng hoà",
    "DAT DAI",
    "ĐẤT ĐAI",
]
CODES = [
    "128/NQ-CP",
    "NQ-CP",
    "42/2022/NĐ-CP",
    "15/2021/NĐ-CP",
    "45-NQ/TW",
    "QĐ-UBND",
    "1057/QĐ-UBND",
    "47/2014/NĐ-CP",
    "KH-UBND",
    "ND-CP",
]
FIXED_DATES = ["21/12/2021", "21-12-2021", "11/10/2021", "24/6/2022"]
FIXED_NUMBERS = ["1.057,091", "24.456,6", "15.600"]
MIXED = [
    "kế hoạch cải cách hành chính quận lê chân năm 2022",
    "lãnh đạo ubnd quận ngô quyền kiểm tra dự án",
    "hội nghị tổng kết công tác giải phóng mặt bằng 2021",
    "nghi quyet 128 thich ung an toan linh hoat",
    "tiến độ dự án đường Hồ Sen - Cầu Rào 2",
    "quan le chan xac dinh giai phong mat bang la nhiem vu trong tam",
    "sở xây dựng kiểm tra trật tự xây dựng hải an",
    "thu ngân sách 6 tháng đầu năm 2022 đạt",
]
WARMUP = [
    "xây dựng Đảng",
    "phòng cháy",
    "du lich",
    "hợp tác xã",
    "cây xanh",
    "quốc phòng",
    "bão lũ",
    "thị trường",
    "giáo dục pháp luật",
    "chieu sang do thi",
    '"người có công"',
    "trẻ em",
    "ca trù",
    "nhà văn hóa",
    "1234/QĐ-UBND",
    "03/3/2021",
    "HĐND thành phố",
    "quy hoach",
    "vĩnh bảo",
    "cát hải",
]

_CODE_RE = re.compile(r"\b\d+(?:/\d{4})?/[A-ZĐ]+-[A-ZĐ]+\b")
_DATE_RE = re.compile(r"\b\d{2}/\d{1,2}/\d{4}\b")
_NUMBER_RE = re.compile(r"\b\d{1,3}(?:\.\d{3})+(?:,\d+)?\b|\b\d+,\d+\b")
_NAME_RE = re.compile(r"đồng chí ([^,]+),")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _from_corpus(rng: random.Random, numbers: list[int]) -> dict[str, list[str]]:
    """Known-item queries cut from the given corpus articles."""
    found: dict[str, list[str]] = {
        "code": [],
        "date": [],
        "number": [],
        "phrase": [],
        "mixed": [],
        "rare": [],
    }
    for number in numbers:
        item = article(number)
        body = _nfc(item.body)
        paragraphs = body.split("\n\n")[1:-1] or [body]
        codes = _CODE_RE.findall(body)
        if codes:
            found["code"].append(rng.choice(codes))
        dates = _DATE_RE.findall(body)
        if dates:
            day = rng.choice(dates)
            found["date"].append(day if rng.random() < 0.6 else day.replace("/", "-"))
        numbers_in = _NUMBER_RE.findall(body)
        if numbers_in:
            found["number"].append(rng.choice(numbers_in))
        tokens = [t.strip(",.;:()") for t in rng.choice(paragraphs).split()]
        windows = [
            tokens[i : i + 4]
            for i in range(len(tokens) - 3)
            if all(t.isalpha() for t in tokens[i : i + 4])
        ]
        if windows:
            found["phrase"].append('"' + " ".join(rng.choice(windows)) + '"')
        names = _NAME_RE.findall(body)
        if names:
            name = rng.choice(names)
            # A reader who remembers a name types it either way.
            found["rare"].append(name if rng.random() < 0.5 else strip_diacritics(name))
        # A reader looking for an article they saw types (most of) its title.
        title = " ".join(_nfc(item.title).split()[:10]).lower()
        found["mixed"].append(title if rng.random() < 0.6 else strip_diacritics(title))
    return found


def build(count: int = 200, corpus_size: int = 100_000) -> list[tuple[str, str]]:
    """``count`` (kind, query text) pairs, kinds interleaved so any prefix is a mix."""
    rng = random.Random(f"congtin-search-bench-queries:{corpus_size}")
    sample = rng.sample(range(min(corpus_size, 5000)), 60)
    derived = _from_corpus(rng, sample)
    rare = rng.sample(RARE, 16)
    rare = [r if i % 3 else strip_diacritics(r) for i, r in enumerate(rare)]

    kinds = {
        "common": COMMON,
        "rare": rare + derived["rare"][:8],
        "topic": TOPIC_QUERIES,
        "unaccented": UNACCENTED + [strip_diacritics(t) for t in TOPIC_QUERIES[-4:]],
        "phrase": PHRASES + derived["phrase"][:10],
        "code": CODES + derived["code"][:10],
        "date": FIXED_DATES + derived["date"][:12],
        "number": FIXED_NUMBERS + derived["number"][:9],
        "variant": VARIANTS,
        "mixed": MIXED + derived["mixed"][:8],
    }
    rounds = zip_longest(*[[(kind, q) for q in qs] for kind, qs in kinds.items()])
    ordered = [pair for group in rounds for pair in group if pair is not None]
    if count > len(ordered):
        raise ValueError(f"at most {len(ordered)} queries")
    return ordered[:count]


def typed_prefix(text: str) -> str:
    """What a reader has typed of ``text`` when suggestions appear: about two thirds."""
    text = text.replace('"', "").strip()
    cut = max(3, round(len(text) * 2 / 3))
    return text[:cut].rstrip() or text
