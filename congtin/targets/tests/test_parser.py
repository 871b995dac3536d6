"""Text extraction: the seed's 2022 paragraph and sentences written in its style."""

from decimal import Decimal

import pytest

from congtin.demo.seed import parse_seed
from congtin.targets.parser import ProposedTarget, Skipped, parse_clause, parse_targets

AT_LEAST, AT_MOST, EXACTLY, COMPLETE = "at-least", "at-most", "exactly", "complete"

# (name, value, unit, direction, group) in the seed's order.
SEED_2022 = [
    ("Kết nạp mới đảng viên", "168", "đảng viên", AT_LEAST, "xay-dung-dang"),
    (
        "Thành lập tổ chức đảng theo Nghị quyết 28-NQ/TU của Ban Thường vụ Thành ủy",
        "4",
        "tổ chức",
        AT_LEAST,
        "xay-dung-dang",
    ),
    (
        "Giá trị sản xuất công nghiệp do quận quản lý",
        "423.2",
        "tỷ đồng",
        AT_LEAST,
        "kinh-te",
    ),
    ("Tổng mức bán lẻ hàng hóa", "24456.6", "tỷ đồng", AT_LEAST, "kinh-te"),
    ("Doanh thu dịch vụ lưu trú và ăn uống", "4168.8", "tỷ đồng", AT_LEAST, "kinh-te"),
    (
        "Tổng thu ngân sách nhà nước trên địa bàn",
        "1057.091",
        "tỷ đồng",
        AT_LEAST,
        "kinh-te",
    ),
    (
        "Hoàn thành chỉ tiêu tuyển quân thành phố giao",
        "100",
        "%",
        COMPLETE,
        "quoc-phong-an-ninh",
    ),
    (
        "Giới thiệu việc làm cho người lao động",
        "7500",
        "lượt người",
        AT_LEAST,
        "xa-hoi",
    ),
    (
        "Số hộ nghèo theo chuẩn nghèo quốc gia giai đoạn 2022-2025",
        "0",
        "hộ",
        AT_MOST,
        "xa-hoi",
    ),
    ("Tỷ lệ dân số tham gia bảo hiểm y tế", "92", "%", AT_LEAST, "xa-hoi"),
    ("Tỷ lệ dân số được cung cấp nước sạch", "100", "%", EXACTLY, "moi-truong"),
    (
        "Tỷ lệ chất thải rắn được thu gom, xử lý hợp vệ sinh",
        "100",
        "%",
        EXACTLY,
        "moi-truong",
    ),
]


def seed_paragraph():
    return next(text for kind, text in parse_seed().body if text.startswith("Năm 2022"))


def test_seed_2022_paragraph_gives_the_twelve_targets():
    result = parse_targets(seed_paragraph())
    assert result.declared_count == 18
    assert result.skipped == []
    found = [(t.name, t.value, t.unit, t.direction, t.group) for t in result.targets]
    expected = [
        (name, Decimal(value), unit, direction, group)
        for name, value, unit, direction, group in SEED_2022
    ]
    assert found == expected
    assert [t.code for t in result.targets] == [f"CT{i:02d}" for i in range(1, 13)]
    # Exact decimals, not floats.
    assert result.targets[5].value == Decimal("1057.091")
    assert result.targets[0].source_text == "Kết nạp mới 168 đảng viên trở lên"
    assert {t.indicator for t in result.targets} >= {
        "ty-le-tham-gia-bhyt",
        "thu-ngan-sach-tren-dia-ban",
    }
    # Rates, "none" and "complete" are levels; amounts accumulate over the year.
    measures = {t.code: t.measure for t in result.targets}
    assert measures["CT01"] == measures["CT06"] == "cumulative"
    assert measures["CT07"] == measures["CT09"] == measures["CT10"] == "level"


def test_codes_continue_after_existing_targets():
    result = parse_targets("Kết nạp 10 đảng viên; thu ngân sách 5 tỷ đồng", 13)
    assert [t.code for t in result.targets] == ["CT13", "CT14"]


