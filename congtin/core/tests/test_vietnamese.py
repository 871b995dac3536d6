import unicodedata
from decimal import Decimal

import pytest

from congtin.core import vietnamese


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đẩy mạnh quản lý đất đai", "day-manh-quan-ly-dat-dai"),
        (
            "Quận Lê Chân xác định Chủ đề năm 2022",
            "quan-le-chan-xac-dinh-chu-de-nam-2022",
        ),
        ("Giải phóng mặt bằng", "giai-phong-mat-bang"),
        ("  Tin tức - Sự kiện  ", "tin-tuc-su-kien"),
        ("Quận, huyện", "quan-huyen"),
        ("ĐẠI HỘI Đảng bộ", "dai-hoi-dang-bo"),
        ("Nghị quyết 128/NQ-CP", "nghi-quyet-128nq-cp"),
    ],
)
def test_slugify_writes_ascii_like_vietnamese_portals(title, slug):
    assert vietnamese.slugify(title) == slug


def test_slugify_accepts_nfd_input():
    assert vietnamese.slugify(unicodedata.normalize("NFD", "Đẩy mạnh đất đai")) == (
        "day-manh-dat-dai"
    )


def test_nfc_normalizes_decomposed_text():
    decomposed = unicodedata.normalize("NFD", "Hải Phòng")
    assert decomposed != "Hải Phòng"
    assert vietnamese.nfc(decomposed) == "Hải Phòng"
    assert vietnamese.nfc_deep({"a": [decomposed]}) == {"a": ["Hải Phòng"]}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1057.091"), "1.057,091"),
        (Decimal("24456.6"), "24.456,6"),
        (Decimal("423.2"), "423,2"),
        (7500, "7.500"),
        (Decimal("-1234567.5"), "-1.234.567,5"),
        (0, "0"),
    ],
)
def test_format_number(value, text):
    assert vietnamese.format_number(value) == text
    assert vietnamese.parse_number(text) == Decimal(str(value))


def test_parse_number_rejects_garbage_with_vietnamese_message():
    with pytest.raises(ValueError, match="Không đọc được số"):
        vietnamese.parse_number("12,34,5")
