"""Annual plans (theme, resolution, task groups), their key targets and figures.

A plan belongs to one unit, which is a portal (a Wagtail ``Site``: the city or a
component portal), and one year. Targets are edited inside their plan, so a plan's
revisions hold its targets; figures are separate snippets with their own revisions,
because they arrive through the year from other people.
"""

from datetime import date
from typing import TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

from congtin.core.vietnamese import format_number
from congtin.portals.sites import short_name

from .fields import VietnameseDecimalField
from .vocab import (
    DIRECTION_SIGNS,
    UNIT_CHOICES,
    Basis,
    Direction,
    Group,
    Measure,
    Period,
)


class Digits(TypedDict):
    max_digits: int
    decimal_places: int


VALUE_DIGITS: Digits = {"max_digits": 20, "decimal_places": 6}


def quantity(value, unit) -> str:
    """ "423,2 tỷ đồng", "92%" (Vietnamese writes the percent sign close up)."""
    number = format_number(value)
    return f"{number}%" if unit == "%" else f"{number} {unit}"


def unit_slug(site) -> str:
    """The unit's name in public URLs: its home page's slug ("lechan")."""
    return site.root_page.slug


class AnnualPlan(RevisionMixin, ClusterableModel, index.Indexed):
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="Đơn vị (cổng)",
        on_delete=models.CASCADE,
        related_name="annual_plans",
    )
    year = models.PositiveSmallIntegerField("Năm")
    theme = models.CharField("Chủ đề năm", max_length=500, blank=True)
    resolution_number = models.CharField(
        "Số nghị quyết", max_length=100, blank=True, help_text="Ví dụ: 01-NQ/QU"
    )
    resolution_title = models.CharField("Trích yếu", max_length=500, blank=True)
    resolution_date = models.DateField("Ngày ban hành", null=True, blank=True)
    issuing_body = models.CharField("Cơ quan ban hành", max_length=200, blank=True)
    resolution_url = models.URLField("Liên kết văn bản", blank=True, max_length=500)
    resolution_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Tệp văn bản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    declared_target_count = models.PositiveSmallIntegerField(
        "Số chỉ tiêu chủ yếu đề ra",
        null=True,
        blank=True,
        help_text="Theo nghị quyết; có thể lớn hơn số chỉ tiêu đã nhập khi nguồn "
        "chỉ công bố một phần.",
    )
    reported_met_count = models.PositiveSmallIntegerField(
        "Số chỉ tiêu đạt theo báo cáo tổng kết",
        null=True,
        blank=True,
        help_text="Chỉ điền khi báo cáo tổng kết nêu kết quả mà các chỉ tiêu chưa "
        "được nhập đủ; nếu không, hệ thống tự tính.",
    )
    year_end_summary = models.TextField("Tổng kết cuối năm", blank=True)
    source_url = models.URLField("Nguồn (liên kết)", blank=True, max_length=500)
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Bài viết nguồn",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("site"), FieldPanel("year")]),
        FieldPanel("theme"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("resolution_number"), FieldPanel("resolution_date")]
                ),
                FieldPanel("resolution_title"),
                FieldPanel("issuing_body"),
                FieldPanel("resolution_url"),
                FieldPanel("resolution_document"),
            ],
            heading="Nghị quyết",
        ),
        InlinePanel("task_groups", heading="Nhóm nhiệm vụ", label="Nhóm nhiệm vụ"),
        FieldRowPanel(
            [FieldPanel("declared_target_count"), FieldPanel("reported_met_count")]
        ),
        InlinePanel("targets", heading="Chỉ tiêu chủ yếu", label="Chỉ tiêu"),
        FieldPanel("year_end_summary"),
        FieldPanel("source_url"),
        FieldPanel("source_page"),
    ]

    search_fields = [
        index.SearchField("theme"),
        index.SearchField("resolution_number"),
        index.FilterField("year"),
        index.FilterField("site"),
    ]

    class Meta:
        verbose_name = "Kế hoạch năm"
        verbose_name_plural = "Kế hoạch năm (chủ đề, chỉ tiêu)"
        ordering = ["-year", "site__site_name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "year"], name="one_plan_per_unit")
        ]

    def __str__(self):
        return f"{short_name(self.site)} - năm {self.year}"

    @property
    def unit_name(self):
        return short_name(self.site)

    @property
    def unit_slug(self):
        return unit_slug(self.site)

    def get_url(self):
        from django.urls import reverse

        return reverse("targets:plan", args=[self.unit_slug, self.year])