@pytest.mark.parametrize(
    "sentence, name, value, unit, direction",
    [
        (
            "Tốc độ tăng trưởng giá trị sản xuất đạt 12,5% trở lên",
            "Tốc độ tăng trưởng giá trị sản xuất",
            "12.5",
            "%",
            AT_LEAST,
        ),
        (
            "tổng vốn đầu tư phát triển toàn xã hội là 2.350 tỷ đồng",
            "Tổng vốn đầu tư phát triển toàn xã hội",
            "2350",
            "tỷ đồng",
            AT_LEAST,
        ),
        (
            "giảm tỷ lệ hộ cận nghèo xuống còn 0,5%",
            "Giảm tỷ lệ hộ cận nghèo",
            "0.5",
            "%",
            AT_MOST,
        ),
        (
            "tỷ lệ lao động qua đào tạo không dưới 85%",
            "Tỷ lệ lao động qua đào tạo",
            "85",
            "%",
            AT_LEAST,
        ),
        (
            "số vụ tai nạn giao thông không quá 12 vụ",
            "Số vụ tai nạn giao thông",
            "12",
            "vụ",
            AT_MOST,
        ),
        (
            "tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng dưới 3,2%",
            "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng",
            "3.2",
            "%",
            AT_MOST,
        ),
        (
            "Thu hút 1.250 lượt khách du lịch trở lên",
            "Thu hút khách du lịch",
            "1250",
            "lượt khách",
            AT_LEAST,
        ),
        (
            "thành lập mới ít nhất 150 doanh nghiệp",
            "Thành lập mới doanh nghiệp",
            "150",
            "doanh nghiệp",
            AT_LEAST,
        ),
        (
            "hoàn thành 100% kế hoạch giải phóng mặt bằng các dự án trọng điểm",
            "Hoàn thành kế hoạch giải phóng mặt bằng các dự án trọng điểm",
            "100",
            "%",
            COMPLETE,
        ),
        (
            "tỷ lệ trường đạt chuẩn quốc gia là 95,45% trở lên",
            "Tỷ lệ trường đạt chuẩn quốc gia",
            "95.45",
            "%",
            AT_LEAST,
        ),
        (
            "tổng thu ngân sách trên địa bàn đạt 1.234.567,5 triệu đồng",
            "Tổng thu ngân sách trên địa bàn",
            "1234567.5",
            "triệu đồng",
            AT_LEAST,
        ),
        (
            "tỷ lệ hộ gia đình được công nhận gia đình văn hóa là 100%",
            "Tỷ lệ hộ gia đình được công nhận gia đình văn hóa",
            "100",
            "%",
            EXACTLY,
        ),
        (
            "Xây dựng 3 công trình trở lên chào mừng Đại hội",
            "Xây dựng công trình chào mừng Đại hội",
            "3",
            "công trình",
            AT_LEAST,
        ),
    ],
)
def test_sentences_in_the_seed_style(sentence, name, value, unit, direction):
    proposal = parse_clause(sentence)
    assert isinstance(proposal, ProposedTarget), proposal
    assert (proposal.value, proposal.unit, proposal.direction) == (
        Decimal(value),
        unit,
        direction,
    )
    assert proposal.name == name


def test_none_and_completion_without_a_number():
    none = parse_clause("không để xảy ra vụ cháy nổ nghiêm trọng")
    assert (none.value, none.unit, none.direction) == (Decimal(0), "vụ", AT_MOST)
    done = parse_clause("Hoàn thành chỉ tiêu giao quân thành phố giao")
    assert (done.value, done.unit, done.direction) == (Decimal(100), "%", COMPLETE)
    assert done.group == "quoc-phong-an-ninh"


def test_list_markers_newlines_and_skipped_clauses():
    text = (
        "Nghị quyết đề ra 5 chỉ tiêu chủ yếu gồm:\n"
        "- Kết nạp 50 đảng viên trở lên;\n"
        "- Tăng cường công tác tuyên truyền;\n"
        "a) tỷ lệ dân số tham gia bảo hiểm y tế đạt 95%\n"
        "+ tổng mức bán lẻ hàng hóa là 1.000 tỷ đồng…"
    )
    result = parse_targets(text)
    assert result.declared_count == 5
    assert [(t.code, t.value, t.unit) for t in result.targets] == [
        ("CT01", Decimal(50), "đảng viên"),
        ("CT02", Decimal(95), "%"),
        ("CT03", Decimal(1000), "tỷ đồng"),
    ]
    assert result.skipped == [
        Skipped(
            "Tăng cường công tác tuyên truyền",
            "Không tìm thấy con số kèm đơn vị tính.",
        )
    ]


def test_numbers_in_codes_and_years_are_not_values():
    proposal = parse_clause(
        "thực hiện Nghị quyết 28-NQ/TU giai đoạn 2022-2025 với 2 dự án trở lên"
    )
    assert (proposal.value, proposal.unit) == (Decimal(2), "dự án")
    assert isinstance(parse_clause("triển khai Kế hoạch 128/KH-UBND năm 2022"), Skipped)


def test_decomposed_input_is_read_as_nfc():
    import unicodedata

    text = unicodedata.normalize(
        "NFD", "tỷ lệ dân số tham gia bảo hiểm y tế là 92% trở lên"
    )
    proposal = parse_clause(text)
    assert proposal.name == "Tỷ lệ dân số tham gia bảo hiểm y tế"
    assert proposal.direction == AT_LEAST
