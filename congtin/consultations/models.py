"""Comments on draft documents (lấy ý kiến dự thảo).

Each portal may have a "Lấy ý kiến dự thảo" section (``DraftIndexPage``) holding
``DraftDocumentPage`` pages: the draft's text and files, the body asking for comments
and the comment period. While the period is open anyone may send a comment; staff of
the portal approve or reject each one before it is shown, and after the period closes
publish a summary of how the comments were taken in. Pages get Wagtail's revisions,
workflow and per-portal page permissions like every other page.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from congtin.core import params, time_window
from congtin.core.models import PortalPage
from congtin.core.public_forms import private_storage
from congtin.core.public_forms.moderation import ModerationStatus

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]

# Public filter values (query string ``?trang-thai=``) and their labels.
STATUS_UPCOMING = "sap-mo"
STATUS_OPEN = "dang-lay-y-kien"
STATUS_CLOSED = "da-ket-thuc"
STATUS_LABELS = {
    STATUS_OPEN: "Đang lấy ý kiến",
    STATUS_UPCOMING: "Sắp lấy ý kiến",
    STATUS_CLOSED: "Đã hết thời gian lấy ý kiến",
}


class DraftIndexPage(PortalPage):
    """ "Lấy ý kiến dự thảo": one portal's drafts, open and closed."""

    intro = models.TextField("Giới thiệu", blank=True)
    per_page = models.PositiveSmallIntegerField("Số dự thảo mỗi trang", default=20)

    content_panels = PortalPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("per_page"),
    ]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["consultations.DraftDocumentPage"]

    class Meta:
        verbose_name = "Chuyên mục lấy ý kiến dự thảo"
        verbose_name_plural = "Chuyên mục lấy ý kiến dự thảo"

    def drafts(self):
        return (
            DraftDocumentPage.objects.live()
            .public()
            .descendant_of(self)
            .order_by("-opens_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        status = params.choice(request.GET, "trang-thai", STATUS_LABELS, "Trạng thái")
        drafts = self.drafts()
        if status == STATUS_OPEN:
            drafts = drafts.filter(opens_at__lte=now, closes_at__gt=now)
        elif status == STATUS_CLOSED:
            drafts = drafts.filter(closes_at__lte=now)
        elif status == STATUS_UPCOMING:
            drafts = drafts.filter(opens_at__gt=now)
        page_obj = Paginator(drafts, self.per_page).get_page(
            params.page_number(request.GET)
        )
        context["drafts"] = page_obj
        context["status"] = status
        context["filters"] = [("", "Tất cả")] + list(STATUS_LABELS.items())
        return context


class DraftDocumentPage(PortalPage):
    """One draft put out for comments, with its period and, later, the summary."""

    shown_in_portal_map = False

    consulting_body = models.CharField(
        "Cơ quan lấy ý kiến",
        max_length=300,
        help_text="Ví dụ: Sở Tư pháp thành phố Hải Phòng",
    )
    opens_at = models.DateTimeField(
        "Bắt đầu lấy ý kiến", help_text="Giờ Việt Nam.", db_index=True
    )
    closes_at = models.DateTimeField(
        "Kết thúc lấy ý kiến", help_text="Giờ Việt Nam.", db_index=True
    )
    lead = models.TextField("Tóm tắt", blank=True)
    body = RichTextField("Nội dung dự thảo", features=RICH_TEXT_FEATURES, blank=True)
    report = RichTextField(
        "Báo cáo tổng hợp, tiếp thu, giải trình ý kiến",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Hiển thị công khai sau khi hết thời gian lấy ý kiến.",
    )
    report_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Tệp báo cáo tổng hợp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_illustrative = models.BooleanField(
        "Dữ liệu minh họa",
        default=False,
        help_text="Dự thảo mẫu; trang công khai ghi rõ là minh họa.",
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("consulting_body"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("lead"),
        FieldPanel("body"),
        InlinePanel("files", heading="Tệp dự thảo", label="Tệp"),
        MultiFieldPanel(
            [FieldPanel("report"), FieldPanel("report_document")],
            heading="Sau khi kết thúc lấy ý kiến",
        ),
        FieldPanel("is_illustrative"),
    ]
    parent_page_types = ["consultations.DraftIndexPage"]
    subpage_types: list[str] = []

    search_fields = PortalPage.search_fields + [
        index.SearchField("consulting_body"),
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]

    class Meta:
        verbose_name = "Dự thảo lấy ý kiến"
        verbose_name_plural = "Dự thảo lấy ý kiến"

    def clean(self):
        super().clean()
        time_window.check_order(self.opens_at, self.closes_at, "closes_at")

    def status(self, now=None) -> str:
        """``STATUS_UPCOMING``, ``STATUS_OPEN`` or ``STATUS_CLOSED`` at ``now``."""
        return {
            time_window.BEFORE: STATUS_UPCOMING,
            time_window.DURING: STATUS_OPEN,
            time_window.AFTER: STATUS_CLOSED,
        }[time_window.phase(self.opens_at, self.closes_at, now)]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status()]

    @property
    def is_open(self) -> bool:
        return self.status() == STATUS_OPEN

    def approved_comments(self):
        return self.comments.filter(status=DraftComment.Status.APPROVED).order_by(
            "created_at", "pk"
        )

    def serve(self, request, *args, **kwargs):
        from .views import serve_draft

        return serve_draft(self, request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["draft_status"] = self.status()
        context["comments"] = self.approved_comments()
        return context


class DraftFile(Orderable):
    """A downloadable file of the draft (the draft itself, an explanatory note…)."""

    page = ParentalKey(
        DraftDocumentPage, on_delete=models.CASCADE, related_name="files"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Tệp",
        on_delete=models.CASCADE,
        related_name="+",
    )
    label = models.CharField(
        "Tên hiển thị",
        max_length=300,
        blank=True,
        help_text="Để trống để dùng tên của tệp.",
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = "Tệp dự thảo"
        verbose_name_plural = "Tệp dự thảo"

    @property
    def title(self) -> str:
        return self.label or self.document.title


class DraftComment(models.Model):
    """A comment sent by anyone while the draft was open.

    Everything but the status is what the citizen typed; it is only ever shown as
    text. ``contact`` is visible to the portal's staff alone and is emptied by
    ``manage.py purge_consultation_contacts`` after the retention period.
    """

    Status = ModerationStatus

    draft = models.ForeignKey(
        DraftDocumentPage,
        verbose_name="Dự thảo",
        on_delete=models.CASCADE,
        related_name="comments",
    )
    # The portal, kept with the comment so the moderation queue is filtered without
    # walking the page tree.
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="Cổng",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField("Họ và tên", max_length=200)
    contact = models.CharField(
        "Thư điện tử hoặc điện thoại", max_length=254, blank=True
    )
    text = models.TextField("Nội dung góp ý")
    attachment = models.FileField(
        "Tệp đính kèm",
        upload_to="consultations/%Y/%m/",
        storage=private_storage,
        blank=True,
        max_length=300,
    )
    attachment_name = models.CharField("Tên tệp gửi lên", max_length=255, blank=True)
    # "pdf", "jpeg" or "png", as read from the file's bytes when it arrived.
    attachment_kind = models.CharField(max_length=10, blank=True, editable=False)
    status = models.CharField(
        "Trạng thái",
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField("Thời gian gửi", default=timezone.now)
    moderated_at = models.DateTimeField("Thời gian duyệt", null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người duyệt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_purged_at = models.DateTimeField(
        "Đã xóa thông tin liên hệ lúc", null=True, blank=True
    )

    class Meta:
        verbose_name = "Ý kiến góp ý dự thảo"
        verbose_name_plural = "Ý kiến góp ý dự thảo"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["site", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} - {self.draft.title}"
