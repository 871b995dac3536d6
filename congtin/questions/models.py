"""Citizens' questions (hỏi đáp): the private queue and the published answers.

A :class:`Question` is what a citizen sent, with contact details only the staff of
the portal concerned may see. Its answer is published as an :class:`AnswerPage`
under the portal's "Hỏi đáp" page (:class:`QuestionIndexPage`), so it goes through
the portal's own Wagtail workflow (Biên tập, Phê duyệt) like any article; the page
holds a copy of the question without contact details.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from congtin.core import public_forms
from congtin.core.models import PortalPage
from congtin.core.vietnamese import (
    add_working_days,
    format_date,
    format_datetime,
    working_days_between,
)

ANSWER_WORKING_DAYS = 15
# Easy to read aloud and type: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_tracking_code() -> str:
    """ "HD-7K3M-Q9PX": 8 random characters from 31, about 40 bits."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"HD-{chars[:4]}-{chars[4:]}"


def normalize_tracking_code(text: str) -> str:
    """What a citizen typed ("hd 7k3m q9px", "7K3MQ9PX") as a stored code, or ""."""
    raw = "".join(ch for ch in public_forms.clean_text(text).upper() if ch.isalnum())
    raw = raw.removeprefix("HD")
    if len(raw) != 8 or any(ch not in CODE_ALPHABET for ch in raw):
        return ""
    return f"HD-{raw[:4]}-{raw[4:]}"


class Topic(models.Model):
    """A chủ đề for questions; shared by every portal unless a portal is set."""

    name = models.CharField("Tên chủ đề", max_length=200)
    slug = models.SlugField("Mã trong địa chỉ", max_length=100, unique=True)
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="Cổng",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="question_topics",
        help_text="Để trống: chủ đề dùng chung cho mọi cổng.",
    )
    sort_order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("site")]

    class Meta:
        verbose_name = "Chủ đề hỏi đáp"
        verbose_name_plural = "Chủ đề hỏi đáp"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @classmethod
    def for_site(cls, site):
        return cls.objects.filter(models.Q(site__isnull=True) | models.Q(site=site))


class Status(models.TextChoices):
    RECEIVED = "received", "Đã tiếp nhận"
    FORWARDED = "forwarded", "Đã chuyển phòng, ban xử lý"
    ANSWERED = "answered", "Đã có câu trả lời, đang duyệt"
    PUBLISHED = "published", "Đã trả lời và công khai"
    DECLINED = "declined", "Từ chối trả lời"


OPEN_STATUSES = [Status.RECEIVED, Status.FORWARDED, Status.ANSWERED]


class ReceiptStatus(models.TextChoices):
    """Where the receipt e-mail stands; written by ``notifications.send_receipt``."""

    NONE = "none", "Không gửi"
    PENDING = "pending", "Đang gửi"
    SENT = "sent", "Đã gửi"
    FAILED = "failed", "Chưa gửi được"


