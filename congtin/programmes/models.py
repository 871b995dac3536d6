"""Projects and bidding, research programmes, strategies and plans as Wagtail pages.

Decree 42/2022/NĐ-CP (Điều 4) asks a state agency's portal to publish each of them.
Every kind is an index page per portal (a faceted list, ``listing.py``) and one page
per item, so items get revisions, the portal's workflow and its group permissions
from Wagtail. Attached files are Wagtail documents and maps Wagtail images, in the
portal's own collection; decisions link a legal document of the portal's "Văn bản"
page when there is one.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable
from wagtail.search import index

from congtin.core.models import PortalPage
from congtin.core.vietnamese import MAX_YEAR, MIN_YEAR

from .forms import SamePortalDocumentsForm
from .vocab import (
    CapitalSource,
    PackageResult,
    PlanKind,
    ProjectStatus,
    ResearchLevel,
    ResearchStatus,
    SelectionMethod,
)

YEAR_VALIDATORS = [MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
NOTE_HELP = "Hiển thị cho người đọc, ví dụ phần nào là thông tin minh họa."


def year_field(label: str, **options):
    return models.PositiveSmallIntegerField(
        label, validators=YEAR_VALIDATORS, **options
    )


def money_field(label: str):
    # Whole đồng: a bigint holds any budget (up to 9,2 × 10^18).
    return models.PositiveBigIntegerField(label, null=True, blank=True)


def check_period(page, errors: dict) -> None:
    if page.start_year and page.end_year and page.end_year < page.start_year:
        errors["end_year"] = "Năm kết thúc không được trước năm bắt đầu."


class ListingIndexPage(RoutablePageMixin, PortalPage):
    """A portal's list of one kind of item: ``listing`` names its facets and filters
    (``listing.LISTINGS``); a filter that cannot be right is the project's 400 page."""

    listing_name = ""

    intro = models.TextField("Giới thiệu", blank=True)
    per_page = models.PositiveSmallIntegerField(
        "Số mục mỗi trang",
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("per_page"),
    ]
    parent_page_types = ["core.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    @property
    def listing(self):
        from .listing import LISTINGS

        return LISTINGS[self.listing_name]

    @path("")
    def list_view(self, request):
        return self.render(
            request, context_overrides=self.listing.context(self, request)
        )

    # The list as a spreadsheet, same filters (exports.py). Wagtail serves only
    # paths of words ending in "/": no "du-an.csv" here.
    @path("xuat/<str:fmt>/")
    def export(self, request, fmt):
        from .exports import export_response

        return export_response(self, request, fmt)


class DetailPage(PortalPage):
    shown_in_portal_map = False
    base_form_class = SamePortalDocumentsForm

    note = models.TextField("Ghi chú", blank=True, help_text=NOTE_HELP)

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index_page"] = context["breadcrumbs"][-1]
        return context

    @property
    def period_label(self) -> str:
        start, end = self.start_year, self.end_year
        if not end:
            return f"Từ {start}"
        return str(start) if end == start else f"{start} - {end}"


# --- Dự án, đầu tư, đấu thầu, mua sắm công -------------------------------------------


class ProjectIndexPage(ListingIndexPage):
    listing_name = "projects"
    subpage_types = ["programmes.ProjectPage"]

    class Meta:
        verbose_name = "Dự án, đầu tư, đấu thầu"
        verbose_name_plural = "Dự án, đầu tư, đấu thầu"


class ProjectPage(DetailPage):
    """An investment project or public procurement with its decisions and packages."""

    investor = models.CharField("Chủ đầu tư", max_length=255)
    location = models.CharField("Địa điểm", max_length=255, blank=True)
    total_investment = money_field("Tổng mức đầu tư (đồng)")
    capital_source = models.CharField(
        "Nguồn vốn", max_length=30, choices=CapitalSource.choices
    )
    start_year = year_field("Năm bắt đầu")
    end_year = year_field("Năm kết thúc", null=True, blank=True)
    progress = models.PositiveSmallIntegerField(
        "Tiến độ (%)",
        default=0,
        validators=[MaxValueValidator(100)],
        help_text="Phần trăm khối lượng đã thực hiện.",
    )
    status = models.CharField(
        "Tình trạng", max_length=30, choices=ProjectStatus.choices
    )
    summary = models.TextField("Mục tiêu, quy mô", blank=True)

    content_panels = PortalPage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("investor"), FieldPanel("location")]),
                FieldRowPanel(
                    [FieldPanel("total_investment"), FieldPanel("capital_source")]
                ),
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("progress")]),
            ],
            heading="Thông tin dự án",
        ),
        FieldPanel("summary"),
        FieldPanel("note"),
        InlinePanel("decisions", label="Quyết định"),
        InlinePanel("packages", label="Gói thầu"),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("investor"),
        index.SearchField("summary"),
    ]
    parent_page_types = ["programmes.ProjectIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Dự án"
        verbose_name_plural = "Dự án"

    def clean(self):
        super().clean()
        errors: dict = {}
        check_period(self, errors)
        if self.status == ProjectStatus.COMPLETED and self.progress != 100:
            errors["progress"] = "Dự án hoàn thành phải có tiến độ 100%."
        if errors:
            raise ValidationError(errors)

    @property
    def status_label(self) -> str:
        return ProjectStatus(self.status).label if self.status else ""

    @property
    def capital_label(self) -> str:
        return CapitalSource(self.capital_source).label if self.capital_source else ""

    def decision_rows(self):
        """The decisions with their document page and file, in one query."""
        return self.decisions.select_related("legal_document", "file")


class ProjectDecision(Orderable):
    """A decision about the project (chủ trương đầu tư, phê duyệt dự án, điều chỉnh):
    a legal document of the portal, or its number and date, and a file."""

    project = ParentalKey(
        ProjectPage, related_name="decisions", on_delete=models.CASCADE
    )
    legal_document = models.ForeignKey(
        "documents.LegalDocumentPage",
        verbose_name="Văn bản trên cổng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    number = models.CharField("Số, ký hiệu", max_length=100, blank=True)
    date = models.DateField("Ngày ban hành", null=True, blank=True)
    title = models.CharField("Trích yếu", max_length=500, blank=True)
    file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Tệp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("legal_document"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("date")]),
        FieldPanel("title"),
        FieldPanel("file"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Quyết định"

    def clean(self):
        super().clean()
        if not (self.legal_document_id or self.number or self.title or self.file_id):
            raise ValidationError(
                "Chọn văn bản trên cổng, hoặc nhập số, trích yếu hay tệp quyết định."
            )


class BiddingPackage(Orderable):
    """Gói thầu: plan, selection and result (Luật Đấu thầu 2023)."""

    project = ParentalKey(
        ProjectPage, related_name="packages", on_delete=models.CASCADE
    )
    name = models.CharField("Tên gói thầu", max_length=500)
    selection_method = models.CharField(
        "Hình thức lựa chọn nhà thầu", max_length=30, choices=SelectionMethod.choices
    )
    value = money_field("Giá gói thầu (đồng)")
    invitation_date = models.DateField("Ngày mời thầu", null=True, blank=True)
    opening_date = models.DateField("Ngày mở thầu", null=True, blank=True)
    award_date = models.DateField("Ngày phê duyệt kết quả", null=True, blank=True)
    result = models.CharField(
        "Kết quả",
        max_length=30,
        choices=PackageResult.choices,
        default=PackageResult.PENDING,
    )
    winner = models.CharField("Nhà thầu trúng thầu", max_length=255, blank=True)
    award_value = money_field("Giá trúng thầu (đồng)")

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("selection_method"), FieldPanel("value")]),
        FieldRowPanel(
            [
                FieldPanel("invitation_date"),
                FieldPanel("opening_date"),
                FieldPanel("award_date"),
            ]
        ),
        FieldPanel("result"),
        FieldRowPanel([FieldPanel("winner"), FieldPanel("award_value")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Gói thầu"

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.invitation_date
            and self.opening_date
            and self.opening_date < self.invitation_date
        ):
            errors["opening_date"] = "Ngày mở thầu không được trước ngày mời thầu."
        if (
            self.opening_date
            and self.award_date
            and self.award_date < self.opening_date
        ):
            errors["award_date"] = (
                "Ngày phê duyệt kết quả không được trước ngày mở thầu."
            )
        if self.result == PackageResult.AWARDED and not self.winner:
            errors["winner"] = "Nhập tên nhà thầu trúng thầu."
        if self.result != PackageResult.AWARDED and (self.winner or self.award_value):
            errors["result"] = "Chỉ ghi nhà thầu, giá trúng thầu khi đã có nhà thầu."
        if errors:
            raise ValidationError(errors)

    @property
    def method_label(self) -> str:
        return SelectionMethod(self.selection_method).label

    @property
    def result_label(self) -> str:
        return PackageResult(self.result).label


# --- Chương trình, đề tài khoa học ---------------------------------------------------


class ResearchIndexPage(ListingIndexPage):
    listing_name = "research"
    subpage_types = ["programmes.ResearchProjectPage"]

    class Meta:
        verbose_name = "Chương trình, đề tài khoa học"
        verbose_name_plural = "Chương trình, đề tài khoa học"


class ResearchProjectPage(DetailPage):
    code = models.CharField("Mã số", max_length=50, blank=True)
    level = models.CharField(
        "Cấp quản lý", max_length=20, choices=ResearchLevel.choices
    )
    lead_organisation = models.CharField("Tổ chức chủ trì", max_length=255)
    lead_person = models.CharField("Chủ nhiệm", max_length=255, blank=True)
    start_year = year_field("Năm bắt đầu")
    end_year = year_field("Năm kết thúc", null=True, blank=True)
    budget = money_field("Kinh phí (đồng)")
    status = models.CharField(
        "Tình trạng", max_length=20, choices=ResearchStatus.choices
    )
    summary = models.TextField("Mục tiêu, nội dung", blank=True)
    results = models.TextField("Kết quả", blank=True)

    content_panels = PortalPage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("level")]),
                FieldRowPanel(
                    [FieldPanel("lead_organisation"), FieldPanel("lead_person")]
                ),
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
                FieldRowPanel([FieldPanel("budget"), FieldPanel("status")]),
            ],
            heading="Thông tin đề tài",
        ),
        FieldPanel("summary"),
        FieldPanel("results"),
        FieldPanel("note"),
        InlinePanel("files", label="Tệp kết quả"),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("code"),
        index.SearchField("summary"),
        index.SearchField("results"),
    ]
    parent_page_types = ["programmes.ResearchIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Chương trình, đề tài khoa học"
        verbose_name_plural = "Chương trình, đề tài khoa học"

    def clean(self):
        super().clean()
        errors: dict = {}
        check_period(self, errors)
        if errors:
            raise ValidationError(errors)

    @property
    def level_label(self) -> str:
        return ResearchLevel(self.level).label if self.level else ""

    @property
    def status_label(self) -> str:
        return ResearchStatus(self.status).label if self.status else ""


class ResearchResultFile(Orderable):
    research = ParentalKey(
        ResearchProjectPage, related_name="files", on_delete=models.CASCADE
    )
    file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Tệp",
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField("Mô tả", max_length=255, blank=True)

    panels = [FieldPanel("file"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "Tệp kết quả"


# --- Chiến lược, quy hoạch, kế hoạch -------------------------------------------------


class PlanningIndexPage(ListingIndexPage):
    listing_name = "planning"
    subpage_types = ["programmes.PlanningDocumentPage"]

    class Meta:
        verbose_name = "Chiến lược, quy hoạch, kế hoạch"
        verbose_name_plural = "Chiến lược, quy hoạch, kế hoạch"


class PlanningDocumentPage(DetailPage):
    kind = models.CharField("Loại", max_length=20, choices=PlanKind.choices)
    start_year = year_field("Từ năm")
    end_year = year_field("Đến năm")
    approval_document = models.ForeignKey(
        "documents.LegalDocumentPage",
        verbose_name="Quyết định phê duyệt (văn bản trên cổng)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approval_number = models.CharField(
        "Số quyết định phê duyệt",
        max_length=100,
        blank=True,
        help_text="Khi văn bản chưa có trên cổng.",
    )
    approval_date = models.DateField("Ngày phê duyệt", null=True, blank=True)
    approving_body = models.CharField("Cơ quan phê duyệt", max_length=255, blank=True)
    summary = models.TextField("Nội dung chính")

    content_panels = PortalPage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
            ],
            heading="Loại và thời kỳ",
        ),
        MultiFieldPanel(
            [
                FieldPanel("approval_document"),
                FieldRowPanel(
                    [FieldPanel("approval_number"), FieldPanel("approval_date")]
                ),
                FieldPanel("approving_body"),
            ],
            heading="Phê duyệt",
        ),
        FieldPanel("summary"),
        FieldPanel("note"),
        InlinePanel("files", label="Tệp đính kèm"),
        InlinePanel("maps", label="Bản đồ, sơ đồ"),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("approval_number"),
    ]
    parent_page_types = ["programmes.PlanningIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Chiến lược, quy hoạch, kế hoạch"
        verbose_name_plural = "Chiến lược, quy hoạch, kế hoạch"

    def clean(self):
        super().clean()
        errors: dict = {}
        check_period(self, errors)
        if errors:
            raise ValidationError(errors)

    @property
    def kind_label(self) -> str:
        return PlanKind(self.kind).label if self.kind else ""


class PlanningFile(Orderable):
    plan = ParentalKey(
        PlanningDocumentPage, related_name="files", on_delete=models.CASCADE
    )
    file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Tệp",
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField("Mô tả", max_length=255, blank=True)

    panels = [FieldPanel("file"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "Tệp đính kèm"


class PlanningMap(Orderable):
    plan = ParentalKey(
        PlanningDocumentPage, related_name="maps", on_delete=models.CASCADE
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Bản đồ, sơ đồ",
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField("Chú thích", max_length=255)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "Bản đồ, sơ đồ"
