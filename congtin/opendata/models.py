"""Budget disclosure (công khai ngân sách) and statistics (thông tin thống kê) as
Wagtail pages under one index page of each per portal.

Pages give reports and series revisions, the portal's workflow and its group
permissions without any code here. Figures and values are inline rows of the page
(data, not text), so a revision holds them and the live version's rows are what
the public pages, charts and CSV downloads read.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable

from congtin.core import params
from congtin.core.models import PortalPage
from congtin.core.vietnamese import MAX_YEAR, MIN_YEAR, format_number

# Typed and shown as "1.057,091", as the targets' figures are.
from congtin.targets.fields import VietnameseDecimalField

from .forms import BudgetReportForm, StatisticSeriesForm
from .vocab import (
    EXECUTION_PERIODS,
    UNIT_DONG,
    BudgetPeriod,
    Frequency,
    MoneyUnit,
    period_label,
)

YEAR_VALIDATORS = [MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
BILLION = UNIT_DONG[MoneyUnit.BILLION]


class _ListingPage(PortalPage):
    """An index page whose list is read from the query string before serving, so
    that a filter that cannot be right is the project's 400 page, never a 500."""

    intro = models.TextField("Giới thiệu", blank=True)

    content_panels = PortalPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def listing(self, request) -> dict:
        raise NotImplementedError

    def export(self, request, fmt: str):
        """The whole list (the same filters, every page) as a download."""
        raise NotImplementedError

    def serve(self, request, *args, **kwargs):
        request._opendata_listing = self.listing(request)
        fmt = params.choice(request.GET, "xuat", ("csv", "xlsx"), "Định dạng tải về")
        if fmt:
            return self.export(request, fmt)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(getattr(request, "_opendata_listing", {}))
        return context


# --- Ngân sách ------------------------------------------------------------------------


class BudgetIndexPage(_ListingPage):
    """The portal's "Công khai ngân sách" page: its reports by year and period."""

    subpage_types = ["opendata.BudgetReportPage"]

    class Meta:
        verbose_name = "Công khai ngân sách"
        verbose_name_plural = "Công khai ngân sách"

    def listing(self, request) -> dict:
        from .listing import budget_listing

        return budget_listing(self, request)

    def export(self, request, fmt: str):
        from .exchange import budget_list_table, list_response
        from .listing import chosen_reports

        table = budget_list_table(chosen_reports(self, request), request)
        return list_response(table, fmt, "cong-khai-ngan-sach", "Công khai ngân sách")