class Question(models.Model):
    """One citizen's question. Contact fields are private to the portal's staff."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="Cơ quan (cổng) nhận",
        on_delete=models.CASCADE,
        related_name="questions",
    )
    tracking_code = models.CharField(
        "Mã theo dõi", max_length=12, unique=True, editable=False
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name="Chủ đề",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    name = models.CharField("Họ và tên", max_length=200)
    email = models.EmailField("Thư điện tử", max_length=254, blank=True)
    phone = models.CharField("Số điện thoại", max_length=20, blank=True)
    address = models.CharField("Địa chỉ", max_length=300, blank=True)
    title = models.CharField("Tiêu đề", max_length=300)
    text = models.TextField("Nội dung câu hỏi")
    status = models.CharField(
        "Trạng thái", max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    department = models.CharField(
        "Phòng, ban xử lý",
        max_length=200,
        blank=True,
        help_text="Nơi được giao chuẩn bị câu trả lời.",
    )
    answer = models.TextField(
        "Câu trả lời (dự thảo)",
        blank=True,
        help_text="Văn bản thuần; sẽ được đưa vào trang hỏi đáp để duyệt.",
    )
    decline_reason = models.TextField(
        "Lý do từ chối",
        blank=True,
        help_text="Người hỏi xem được lý do này khi tra cứu mã theo dõi.",
    )
    answer_page = models.ForeignKey(
        "questions.AnswerPage",
        verbose_name="Trang trả lời",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField("Ngày gửi", default=timezone.now)
    deadline = models.DateField("Hạn trả lời", editable=False)
    closed_at = models.DateTimeField("Ngày kết thúc", null=True, blank=True)
    contact_erased_at = models.DateTimeField(
        "Đã xóa thông tin liên hệ", null=True, blank=True, editable=False
    )
    is_illustrative = models.BooleanField("Dữ liệu minh họa", default=False)
    receipt_status = models.CharField(
        "Thư xác nhận",
        max_length=10,
        choices=ReceiptStatus.choices,
        default=ReceiptStatus.NONE,
        editable=False,
    )
    receipt_attempts = models.PositiveSmallIntegerField(
        "Số lần gửi thư xác nhận", default=0, editable=False
    )
    receipt_sent_at = models.DateTimeField(
        "Đã gửi thư xác nhận lúc", null=True, blank=True, editable=False
    )
    receipt_retry_at = models.DateTimeField(
        "Gửi lại thư xác nhận lúc", null=True, blank=True, editable=False
    )
    receipt_error = models.CharField(
        "Lỗi gửi thư xác nhận", max_length=300, blank=True, editable=False
    )

    class Meta:
        verbose_name = "Câu hỏi của công dân"
        verbose_name_plural = "Câu hỏi của công dân"
        ordering = ["deadline", "pk"]

    def __str__(self):
        return f"{self.tracking_code} {self.title}"

    def save(self, *args, **kwargs):
        if not self.tracking_code:
            self.tracking_code = new_tracking_code()
        if not self.deadline:
            submitted = timezone.localdate(self.submitted_at)
            self.deadline = add_working_days(submitted, ANSWER_WORKING_DAYS)
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and timezone.localdate() > self.deadline

    @admin.display(description="Hạn trả lời (15 ngày làm việc)")
    def deadline_display(self) -> str:
        """ "05/12/2026 (còn 3 ngày làm việc)" or "(quá hạn 2 ngày làm việc)"."""
        text = format_date(self.deadline)
        if not self.is_open:
            return text
        today = timezone.localdate()
        if today > self.deadline:
            late = working_days_between(self.deadline, today)
            return f"{text} (QUÁ HẠN {late} ngày làm việc)"
        left = working_days_between(today, self.deadline)
        return f"{text} (còn {left} ngày làm việc)"

    @admin.display(description="Liên hệ")
    def contact_display(self) -> str:
        parts = [self.email, self.phone]
        return " · ".join(p for p in parts if p) or "(đã xóa)"

    @admin.display(description="Thư xác nhận")
    def receipt_display(self) -> str:
        """For staff: "Đã gửi lúc 05/12/2026 09:15", "Chưa gửi được (2 lần thử; ...)"."""
        status = self.receipt_status
        if status == ReceiptStatus.NONE:
            return (
                "Không gửi (người hỏi không ghi thư điện tử)" if not self.email else "—"
            )
        if status == ReceiptStatus.SENT:
            when = format_datetime(self.receipt_sent_at) if self.receipt_sent_at else ""
            return f"Đã gửi lúc {when}".strip()
        if status == ReceiptStatus.PENDING:
            return "Đang gửi"
        parts = [f"{self.receipt_attempts} lần thử"]
        if self.receipt_error:
            parts.append(self.receipt_error.rstrip("."))
        if self.receipt_retry_at:
            parts.append(f"sẽ gửi lại lúc {format_datetime(self.receipt_retry_at)}")
        else:
            parts.append("đã thôi gửi lại")
        return f"Chưa gửi được ({'; '.join(parts)})"

    @admin.display(description="Thư xác nhận")
    def receipt_column(self) -> str:
        """The queue's short form: "Đã gửi", "Chưa gửi được (2 lần thử)"."""
        if self.receipt_status == ReceiptStatus.NONE:
            return "—"
        if self.receipt_status == ReceiptStatus.FAILED:
            return f"Chưa gửi được ({self.receipt_attempts} lần thử)"
        return self.get_receipt_status_display()

    def erase_contact(self):
        """Forget who asked: contact fields and attachments; the question stays."""
        for attachment in self.attachments.all():
            attachment.file.delete(save=False)
            attachment.delete()
        self.name = "(đã xóa)"
        self.email = self.phone = self.address = ""
        self.receipt_error = ""
        self.receipt_retry_at = None
        self.contact_erased_at = timezone.now()
        self.save(
            update_fields=[
                "name",
                "email",
                "phone",
                "address",
                "receipt_error",
                "receipt_retry_at",
                "contact_erased_at",
            ]
        )

    def get_tracking_url(self) -> str | None:
        index = QuestionIndexPage.for_site(self.site)
        if index is None:
            return None
        return index.get_url() + index.reverse_subpage(
            "track", args=[self.tracking_code]
        )

    def get_full_tracking_url(self) -> str | None:
        index = QuestionIndexPage.for_site(self.site)
        if index is None:
            return None
        return index.get_full_url() + index.reverse_subpage(
            "track", args=[self.tracking_code]
        )


