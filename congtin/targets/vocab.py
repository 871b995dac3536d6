"""The fixed vocabularies of targets: groups, units, directions, periods, bases.

The admin, the text parser, imports and exports all read these lists, so a unit or a
period is spelled one way everywhere.
"""

import re

from django.db import models

from congtin.core.vietnamese import fold, nfc


class Group(models.TextChoices):
    ECONOMY = "kinh-te", "Kinh tế"
    SOCIETY = "xa-hoi", "Văn hóa - xã hội"
    ENVIRONMENT = "moi-truong", "Tài nguyên - môi trường"
    PARTY = "xay-dung-dang", "Xây dựng Đảng"
    DEFENCE = "quoc-phong-an-ninh", "Quốc phòng - an ninh"


class Direction(models.TextChoices):
    AT_LEAST = "at-least", "Đạt từ mức này trở lên"
    AT_MOST = "at-most", "Không vượt quá mức này"
    EXACTLY = "exactly", "Đúng bằng mức này"
    COMPLETE = "complete", "Hoàn thành"


# Short forms for tables and files ("≥ 168 đảng viên").
DIRECTION_SIGNS = {
    Direction.AT_LEAST: "≥",
    Direction.AT_MOST: "≤",
    Direction.EXACTLY: "=",
    Direction.COMPLETE: "Hoàn thành",
}


class Measure(models.TextChoices):
    # How pace within the year is judged (see status.py).
    CUMULATIVE = (
        "cumulative",
        "Cộng dồn trong năm (so với kế hoạch chia đều theo tháng)",
    )
    LEVEL = "level", "Mức tại thời điểm (so trực tiếp với chỉ tiêu)"


# Units of measure; longest first so that the parser takes "lượt người" before
# "người" and "tỷ đồng" before "đồng".
UNITS = sorted(
    [
        "tỷ đồng",
        "triệu đồng",
        "nghìn tỷ đồng",
        "triệu USD",
        "USD",
        "%",
        "người",
        "lượt người",
        "lượt khách",
        "lao động",
        "đảng viên",
        "tổ chức",
        "hộ",
        "doanh nghiệp",
        "dự án",
        "công trình",
        "trường",
        "km",
        "ha",
        "m²",
        "tấn",
        "giường bệnh",
        "bác sĩ",
        "xã, phường",
        "cuộc",
        "vụ",
    ],
    key=len,
    reverse=True,
)
UNIT_CHOICES = [(unit, unit) for unit in sorted(UNITS, key=fold)]
_UNITS_BY_FOLD = {fold(unit): unit for unit in UNITS}


def canonical_unit(text: str) -> str | None:
    """The unit as the list spells it ("Tỷ Đồng" -> "tỷ đồng"), or None if unknown."""
    cleaned = " ".join(nfc(text or "").split())
    return _UNITS_BY_FOLD.get(fold(cleaned)) if cleaned else None


class Period(models.TextChoices):
    M01 = "T01", "Tháng 1"
    M02 = "T02", "Tháng 2"
    M03 = "T03", "Tháng 3"
    M04 = "T04", "Tháng 4"
    M05 = "T05", "Tháng 5"
    M06 = "T06", "Tháng 6"
    M07 = "T07", "Tháng 7"
    M08 = "T08", "Tháng 8"
    M09 = "T09", "Tháng 9"
    M10 = "T10", "Tháng 10"
    M11 = "T11", "Tháng 11"
    M12 = "T12", "Tháng 12"
    Q1 = "Q1", "Quý I"
    Q2 = "Q2", "Quý II"
    Q3 = "Q3", "Quý III"
    Q4 = "Q4", "Quý IV"
    H1 = "6T", "6 tháng"
    N9 = "9T", "9 tháng"
    YEAR = "NAM", "Cả năm"


# Last month each period covers: a figure for "9 tháng" is measured against 9/12 of
# a cumulative target.
PERIOD_END_MONTH = {
    **{f"T{m:02d}": m for m in range(1, 13)},
    "Q1": 3,
    "Q2": 6,
    "Q3": 9,
    "Q4": 12,
    "6T": 6,
    "9T": 9,
    "NAM": 12,
}
# Months counted from January: a quarter's figure covers its own three months only,
# so pace compares it with a quarter of the year's target.
PERIOD_MONTHS = {
    **{f"T{m:02d}": 1 for m in range(1, 13)},
    "Q1": 3,
    "Q2": 3,
    "Q3": 3,
    "Q4": 3,
    "6T": 6,
    "9T": 9,
    "NAM": 12,
}

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PERIOD_RE = re.compile(
    r"^(?:(?P<half>6 thang)|(?P<nine>9 thang)|(?P<year>ca nam|nam)"
    r"|thang (?P<month>\d{1,2})|quy (?P<quarter>[1-4]|iv|iii|ii|i))"
    r"(?:\s*(?:/|nam|-)?\s*(?P<y>\d{4}))?$"
)


def parse_period(text: str) -> tuple[str, int | None]:
    """("9 tháng 2022") -> ("9T", 2022); ("Quý II") -> ("Q2", None).

    Accepts the codes themselves ("Q2", "NAM") and the labels with or without marks.
    Raises ValueError with a Vietnamese message.
    """
    raw = " ".join(nfc(text or "").split())
    if raw.upper() in Period.values:
        return raw.upper(), None
    match = _PERIOD_RE.match(fold(raw))
    if not match:
        raise ValueError(
            f"Kỳ báo cáo “{raw}” không hợp lệ (dùng: Tháng 1…12, Quý I…IV, "
            "6 tháng, 9 tháng, Cả năm)."
        )
    year = int(match["y"]) if match["y"] else None
    if match["half"]:
        return "6T", year
    if match["nine"]:
        return "9T", year
    if match["year"]:
        return "NAM", year
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise ValueError(f"Tháng {month} không có trong năm.")
        return f"T{month:02d}", year
    quarter = match["quarter"]
    return f"Q{_ROMAN.get(quarter) or int(quarter)}", year


class Basis(models.TextChoices):
    """What a reported figure is measured in."""

    VALUE = "value", "Giá trị theo đơn vị tính của chỉ tiêu"
    PCT_TARGET = "pct-target", "% so với chỉ tiêu"
    PCT_CITY = "pct-city", "% dự toán thành phố giao"
    PCT_COUNCIL = "pct-council", "% dự toán HĐND giao"
    PCT_PREVIOUS = "pct-previous", "% so với cùng kỳ năm trước"


# Which figure of a period decides the status, best first: the target's own unit,
# then the share of the target, then the estimates assigned from above. A share of
# last year says nothing about the target, so it never decides.
BASIS_PRIORITY = [
    Basis.VALUE,
    Basis.PCT_TARGET,
    Basis.PCT_COUNCIL,
    Basis.PCT_CITY,
]
