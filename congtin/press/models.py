"""The portal's spokespeople and its press releases (Decree 42/2022/NĐ-CP, art. 4).

A spokesperson is a snippet of one portal (its ``Site``), edited by that portal's
staff only (``congtin.portals.policy``); the contact pages and the footer show the
active ones. Press releases are pages under one "Thông cáo báo chí" page per
portal, so they get revisions, the portal's workflow and its page permissions
without code here.
"""

from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from congtin.core.blocks import BodyBlock
from congtin.core.models import PortalPage
from congtin.core.vietnamese import is_phone

from .forms import PressReleaseForm


class Spokesperson(models.Model):
    """A person the agency has appointed to speak to the press for it."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="Cổng",
        on_delete=models.CASCADE,
        related_name="spokespeople",
    )
    name = models.CharField("Họ tên", max_length=255)
    position = models.CharField(
        "Chức vụ",
        max_length=255,
        help_text="Ví dụ: Chánh Văn phòng Ủy ban nhân dân thành phố.",
    )
    position_en = models.CharField(
        "Chức vụ (tiếng Anh)",
        max_length=255,
        blank=True,
        help_text="Hiển thị trên trang tiếng Anh; để trống để dùng chức vụ tiếng Việt.",
    )
    phone = models.CharField("Điện thoại", max_length=64, blank=True)
    email = models.EmailField("Email", blank=True)
    appointment = models.CharField(
        "Quyết định giao nhiệm vụ phát ngôn",
        max_length=255,
        blank=True,
        help_text="Ví dụ: Quyết định số 123/QĐ-UBND ngày 10/01/2022.",
    )
    appointment_document = models.ForeignKey(
        "documents.LegalDocumentPage",
        verbose_name="Văn bản quyết định (trên cổng)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(
        "Đang làm nhiệm vụ",
        default=True,
        help_text="Bỏ chọn khi người này thôi làm nhiệm vụ phát ngôn: không còn "
        "hiển thị ở trang liên hệ, các thông cáo cũ vẫn ghi tên.",
    )
    sort_order = models.PositiveSmallIntegerField(
        "Thứ tự hiển thị", default=0, help_text="Số nhỏ hiển thị trước."
    )

    panels = [
        FieldPanel("site"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("sort_order")]),
        FieldPanel("position"),
        FieldPanel("position_en"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        MultiFieldPanel(
            [FieldPanel("appointment"), FieldPanel("appointment_document")],
            heading="Quyết định giao nhiệm vụ",
        ),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = "Người phát ngôn"
        verbose_name_plural = "Người phát ngôn"
        ordering = ["site", "sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.name} - {self.position}"

    def clean(self):
        super().clean()
        if self.phone and not is_phone(self.phone):
            raise ValidationError(
                {"phone": "Số điện thoại không hợp lệ (ví dụ: 0225.3821.055)."}
            )

    def position_in(self, language: str) -> str:
        if language.startswith("en") and self.position_en:
            return self.position_en
        return self.position

    @property
    def phone_link(self) -> str:
        """The number for a ``tel:`` link: digits and a leading +."""
        return "".join(c for c in self.phone if c.isdigit() or c == "+")


class PressReleaseIndexPage(RoutablePageMixin, PortalPage):
    """ "Thông cáo báo chí": the portal's releases, newest first, by year, with RSS."""

    intro = models.TextField("Giới thiệu", blank=True)
    per_page = models.PositiveSmallIntegerField("Số thông cáo mỗi trang", default=20)

    content_panels = PortalPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("per_page"),
    ]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["press.PressReleasePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Thông cáo báo chí"
        verbose_name_plural = "Thông cáo báo chí"

    @path("")
    def listing(self, request):
        from .listing import listing_context

        # A year that cannot be a year raises BadParameter: the project's 400 page.
        return self.render(request, context_overrides=listing_context(self, request))

    @path("rss/")
    def feed(self, request):
        from .feeds import PressReleaseFeed

        return PressReleaseFeed()(request, index=self)

    # The list as a spreadsheet, same year filter (exports.py). Wagtail serves only
    # paths of words ending in "/": no "thong-cao.csv" here.
    @path("xuat/<str:fmt>/")
    def export(self, request, fmt):
        from .exports import export_response

        return export_response(self, request, fmt)


class PressReleasePage(PortalPage):
    """One press release: number, date, summary, text, files, who issued it."""

    shown_in_portal_map = False

    date = models.DateField("Ngày phát hành", default=timezone.localdate, db_index=True)
    number = models.CharField(
        "Số thông cáo", max_length=100, blank=True, help_text="Ví dụ: 05/TCBC-UBND."
    )
    summary = models.TextField(
        "Tóm tắt", help_text="Một, hai câu; hiển thị ở danh sách."
    )
    body = StreamField(BodyBlock(), verbose_name="Nội dung")
    spokesperson = models.ForeignKey(
        Spokesperson,
        verbose_name="Người phát ngôn",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    base_form_class = PressReleaseForm
    content_panels = PortalPage.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("number")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("spokesperson"),
        InlinePanel("files", label="Tệp đính kèm"),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("number"),
        index.SearchField("summary"),
        index.FilterField("date"),
    ]
    parent_page_types = ["press.PressReleaseIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Thông cáo báo chí"
        verbose_name_plural = "Thông cáo báo chí"

    @property
    def description(self) -> str:
        return self.search_description or self.summary

    @property
    def published_at(self) -> datetime:
        """The release's date as a moment (8:00 in the portal's zone), for feeds
        and the search index, which sort by time."""
        return timezone.make_aware(datetime.combine(self.date, time(8, 0)))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index_page"] = context["breadcrumbs"][-1]
        context["attachments"] = [
            f for f in self.files.select_related("document") if f.document_id
        ]
        return context


class PressReleaseFile(Orderable):
    """A file of the release, from Wagtail's documents (so its collection's
    permissions and the document's privacy apply)."""

    release = ParentalKey(
        PressReleasePage, related_name="files", on_delete=models.CASCADE
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Tệp",
        on_delete=models.CASCADE,
        related_name="+",
    )
    label = models.CharField(
        "Tên hiển thị",
        max_length=255,
        blank=True,
        help_text="Để trống để dùng tên của tệp.",
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = "Tệp đính kèm"

    @property
    def shown_name(self) -> str:
        return self.label or self.document.title