class TaskGroup(Orderable):
    plan = ParentalKey(AnnualPlan, on_delete=models.CASCADE, related_name="task_groups")
    title = models.CharField(
        "Tên nhóm",
        max_length=300,
        help_text="Ví dụ: 8 nhóm nhiệm vụ phát triển kinh tế - xã hội",
    )
    text = models.TextField("Nội dung", blank=True)

    panels = [FieldPanel("title"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "Nhóm nhiệm vụ"

    def __str__(self):
        return self.title


class Target(Orderable):
    plan = ParentalKey(AnnualPlan, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField("Mã", max_length=20, help_text="Ví dụ: CT01")
    name = models.CharField("Tên chỉ tiêu", max_length=500)
    group = models.CharField("Nhóm", max_length=30, choices=Group.choices)
    unit = models.CharField("Đơn vị tính", max_length=30, choices=UNIT_CHOICES)
    direction = models.CharField(
        "Yêu cầu", max_length=20, choices=Direction.choices, default=Direction.AT_LEAST
    )
    value = VietnameseDecimalField(
        "Giá trị chỉ tiêu",
        null=True,
        blank=True,
        help_text="Để trống khi nguồn không công bố con số.",
        **VALUE_DIGITS,
    )
    measure = models.CharField(
        "Cách tính tiến độ",
        max_length=20,
        choices=Measure.choices,
        default=Measure.CUMULATIVE,
    )
    indicator = models.SlugField(
        "Mã chỉ số",
        max_length=80,
        blank=True,
        help_text="Cùng mã cho cùng một chỉ số ở các năm và các đơn vị, để so sánh "
        "(ví dụ: ty-le-tham-gia-bhyt).",
    )
    city_assigned = VietnameseDecimalField(
        "Dự toán/chỉ tiêu thành phố giao", null=True, blank=True, **VALUE_DIGITS
    )
    council_assigned = VietnameseDecimalField(
        "Dự toán HĐND giao", null=True, blank=True, **VALUE_DIGITS
    )
    previous_year = VietnameseDecimalField(
        "Cùng kỳ năm trước", null=True, blank=True, **VALUE_DIGITS
    )
    source_text = models.TextField("Câu nguồn", blank=True)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("group")]),
        FieldPanel("name"),
        FieldRowPanel(
            [FieldPanel("direction"), FieldPanel("value"), FieldPanel("unit")]
        ),
        FieldRowPanel([FieldPanel("measure"), FieldPanel("indicator")]),
        FieldRowPanel(
            [
                FieldPanel("city_assigned"),
                FieldPanel("council_assigned"),
                FieldPanel("previous_year"),
            ]
        ),
        FieldPanel("source_text"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Chỉ tiêu"
        verbose_name_plural = "Chỉ tiêu"
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="one_code_per_plan")
        ]

    def __str__(self):
        plan = self.plan if self.plan_id else None
        where = f" ({plan})" if plan else ""
        return f"{self.code} {self.name}{where}"

    @property
    def requirement(self):
        """ "≥ 168 đảng viên", "≤ 0 hộ", "Hoàn thành 100 %"."""
        if self.value is None:
            return "Chưa công bố mức"
        sign = DIRECTION_SIGNS[self.direction]
        return f"{sign} {quantity(self.value, self.unit)}"

    def get_url(self):
        from django.urls import reverse

        return reverse(
            "targets:target", args=[self.plan.unit_slug, self.plan.year, self.code]
        )


class ReportedFigure(RevisionMixin, models.Model):
    target = models.ForeignKey(
        Target,
        verbose_name="Chỉ tiêu",
        on_delete=models.CASCADE,
        related_name="figures",
    )
    period = models.CharField("Kỳ", max_length=3, choices=Period.choices)
    value = VietnameseDecimalField("Số liệu", **VALUE_DIGITS)
    basis = models.CharField(
        "Tính theo", max_length=20, choices=Basis.choices, default=Basis.VALUE
    )
    reported_on = models.DateField("Ngày số liệu", default=date.today)
    source = models.CharField(
        "Nguồn", max_length=500, blank=True, help_text="Tên báo cáo, văn bản, bài viết"
    )
    source_url = models.URLField("Liên kết nguồn", blank=True, max_length=500)
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Bài viết nguồn",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Tệp minh chứng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField("Ghi chú", blank=True)
    is_illustrative = models.BooleanField(
        "Số liệu minh họa",
        default=False,
        help_text="Số liệu mẫu không có trong nguồn; trang công khai ghi rõ là minh họa.",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người nhập",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("Ngày nhập", auto_now_add=True)

    panels = [
        FieldPanel("target"),
        FieldRowPanel([FieldPanel("period"), FieldPanel("reported_on")]),
        FieldRowPanel([FieldPanel("value"), FieldPanel("basis")]),
        FieldPanel("source"),
        FieldPanel("source_url"),
        FieldPanel("source_page"),
        FieldPanel("source_document"),
        FieldPanel("note"),
        FieldPanel("is_illustrative"),
    ]

    class Meta:
        verbose_name = "Số liệu thực hiện"
        verbose_name_plural = "Số liệu thực hiện"
        ordering = ["target", "reported_on", "pk"]

    def __str__(self):
        return (
            f"{self.target.code} {self.get_period_display()}: "
            f"{format_number(self.value)} ({self.get_basis_display()})"
        )

    def clean(self):
        errors = {}
        plan = self.target.plan if self.target_id else None
        if plan and self.reported_on:
            if not plan.year <= self.reported_on.year <= plan.year + 1:
                errors["reported_on"] = (
                    f"Ngày số liệu phải thuộc năm {plan.year} hoặc đầu năm "
                    f"{plan.year + 1} (kỳ báo cáo của kế hoạch năm {plan.year})."
                )
        if self.basis != Basis.VALUE and self.value is not None and self.value < 0:
            errors["value"] = "Tỷ lệ phần trăm không thể âm."
        if errors:
            raise ValidationError(errors)
