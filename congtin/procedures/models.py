"""Administrative procedures (thủ tục hành chính) as Wagtail pages under a
"Thủ tục hành chính" index per portal (Nghị định 42/2022/NĐ-CP asks an agency's
portal to publish the procedures it handles).

Pages give procedures revisions, the portal's workflow and its group permissions
without code here. Required papers and legal bases are inline rows of the page, so
a revision holds them.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from congtin.core.forms import PortalPageForm
from congtin.core.models import PortalPage
from congtin.core.vietnamese import fold
from congtin.documents.models import LegalDocumentPage

from .vocab import Level, OnlineLevel

# "1.001612" (the national database's code), optionally with the parts a province
# adds when it publishes its own copy ("1.001612.000.00.00.H22").
CODE_RE = re.compile(r"^[0-9]{1,2}\.[0-9]{6}(\.[0-9A-Z]{1,6}){0,6}$")
CODE_HELP = (
    "Mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, ví dụ 1.001612 "
    "(hoặc 1.001612.000.00.00.H22)."
)
validate_code = RegexValidator(
    CODE_RE,
    "Mã thủ tục viết như trên Cơ sở dữ liệu quốc gia, ví dụ 1.001612.",
)
validate_https = URLValidator(
    schemes=["https"],
    message="Nhập địa chỉ đầy đủ bắt đầu bằng https://, ví dụ "
    "https://dichvucong.gov.vn/….",
)


def normalise_code(value: str) -> str:
    return (value or "").strip().upper()


def code_taken(parent, code: str, exclude_pk=None) -> bool:
    """Whether another procedure under ``parent`` (one portal's index) has ``code``."""
    siblings = ProcedurePage.objects.child_of(parent).filter(code=code)
    if exclude_pk:
        siblings = siblings.exclude(pk=exclude_pk)
    return siblings.exists()


class ProcedurePageForm(PortalPageForm):
    """The code identifies a procedure within its portal (imports update by it)."""

    def clean(self):
        data = super().clean()
        code = normalise_code(data.get("code", ""))
        if code:
            data["code"] = code
            parent = getattr(self, "parent_page", None)
            if parent is None and self.instance.pk:
                parent = self.instance.get_parent()
            if parent is not None and code_taken(parent, code, self.instance.pk):
                self.add_error("code", f"Cổng này đã có thủ tục mã {code}.")
        return data


class ProcedureIndexPage(PortalPage):
    """The portal's "Thủ tục hành chính" page: the filterable list of procedures."""

    intro = models.TextField("Giới thiệu", blank=True)
    per_page = models.PositiveSmallIntegerField("Số thủ tục mỗi trang", default=20)

    content_panels = PortalPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("per_page"),
    ]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["procedures.ProcedurePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Danh mục thủ tục hành chính"
        verbose_name_plural = "Danh mục thủ tục hành chính"

    def serve(self, request, *args, **kwargs):
        from . import listing

        # A filter that cannot be right raises BadParameter: the project's 400 page.
        chosen = listing.parse(request.GET)
        if chosen.export:
            return listing.export_response(self, chosen)
        request._procedures_listing = listing.listing_context(self, request, chosen)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(getattr(request, "_procedures_listing", {}))
        return context


class ProcedurePage(PortalPage):
    """One procedure as the national database describes it."""

    shown_in_portal_map = False
    base_form_class = ProcedurePageForm

    code = models.CharField(
        "Mã thủ tục", max_length=60, help_text=CODE_HELP, validators=[validate_code]
    )
    field = models.CharField(
        "Lĩnh vực", max_length=255, help_text="Ví dụ: Đất đai, Hộ tịch, Xây dựng."
    )
    level = models.CharField(
        "Cấp thực hiện", max_length=20, choices=Level.choices, db_index=True
    )
    online_level = models.CharField(
        "Mức độ dịch vụ công trực tuyến",
        max_length=20,
        choices=OnlineLevel.choices,
        default=OnlineLevel.INFORMATION,
    )
    processing_time = models.CharField(
        "Thời hạn giải quyết",
        max_length=500,
        help_text="Như công bố, ví dụ: 15 ngày làm việc kể từ ngày nhận đủ hồ sơ.",
    )
    processing_days = models.PositiveSmallIntegerField(
        "Số ngày làm việc",
        null=True,
        blank=True,
        help_text="Để trống nếu thời hạn không tính bằng ngày làm việc.",
    )
    fees = models.TextField(
        "Phí, lệ phí", blank=True, help_text="Ví dụ: Không; hoặc 100.000 đồng/hồ sơ."
    )
    steps = models.TextField("Trình tự thực hiện", help_text="Mỗi bước một dòng.")
    result = models.TextField("Kết quả thực hiện")
    agency = models.CharField(
        "Cơ quan thực hiện",
        max_length=255,
        help_text="Ví dụ: Sở Xây dựng; Ủy ban nhân dân quận.",
    )
    filing_url = models.URLField(
        "Địa chỉ nộp hồ sơ trực tuyến",
        max_length=500,
        blank=True,
        validators=[validate_https],
        help_text="Trang của thủ tục trên Cổng Dịch vụ công quốc gia "
        "(dichvucong.gov.vn) hoặc của tỉnh; phải bắt đầu bằng https://.",
    )
    note = models.TextField(
        "Ghi chú",
        blank=True,
        help_text="Hiển thị cho người đọc, ví dụ phần nào là thông tin minh họa.",
    )
    # Name, code, field and agency folded (no marks, lower case): what the list's
    # text filter matches, the same way on SQLite and PostgreSQL.
    folded = models.TextField(editable=False, blank=True, default="")
    # Field and name folded: the list's order, "Đất đai" among the D's (the
    # database would sort "Đ" after "Z"). Two columns, since a database collation
    # may ignore any separator put between them.
    field_key = models.CharField(max_length=255, editable=False, blank=True, default="")
    title_key = models.CharField(max_length=255, editable=False, blank=True, default="")

    content_panels = PortalPage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("field")]),
                FieldRowPanel([FieldPanel("level"), FieldPanel("online_level")]),
                FieldPanel("agency"),
                FieldPanel("filing_url"),
            ],
            heading="Thông tin thủ tục",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("processing_time"), FieldPanel("processing_days")]
                ),
                FieldPanel("fees"),
            ],
            heading="Thời hạn và phí",
        ),
        InlinePanel("papers", label="Thành phần hồ sơ"),
        FieldPanel("steps"),
        FieldPanel("result"),
        InlinePanel("bases", label="Căn cứ pháp lý"),
        FieldPanel("note"),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("code"),
        index.SearchField("field"),
        index.SearchField("agency"),
    ]
    parent_page_types = ["procedures.ProcedureIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Thủ tục hành chính"
        verbose_name_plural = "Thủ tục hành chính"

    def save(self, *args, **kwargs):
        self.code = normalise_code(self.code)
        self.folded = fold(" ".join([self.title, self.code, self.field, self.agency]))
        self.field_key = fold(self.field)[:255]
        self.title_key = fold(self.title)[:255]
        return super().save(*args, **kwargs)

    @property
    def level_label(self) -> str:
        return Level(self.level).label if self.level else ""

    @property
    def online_label(self) -> str:
        return OnlineLevel(self.online_level).label if self.online_level else ""

    @property
    def days_label(self) -> str:
        """ "N ngày làm việc" beside the published time, unless it says so already."""
        if not self.processing_days or "ngay lam viec" in fold(self.processing_time):
            return ""
        return f"{self.processing_days} ngày làm việc"

    @property
    def step_lines(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

    @property
    def description(self) -> str:
        return self.search_description or f"{self.title} ({self.code})"

    def legal_bases(self):
        """(text, live public document or None) of each legal basis, in order."""
        rows = self.bases.select_related("document")
        shown = []
        for row in rows:
            document = row.document
            if document is not None and not document.live:
                document = None
            # A deleted document leaves a row with no text: nothing to show.
            if row.label:
                shown.append((row.label, document))
        return shown

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index_page"] = context["breadcrumbs"][-1]
        context["papers"] = list(self.papers.all())
        context["legal_bases"] = self.legal_bases()
        return context


class ProcedurePaper(Orderable):
    """One item of the file (thành phần hồ sơ) and how many copies of it."""

    procedure = ParentalKey(
        ProcedurePage, related_name="papers", on_delete=models.CASCADE
    )
    name = models.CharField("Tên giấy tờ", max_length=500)
    originals = models.PositiveSmallIntegerField("Bản chính", default=1)
    copies = models.PositiveSmallIntegerField("Bản sao", default=0)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("originals"), FieldPanel("copies")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Giấy tờ"

    def clean(self):
        super().clean()
        if not self.originals and not self.copies:
            raise ValidationError(
                {"originals": "Cần ít nhất một bản chính hoặc một bản sao."}
            )

    @property
    def count_label(self) -> str:
        parts = []
        if self.originals:
            parts.append(f"{self.originals} bản chính")
        if self.copies:
            parts.append(f"{self.copies} bản sao")
        return ", ".join(parts)


class ProcedureBasis(Orderable):
    """One legal basis: a document of the portal's "Văn bản" where there is one,
    and the text as published (which article, or a document not on the portal)."""

    procedure = ParentalKey(
        ProcedurePage, related_name="bases", on_delete=models.CASCADE
    )
    document = models.ForeignKey(
        LegalDocumentPage,
        verbose_name="Văn bản trên cổng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.CharField(
        "Nội dung",
        max_length=500,
        blank=True,
        help_text="Ví dụ: Luật Xây dựng số 50/2014/QH13. Để trống để dùng tên văn bản.",
    )

    panels = [FieldPanel("document"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "Căn cứ pháp lý"

    def clean(self):
        super().clean()
        if self.document_id is None and not self.text.strip():
            raise ValidationError({"text": "Chọn văn bản hoặc ghi nội dung căn cứ."})

    @property
    def label(self) -> str:
        if self.text:
            return self.text
        return self.document.title if self.document is not None else ""
