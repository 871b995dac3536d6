"""The words of budget reports and statistical series, and the query-string values
of their public lists."""

from decimal import Decimal

from django.db import models


class BudgetPeriod(models.TextChoices):
    """What a budget report discloses; the value is also the ``?ky=`` filter."""

    ESTIMATE = "du-toan", "Dự toán"
    Q1 = "quy-1", "Thực hiện quý I"
    HALF_YEAR = "6-thang", "Thực hiện 6 tháng"
    Q3 = "quy-3", "Thực hiện quý III"
    NINE_MONTHS = "9-thang", "Thực hiện 9 tháng"
    YEAR = "nam", "Thực hiện năm"
    FINAL = "quyet-toan", "Quyết toán"


# Periods whose figures are set against the year's estimate ("đạt …% dự toán").
EXECUTION_PERIODS = frozenset(
    {
        BudgetPeriod.Q1,
        BudgetPeriod.HALF_YEAR,
        BudgetPeriod.Q3,
        BudgetPeriod.NINE_MONTHS,
        BudgetPeriod.YEAR,
    }
)


class MoneyUnit(models.TextChoices):
    DONG = "dong", "đồng"
    MILLION = "trieu", "triệu đồng"
    BILLION = "ty", "tỷ đồng"


# How many đồng one of each unit is; charts draw every amount in tỷ đồng.
UNIT_DONG = {
    MoneyUnit.DONG: Decimal(1),
    MoneyUnit.MILLION: Decimal(10) ** 6,
    MoneyUnit.BILLION: Decimal(10) ** 9,
}


class Frequency(models.TextChoices):
    YEAR = "nam", "Năm"
    QUARTER = "quy", "Quý"
    MONTH = "thang", "Tháng"


# The largest period number of each frequency (0: a yearly value has none).
PERIOD_COUNT = {Frequency.YEAR: 0, Frequency.QUARTER: 4, Frequency.MONTH: 12}

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def period_label(frequency: str, year: int, number: int | None) -> str:
    """ "2022", "Quý II/2022", "Tháng 6/2022"."""
    if frequency == Frequency.QUARTER and number:
        return f"Quý {ROMAN.get(number, number)}/{year}"
    if frequency == Frequency.MONTH and number:
        return f"Tháng {number}/{year}"
    return str(year)
