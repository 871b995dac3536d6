"""Contact form routed to departments ("Liên hệ"): who receives, what was sent.

A portal keeps its own list of departments that take messages
(``ContactRecipient``, managed in the admin by that portal's staff); the citizen
picks one on the form page (``ContactFormPage``, under the "Liên hệ" page). Each
message is kept for staff (``ContactMessage``) until ``CONTACT_RETENTION_DAYS``
have passed, and reaches the department's mailbox through the mail worker.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from congtin.core.models import PortalPage

# Easy to read aloud and type: no 0/O, 1/I/L (as the questions' tracking codes).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    """ "LH-7K3M-Q9PX": 8 random characters from 31, about 40 bits."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"LH-{chars[:4]}-{chars[4:]}"


class ContactRecipient(models.Model):
    """A department of one portal that receives messages from the contact form.

    Kept apart from the unit pages of "Cơ cấu tổ chức": the receiving mailbox is
    often not the address a unit publishes, a portal chooses which units take
    messages, and the list changes without going through page publishing.
    """

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="Cổng",
        on_delete=models.CASCADE,
        related_name="contact_recipients",
    )
    name = models.CharField(
        "Tên phòng, ban",
        max_length=255,
        help_text="Tên người dân thấy khi chọn nơi nhận, ví dụ: Văn phòng HĐND và "
        "UBND quận.",
    )
    email = models.EmailField(
        "Thư điện tử nhận thư liên hệ",
        help_text="Không hiển thị trên cổng; thư của người dân được chuyển đến đây.",
    )
    description = models.CharField(
        "Lĩnh vực tiếp nhận",
        max_length=300,
        blank=True,
        help_text="Một dòng giúp người dân chọn đúng nơi nhận (không bắt buộc).",
    )
    is_active = models.BooleanField(
        "Đang nhận thư",
        default=True,
        help_text="Bỏ chọn để không còn hiển thị trong biểu mẫu; thư cũ vẫn giữ.",
    )
    sort_order = models.PositiveSmallIntegerField(
        "Thứ tự hiển thị", default=0, help_text="Số nhỏ hiển thị trước."
    )

    panels = [
        FieldPanel("site"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("sort_order")]),
        FieldPanel("email"),
        FieldPanel("description"),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = "Nơi nhận thư liên hệ"
        verbose_name_plural = "Nơi nhận thư liên hệ"
        ordering = ["site", "sort_order", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    NEW = "new", "Mới nhận"
    HANDLED = "handled", "Đã xử lý"


class ContactMessage(models.Model):
    """What a citizen sent through the contact form; seen by the portal's staff only."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="Cổng",
        on_delete=models.CASCADE,
        related_name="contact_messages",
    )
    recipient = models.ForeignKey(
        ContactRecipient,
        verbose_name="Phòng, ban nhận",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    # The name as it was when the message was sent: a department renamed or
    # removed later leaves the record readable.
    department_name = models.CharField("Gửi đến", max_length=255)
    reference = models.CharField("Mã thư", max_length=20, unique=True)
    name = models.CharField("Họ và tên", max_length=200)
    email = models.CharField("Thư điện tử", max_length=254, blank=True)
    phone = models.CharField("Số điện thoại", max_length=30, blank=True)
    title = models.CharField("Tiêu đề", max_length=300)
    text = models.TextField("Nội dung")
    created_at = models.DateTimeField("Thời gian gửi", default=timezone.now)
    status = models.CharField(
        "Tình trạng", max_length=16, choices=Status.choices, default=Status.NEW
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người xử lý",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField("Thời gian xử lý", null=True, blank=True)
    note = models.TextField(
        "Ghi chú xử lý",
        blank=True,
        help_text="Chỉ cán bộ của cổng xem được; không gửi cho người dân.",
    )

    class Meta:
        verbose_name = "Thư liên hệ"
        verbose_name_plural = "Thư liên hệ"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["created_at"], name="contact_msg_created")]

    def __str__(self) -> str:
        return f"{self.reference} - {self.title}"

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference()
        super().save(*args, **kwargs)


class ContactFormPage(PortalPage):
    """ "Gửi thư liên hệ": the form, on its own page because it carries a CSRF
    token (a page with one is never cached; the "Liên hệ" page stays cached)."""

    intro = models.TextField(
        "Giới thiệu ngắn",
        blank=True,
        help_text="Hiển thị phía trên biểu mẫu.",
    )
    privacy_notice = models.TextField(
        "Thông báo về dữ liệu cá nhân",
        blank=True,
        help_text="Để trống để dùng thông báo mặc định.",
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("privacy_notice"),
    ]
    parent_page_types = ["agency.ContactPage", "core.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Gửi thư liên hệ"

    def serve(self, request, *args, **kwargs):
        from .views import contact_form

        return contact_form(request, self)
