"""Legal documents (văn bản) as Wagtail pages under a "Văn bản" index per portal.

Pages give documents revisions, the portal's workflow and its group permissions
without any code here. Files and relations are inline rows of the page, so a
revision holds them and only the live version's rows are in the database tables.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable
from wagtail.search import index

from congtin.core.models import PortalPage
from congtin.core.vietnamese import format_file_size
from congtin.news.models import ArticlePage

from . import files
from .status import status_on
from .vocab import FORWARD_LABELS, REVERSE_LABELS, DocumentType, RelationKind, Status


class DocumentIndexPage(PortalPage):
    """The portal's "Văn bản" page: the searchable, filterable list of documents."""

    intro = models.TextField("Giới thiệu", blank=True)
    per_page = models.PositiveSmallIntegerField("Số văn bản mỗi trang", default=20)

    content_panels = PortalPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("per_page"),
    ]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["documents.LegalDocumentPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Cơ sở dữ liệu văn bản"
        verbose_name_plural = "Cơ sở dữ liệu văn bản"

    def serve(self, request, *args, **kwargs):
        from .listing import listing_context

        # A filter that cannot be right raises BadParameter: the project's 400 page.
        request._documents_listing = listing_context(self, request)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(getattr(request, "_documents_listing", {}))
        return context


class LegalDocumentPage(RoutablePageMixin, PortalPage):
    """One document: number and symbol, type, issuer, dates, summary, files."""

    shown_in_portal_map = False

    number = models.CharField(
        "Số, ký hiệu",
        max_length=100,
        help_text="Ví dụ: 128/NQ-CP, 28-NQ/TU.",
    )
    doc_type = models.CharField(
        "Loại văn bản", max_length=20, choices=DocumentType.choices
    )
    issuing_body = models.CharField(
        "Cơ quan ban hành", max_length=255, help_text="Ví dụ: Chính phủ."
    )
    signer = models.CharField("Người ký", max_length=255, blank=True)
    issue_date = models.DateField("Ngày ban hành", db_index=True)
    effective_date = models.DateField(
        "Ngày có hiệu lực",
        null=True,
        blank=True,
        help_text="Để trống nếu có hiệu lực từ ngày ban hành.",
    )
    expiry_date = models.DateField(
        "Ngày hết hiệu lực",
        null=True,
        blank=True,
        help_text="Ngày đầu tiên văn bản không còn hiệu lực.",
    )
    partly_expired = models.BooleanField(
        "Hết hiệu lực một phần",
        default=False,
        help_text="Đánh dấu khi một phần văn bản đã bị sửa đổi, thay thế hoặc bãi bỏ.",
    )
    field = models.CharField(
        "Lĩnh vực", max_length=255, blank=True, help_text="Ví dụ: Y tế, Xây dựng Đảng."
    )
    summary = models.TextField("Trích yếu")
    note = models.TextField(
        "Ghi chú",
        blank=True,
        help_text="Hiển thị cho người đọc, ví dụ phần nào là thông tin minh họa.",
    )

    content_panels = PortalPage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("doc_type")]),
                FieldRowPanel([FieldPanel("issuing_body"), FieldPanel("signer")]),
                FieldPanel("field"),
            ],
            heading="Thông tin văn bản",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("issue_date"),
                        FieldPanel("effective_date"),
                        FieldPanel("expiry_date"),
                    ]
                ),
                FieldPanel("partly_expired"),
            ],
            heading="Hiệu lực",
        ),
        FieldPanel("summary"),
        FieldPanel("note"),
        InlinePanel("files", label="Tệp đính kèm"),
        InlinePanel("relations", label="Văn bản liên quan"),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("number"),
        index.SearchField("summary"),
        index.SearchField("issuing_body"),
        index.FilterField("issue_date"),
    ]
    parent_page_types = ["documents.DocumentIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Văn bản"
        verbose_name_plural = "Văn bản"

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.effective_date
            and self.issue_date
            and (self.effective_date < self.issue_date)
        ):
            errors["effective_date"] = (
                "Ngày có hiệu lực không được trước ngày ban hành."
            )
        starts = self.effective_date or self.issue_date
        if self.expiry_date and starts and self.expiry_date <= starts:
            errors["expiry_date"] = "Ngày hết hiệu lực phải sau ngày có hiệu lực."
        if errors:
            raise ValidationError(errors)

    @property
    def status(self) -> Status:
        return status_on(self)

    @property
    def type_label(self) -> str:
        return DocumentType(self.doc_type).label if self.doc_type else ""

    @property
    def description(self) -> str:
        return self.search_description or self.summary

    def outgoing(self):
        """(label, document) for relations this document declares, live targets."""
        rows = self.relations.select_related("target").filter(target__live=True)
        return [(FORWARD_LABELS[RelationKind(r.kind)], r.target) for r in rows]

    def incoming(self):
        """(label, document) for live documents that declare a relation to this one."""
        rows = (
            DocumentRelation.objects.filter(target=self, document__live=True)
            .select_related("document")
            .order_by("document__issue_date", "document__pk")
        )
        return [(REVERSE_LABELS[RelationKind(r.kind)], r.document) for r in rows]

    def mentioning_articles(self):
        """Live news articles whose text links this document (Wagtail's reference
        index records rich-text page links)."""
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import Page, ReferenceIndex

        ids = (
            ReferenceIndex.get_references_to(self)
            .filter(base_content_type=ContentType.objects.get_for_model(Page))
            .values_list("object_id", flat=True)
        )
        return (
            ArticlePage.objects.live()
            .public()
            .filter(pk__in=[int(i) for i in ids if str(i).isdigit()])
            .order_by("-date")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index_page"] = context["breadcrumbs"][-1]
        context["page_url"] = self.get_url(request)
        attachments = list(self.files.all())
        for attachment in attachments:
            attachment.download_url = attachment.url_for(
                request, context["page_url"] or ""
            )
        context["attachments"] = attachments
        context["outgoing"] = self.outgoing()
        context["incoming"] = self.incoming()
        context["articles"] = list(self.mentioning_articles()[:10])
        return context

    @path("")
    def detail(self, request):
        return self.render(request)

    @path("tep/<id:file_id>/")
    def download(self, request, file_id):
        # Wagtail routes here only while the page is live, and its view
        # restrictions (password, login, groups) are checked before this runs.
        attachment = self.files.filter(pk=file_id).first()
        if attachment is None or not attachment.file:
            raise Http404("Không có tệp này.")
        try:
            return files.download_response(attachment.file, attachment.download_name)
        except OSError as exc:
            raise Http404("Tệp không còn trên máy chủ.") from exc


class LegalDocumentFile(Orderable):
    document = ParentalKey(
        LegalDocumentPage, related_name="files", on_delete=models.CASCADE
    )
    file = models.FileField(
        "Tệp (PDF, DOC, DOCX)",
        upload_to=files.storage_name,
        storage=files.document_storage,
        max_length=255,
        validators=[files.validate_upload],
    )
    original_name = models.CharField(
        "Tên tệp khi tải về",
        max_length=255,
        blank=True,
        help_text="Để trống để dùng tên tệp đã tải lên.",
    )
    is_illustrative = models.BooleanField(
        "Tệp minh họa",
        default=False,
        help_text="Không phải bản gốc của văn bản (dữ liệu mẫu).",
    )

    panels = [
        FieldPanel("file"),
        FieldPanel("original_name"),
        FieldPanel("is_illustrative"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Tệp đính kèm"

    def _remember_upload_name(self):
        # Keep the name the editor uploaded (Vietnamese, with spaces) before the
        # storage gives the file its ASCII path. A draft revision stores the file
        # while serialising, so the form's clean() is the last moment it is known.
        if not self.original_name and self.file and not self.file._committed:
            self.original_name = self.file.name.rsplit("/", 1)[-1][:255]

    def clean(self):
        super().clean()
        self._remember_upload_name()

    def save(self, *args, **kwargs):
        self._remember_upload_name()
        super().save(*args, **kwargs)

    @property
    def kind(self) -> str:
        return files.KIND_LABELS.get(files.extension_of(self.file.name), "")

    @property
    def url_suffix(self) -> str:
        """Relative to the document's URL (its ``tep/<id>/`` route)."""
        return f"tep/{self.pk}/"

    def url_for(self, request, page_url: str) -> str:
        """Where a page rendering links this file: the public route, or in an
        admin preview (a draft, an unpublished document, a file not yet published)
        the staff view, which checks the viewer's permissions on the page."""
        if getattr(request, "is_preview", False) or self.pk is None:
            try:
                return self.file.url
            except ValueError:  # no file chosen yet
                return ""
        return f"{page_url}{self.url_suffix}"

    @property
    def size_label(self) -> str:
        try:
            size = self.file.size
        except OSError:
            return ""
        return format_file_size(size)

    @property
    def download_name(self) -> str:
        stored = self.file.name.rsplit("/", 1)[-1]
        name = self.original_name or stored
        if files.extension_of(name) != files.extension_of(stored):
            name = f"{name}.{files.extension_of(stored)}"
        return name


class DocumentRelation(Orderable):
    """This document amends / replaces / guides / repeals ``target``; the target
    shows the reverse ("Được sửa đổi, bổ sung bởi ...")."""

    document = ParentalKey(
        LegalDocumentPage, related_name="relations", on_delete=models.CASCADE
    )
    kind = models.CharField("Quan hệ", max_length=20, choices=RelationKind.choices)
    target = models.ForeignKey(
        LegalDocumentPage,
        verbose_name="Văn bản",
        on_delete=models.CASCADE,
        related_name="incoming_relations",
    )

    panels = [FieldPanel("kind"), FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = "Văn bản liên quan"
