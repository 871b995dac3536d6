"""Reports, series and their rows built directly, without the demo."""

from datetime import date
from decimal import Decimal

import factory

from congtin.core.tests.factories import PageFactory
from congtin.opendata.models import (
    BudgetFigure,
    BudgetReportPage,
    StatisticSeriesPage,
    StatisticValue,
)
from congtin.opendata.vocab import BudgetPeriod, Frequency


class BudgetReportPageFactory(PageFactory):
    """``figures=[(item, amount, unit, percent)]`` become its rows."""

    class Meta:
        model = BudgetReportPage

    title = factory.Sequence(lambda n: f"Công khai dự toán ngân sách {n}")
    slug = factory.Sequence(lambda n: f"bao-cao-{n}")
    year = 2022
    period = BudgetPeriod.ESTIMATE
    decision_number = "123/QĐ-UBND"
    decision_date = date(2022, 1, 10)

    @classmethod
    def _instance(cls, model_class, *args, figures=(), **kwargs):
        page = model_class(*args, **kwargs)
        page.figures = [
            BudgetFigure(
                item=item,
                amount=Decimal(amount),
                unit=unit,
                percent_of_estimate=None if percent is None else Decimal(percent),
            )
            for item, amount, unit, percent in figures
        ]
        return page


class StatisticSeriesPageFactory(PageFactory):
    """``values=[(year, number, value)]`` become its rows."""

    class Meta:
        model = StatisticSeriesPage

    title = factory.Sequence(lambda n: f"Chỉ tiêu {n}")
    slug = factory.Sequence(lambda n: f"chi-tieu-{n}")
    field = "Dân số"
    unit = "người"
    frequency = Frequency.YEAR
    source = "Cục Thống kê"

    @classmethod
    def _instance(cls, model_class, *args, values=(), **kwargs):
        page = model_class(*args, **kwargs)
        page.values = [
            StatisticValue(year=year, number=number, value=Decimal(value))
            for year, number, value in values
        ]
        return page
