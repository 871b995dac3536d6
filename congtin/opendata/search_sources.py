"""Budget reports and statistical series in the portal search: title, period,
decision number, items and the indicator's field, unit and source."""

from congtin.search.pages import PageSource, lines
from congtin.search.registry import register

from .models import BudgetReportPage, StatisticSeriesPage


@register
class BudgetReportSource(PageSource):
    kind = "opendata.budget"
    label = "Ngân sách"
    model = BudgetReportPage

    def body(self, page) -> str:
        return lines(
            f"{page.get_period_display()} ngân sách năm {page.year}",
            page.decision_number,
            page.issuing_body,
            page.summary,
            *(figure.item for figure in page.figures.all()),
        )


@register
class StatisticSeriesSource(PageSource):
    kind = "opendata.statistics"
    label = "Thống kê"
    model = StatisticSeriesPage

    def body(self, page) -> str:
        return lines(page.field, page.unit, page.source, page.description)