def attachment_path(instance, filename):
    # The stored name is random (public_forms.store_attachment); dated folders only.
    return timezone.now().strftime("questions/%Y/%m/") + filename


class Attachment(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        upload_to=attachment_path,
        storage=public_forms.private_storage,
        max_length=200,
    )
    original_name = models.CharField("Tên tệp gốc", max_length=200)
    kind = models.CharField(
        "Loại tệp",
        max_length=10,
        choices=[(k, k.upper()) for k in ("pdf", "jpeg", "png")],
    )
    size = models.PositiveIntegerField("Dung lượng (byte)")

    class Meta:
        verbose_name = "Tệp đính kèm"
        verbose_name_plural = "Tệp đính kèm"

    def __str__(self):
        return self.original_name


class QuestionIndexPage(RoutablePageMixin, PortalPage):
    """A portal's "Hỏi đáp": published answers, the form, and tracking by code."""

    intro = models.TextField("Giới thiệu", blank=True)
    privacy_notice = models.TextField(
        "Thông báo về dữ liệu cá nhân",
        blank=True,
        help_text="Hiện trên biểu mẫu gửi câu hỏi. Để trống để dùng nội dung mặc định.",
    )
    per_page = models.PositiveSmallIntegerField("Số câu mỗi trang", default=20)

    content_panels = PortalPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("privacy_notice"),
        FieldPanel("per_page"),
    ]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["questions.AnswerPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Trang hỏi đáp"

    @classmethod
    def for_site(cls, site):
        if site is None:
            return None
        return cls.objects.live().descendant_of(site.root_page).order_by("path").first()

    @path("")
    def index_route(self, request):
        from .views import answer_list

        return answer_list(request, self)

    @path("gui-cau-hoi/", name="ask")
    def ask_route(self, request):
        from .views import ask

        return ask(request, self)

    @path("theo-doi/", name="track_form")
    def track_form_route(self, request):
        from .views import track

        return track(request, self, None)

    @path("theo-doi/<str:code>/", name="track")
    def track_route(self, request, code):
        from django.utils.cache import add_never_cache_headers, patch_cache_control

        from .views import track

        # One citizen's question: never kept by the page cache or any cache between
        # (and a cached answer would let guesses skip the failed-lookup limit).
        response = track(request, self, code)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response


class AnswerPage(PortalPage):
    """A published question and its answer; never holds contact details."""

    shown_in_portal_map = False

    topic = models.ForeignKey(
        Topic,
        verbose_name="Chủ đề",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    question_text = models.TextField(
        "Nội dung câu hỏi",
        help_text="Chép từ câu hỏi, không kèm thông tin liên hệ của người hỏi.",
    )
    answer = models.TextField("Câu trả lời")
    department = models.CharField("Đơn vị trả lời", max_length=200, blank=True)
    asked_on = models.DateField("Ngày hỏi")
    is_illustrative = models.BooleanField(
        "Nội dung minh họa",
        default=False,
        help_text="Hỏi đáp mẫu; trang công khai ghi rõ là minh họa.",
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("topic"),
        FieldPanel("question_text"),
        FieldPanel("answer"),
        FieldRowPanel([FieldPanel("department"), FieldPanel("asked_on")]),
        FieldPanel("is_illustrative"),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("question_text"),
        index.SearchField("answer"),
    ]
    parent_page_types = ["questions.QuestionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Câu hỏi và trả lời"
        verbose_name_plural = "Câu hỏi và trả lời"


def retention_cutoff():
    """Questions closed before this moment lose their contact details."""
    days = settings.QUESTIONS_CONTACT_RETENTION_DAYS
    return timezone.now() - timedelta(days=days)