class BudgetReportPage(RoutablePageMixin, PortalPage):
    """One disclosed report: estimate, execution in a period, or final accounts."""

    base_form_class = BudgetReportForm
    shown_in_portal_map = False

    year = models.PositiveSmallIntegerField(
        "Năm ngân sách", validators=YEAR_VALIDATORS, db_index=True
    )
    period = models.CharField(
        "Kỳ báo cáo", max_length=20, choices=BudgetPeriod.choices, db_index=True
    )
    decision_number = models.CharField(
        "Số quyết định",
        max_length=100,
        blank=True,
        help_text="Số, ký hiệu văn bản công bố, ví dụ 123/QĐ-UBND.",
    )
    decision_date = models.DateField("Ngày quyết định", null=True, blank=True)
    issuing_body = models.CharField("Cơ quan công bố", max_length=255, blank=True)
    summary = models.TextField("Tóm tắt", blank=True)
    note = models.TextField(
        "Ghi chú",
        blank=True,
        help_text="Hiển thị cho người đọc, ví dụ số liệu nào là minh họa.",
    )

    content_panels = PortalPage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("year"), FieldPanel("period")]),
                FieldRowPanel(
                    [FieldPanel("decision_number"), FieldPanel("decision_date")]
                ),
                FieldPanel("issuing_body"),
                FieldPanel("summary"),
                FieldPanel("note"),
            ],
            heading="Báo cáo",
        ),
        InlinePanel("figures", heading="Số liệu chính", label="Khoản mục"),
        InlinePanel("files", heading="Tệp báo cáo", label="Tệp"),
    ]
    parent_page_types = ["opendata.BudgetIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Báo cáo công khai ngân sách"
        verbose_name_plural = "Báo cáo công khai ngân sách"

    @property
    def is_execution(self) -> bool:
        return self.period in EXECUTION_PERIODS

    def get_context(self, request, *args, **kwargs):
        from .charts import budget_chart

        context = super().get_context(request, *args, **kwargs)
        figures = list(self.figures.all())
        context["figures"] = figures
        context["chart"] = budget_chart(self, figures)
        context["files"] = list(self.files.select_related("document"))
        return context

    @path("csv/", name="csv")
    def csv(self, request):
        from .exchange import budget_csv

        return csv_response(budget_csv(self), f"ngan-sach-{self.slug}.csv")


class BudgetFigure(Orderable):
    """A headline figure of a report: an item and its amount."""

    report = ParentalKey(
        BudgetReportPage, on_delete=models.CASCADE, related_name="figures"
    )
    item = models.CharField(
        "Khoản mục", max_length=255, help_text="Ví dụ: Tổng thu ngân sách nhà nước."
    )
    amount = VietnameseDecimalField("Số tiền", max_digits=24, decimal_places=3)
    unit = models.CharField(
        "Đơn vị", max_length=10, choices=MoneyUnit.choices, default=MoneyUnit.BILLION
    )
    percent_of_estimate = VietnameseDecimalField(
        "Tỷ lệ so với dự toán (%)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Chỉ cho báo cáo tình hình thực hiện.",
    )
    note = models.CharField("Ghi chú", max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("item"), FieldPanel("amount"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("percent_of_estimate"), FieldPanel("note")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Số liệu ngân sách"
        verbose_name_plural = "Số liệu ngân sách"

    @property
    def in_billion(self) -> Decimal:
        return self.amount * UNIT_DONG[MoneyUnit(self.unit)] / BILLION

    @property
    def display(self) -> str:
        """ "1.057,091 tỷ đồng"."""
        return f"{format_number(self.amount)} {MoneyUnit(self.unit).label}"


class BudgetReportFile(Orderable):
    """A file of the report (a Wagtail document: the portal's collection, its
    permissions and downloads)."""

    report = ParentalKey(
        BudgetReportPage, on_delete=models.CASCADE, related_name="files"
    )
    # Deleting a document (Wagtail lists where it is used first) drops the row
    # rather than refusing the delete.
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField(
        "Tên hiển thị",
        max_length=255,
        blank=True,
        help_text="Để trống để dùng tên của tài liệu.",
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = "Tệp báo cáo"
        verbose_name_plural = "Tệp báo cáo"

    @property
    def shown_name(self) -> str:
        return self.label or self.document.title


# --- Thông tin thống kê ---------------------------------------------------------------


class StatisticsIndexPage(_ListingPage):
    """The portal's "Thông tin thống kê" page: its series grouped by field."""

    subpage_types = ["opendata.StatisticSeriesPage"]

    class Meta:
        verbose_name = "Thông tin thống kê"
        verbose_name_plural = "Thông tin thống kê"

    def listing(self, request) -> dict:
        from .listing import statistics_listing

        return statistics_listing(self, request)

    def export(self, request, fmt: str):
        from .exchange import list_response, statistics_list_table

        shown = request._opendata_listing["shown_groups"]
        series = [page for group in shown for page in group.series]
        table = statistics_list_table(series, request)
        return list_response(table, fmt, "thong-tin-thong-ke", "Thông tin thống kê")


class StatisticSeriesPage(RoutablePageMixin, PortalPage):
    """One indicator (the page title) with its values per period."""

    base_form_class = StatisticSeriesForm
    shown_in_portal_map = False

    field = models.CharField(
        "Lĩnh vực", max_length=255, help_text="Ví dụ: Dân số, Kinh tế."
    )
    unit = models.CharField("Đơn vị tính", max_length=50, help_text="Ví dụ: người, %.")
    frequency = models.CharField(
        "Kỳ số liệu", max_length=10, choices=Frequency.choices, default=Frequency.YEAR
    )
    source = models.CharField(
        "Nguồn số liệu", max_length=255, help_text="Ví dụ: Cục Thống kê thành phố."
    )
    description = models.TextField("Giải thích chỉ tiêu", blank=True)
    note = models.TextField(
        "Ghi chú",
        blank=True,
        help_text="Hiển thị cho người đọc, ví dụ số liệu nào là minh họa.",
    )

    content_panels = PortalPage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("field"), FieldPanel("unit")]),
                FieldRowPanel([FieldPanel("frequency"), FieldPanel("source")]),
                FieldPanel("description"),
                FieldPanel("note"),
            ],
            heading="Chỉ tiêu thống kê",
        ),
        InlinePanel("values", heading="Số liệu theo kỳ", label="Số liệu"),
    ]
    parent_page_types = ["opendata.StatisticsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Chuỗi số liệu thống kê"
        verbose_name_plural = "Chuỗi số liệu thống kê"

    def ordered_values(self) -> list["StatisticValue"]:
        return sorted(self.values.all(), key=lambda v: (v.year, v.number or 0))

    def get_context(self, request, *args, **kwargs):
        from .charts import series_chart

        context = super().get_context(request, *args, **kwargs)
        values = self.ordered_values()
        context["values"] = values
        context["chart"] = series_chart(self, values)
        return context

    @path("csv/", name="csv")
    def csv(self, request):
        from .exchange import series_csv

        return csv_response(series_csv(self), f"thong-ke-{self.slug}.csv")


class StatisticValue(Orderable):
    series = ParentalKey(
        StatisticSeriesPage, on_delete=models.CASCADE, related_name="values"
    )
    year = models.PositiveSmallIntegerField("Năm", validators=YEAR_VALIDATORS)
    number = models.PositiveSmallIntegerField(
        "Quý hoặc tháng",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="Để trống với số liệu năm.",
    )
    value = VietnameseDecimalField("Giá trị", max_digits=24, decimal_places=6)
    note = models.CharField("Ghi chú", max_length=255, blank=True)

    panels = [
        FieldRowPanel(
            [
                FieldPanel("year"),
                FieldPanel("number"),
                FieldPanel("value"),
                FieldPanel("note"),
            ]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Số liệu thống kê"
        verbose_name_plural = "Số liệu thống kê"

    @property
    def label(self) -> str:
        return period_label(self.series.frequency, self.year, self.number)


def csv_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    response["Content-Disposition"] = disposition or "attachment"
    return response
