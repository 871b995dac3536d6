"""Banners and link blocks of a portal's named slots, and the emergency alert.

A banner or a link block belongs to one portal (its ``Site``) and one slot; it is
edited by that portal's staff only (``congtin.portals.policy``). The emergency alert
belongs to no portal: it shows at the top of every page of every portal, and only
the city portal's chief editors and the administrators raise or lower it
(``permissions.may_raise``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from congtin.core import time_window
from congtin.core.vietnamese import nfc


def _collect(clean_parent) -> dict:
    """The errors of the parent classes' ``clean``, so each class adds its own
    and the editor sees every mistake at once."""
    try:
        clean_parent()
    except ValidationError as error:
        return error.update_error_dict({})
    return {}


# Only web addresses: a javascript: or data: link in a banner would run in readers'
# browsers on every portal page.
web_url = URLValidator(schemes=["http", "https"])


class Slot(models.TextChoices):
    """Where on the portal's pages a banner or link block shows."""

    HOME_TOP = "home_top", "Trang chủ - dải trên cùng"
    HOME_SIDE = "home_side", "Trang chủ - cột bên"
    EVERY_PAGE = "every_page", "Mọi trang - trên chân trang"


# Rendition of a banner's image per slot: wide strips on top and at the bottom,
# a narrow column beside the news.
RENDITIONS = {
    Slot.HOME_TOP: "max-1140x200",
    Slot.HOME_SIDE: "max-360x300",
    Slot.EVERY_PAGE: "max-560x120",
}


class ShowingQuerySet(models.QuerySet):
    def showing(self, now=None):
        """Active, and today between its first and last moment (either may be open)."""
        now = now or timezone.now()
        return self.filter(
            Q(shows_from__isnull=True) | Q(shows_from__lte=now),
            Q(shows_until__isnull=True) | Q(shows_until__gt=now),
            is_active=True,
        )


class ShownItem(models.Model):
    """What banners and link blocks share: portal, slot, order, dates shown."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name="Cổng", on_delete=models.CASCADE
    )
    slot = models.CharField("Vị trí", max_length=16, choices=Slot.choices)
    sort_order = models.PositiveSmallIntegerField(
        "Thứ tự hiển thị", default=0, help_text="Số nhỏ hiển thị trước."
    )
    shows_from = models.DateTimeField(
        "Hiển thị từ",
        null=True,
        blank=True,
        help_text="Để trống để hiển thị ngay. Trang được làm mới trong vòng một "
        "phút sau thời điểm này.",
    )
    shows_until = models.DateTimeField(
        "Hiển thị đến",
        null=True,
        blank=True,
        help_text="Để trống nếu không có hạn.",
    )
    is_active = models.BooleanField(
        "Đang dùng",
        default=True,
        help_text="Bỏ chọn để tạm ẩn mà không xóa.",
    )

    objects = ShowingQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["site", "slot", "sort_order", "pk"]

    def clean(self):
        errors = _collect(super().clean)
        if self.shows_from and self.shows_until and self.shows_until <= self.shows_from:
            errors.setdefault("shows_until", []).append(time_window.END_BEFORE_START)
        if errors:
            raise ValidationError(errors)


class LinkTarget(models.Model):
    """An address elsewhere or a page of the installation, one of the two."""

    link_url = models.CharField(
        "Địa chỉ liên kết",
        max_length=500,
        blank=True,
        validators=[web_url],
        help_text="Bắt đầu bằng http:// hoặc https://.",
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Hoặc trang trên cổng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def clean(self):
        errors = _collect(super().clean)
        if self.link_url and self.link_page_id:
            errors.setdefault("link_page", []).append(
                "Chỉ chọn một: địa chỉ liên kết hoặc trang trên cổng."
            )
        if errors:
            raise ValidationError(errors)

    def target_url(self) -> str:
        """Where the link leads: the stored address, or the page's full URL."""
        if self.link_url:
            return self.link_url
        page = self.link_page
        if page is None or not page.live:
            return ""
        return page.full_url or ""


class Banner(LinkTarget, ShownItem):
    """An image with its alternative text, linked, shown in one slot of a portal."""

    title = models.CharField(
        "Tên banner",
        max_length=255,
        help_text="Để nhận biết trong trang quản trị; không hiển thị cho người đọc.",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Ảnh",
        # Deleting the image in the library hides the banner rather than fail:
        # the form still requires one.
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    alt_text = models.CharField(
        "Văn bản thay thế",
        max_length=255,
        help_text="Bắt buộc: nội dung của ảnh và nơi liên kết dẫn tới, cho người "
        "dùng trình đọc màn hình (ví dụ: “Cổng dịch vụ công quốc gia”).",
    )
    clicks = models.PositiveIntegerField("Số lượt nhấn", default=0, editable=False)

    panels = [
        FieldPanel("site"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("slot")]),
        FieldPanel("image"),
        FieldPanel("alt_text"),
        MultiFieldPanel(
            [FieldPanel("link_url"), FieldPanel("link_page")],
            heading="Liên kết",
        ),
        FieldRowPanel([FieldPanel("shows_from"), FieldPanel("shows_until")]),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("is_active")]),
    ]

    class Meta(ShownItem.Meta):
        verbose_name = "Banner"
        verbose_name_plural = "Banner"

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = _collect(super().clean)
        self.alt_text = nfc(self.alt_text).strip()
        if not self.alt_text:
            errors.setdefault("alt_text", []).append(
                "Cần nhập văn bản thay thế cho ảnh."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def has_link(self) -> bool:
        return bool(self.link_url or self.link_page_id)


class LinkBlock(ShownItem, ClusterableModel):
    """A titled list of links (e.g. "Liên kết website") in one slot of a portal."""

    title = models.CharField(
        "Tiêu đề", max_length=255, help_text="Ví dụ: Liên kết website."
    )

    panels = [
        FieldPanel("site"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("slot")]),
        InlinePanel("items", heading="Các liên kết", label="Liên kết", min_num=1),
        FieldRowPanel([FieldPanel("shows_from"), FieldPanel("shows_until")]),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("is_active")]),
    ]

    class Meta(ShownItem.Meta):
        verbose_name = "Khối liên kết"
        verbose_name_plural = "Khối liên kết"

    def __str__(self) -> str:
        return self.title


class LinkBlockItem(LinkTarget, Orderable):
    block = ParentalKey(LinkBlock, related_name="items", on_delete=models.CASCADE)
    title = models.CharField("Tên liên kết", max_length=255)

    panels = [FieldPanel("title"), FieldPanel("link_url"), FieldPanel("link_page")]

    class Meta(Orderable.Meta):
        verbose_name = "Liên kết"
        verbose_name_plural = "Liên kết"

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = _collect(super().clean)
        if not self.link_url and not self.link_page_id:
            errors.setdefault("link_url", []).append(
                "Nhập địa chỉ liên kết hoặc chọn một trang trên cổng."
            )
        if errors:
            raise ValidationError(errors)


class AlertQuerySet(models.QuerySet):
    def current(self, now=None):
        """Raised, not lowered, not past its end."""
        now = now or timezone.now()
        return self.filter(lowered_at__isnull=True, ends_at__gt=now)


class EmergencyAlert(models.Model):
    """ "Cảnh báo khẩn": one short notice at the top of every page of every portal."""

    class Kind(models.TextChoices):
        STORM = "storm", "Bão, áp thấp nhiệt đới"
        FLOOD = "flood", "Mưa lũ, ngập lụt"
        EPIDEMIC = "epidemic", "Dịch bệnh"
        DISASTER = "disaster", "Thiên tai khác"
        OTHER = "other", "Tình huống khẩn cấp khác"

    class Level(models.TextChoices):
        WARNING = "warning", "Cảnh báo"
        DANGER = "danger", "Khẩn cấp"

    kind = models.CharField("Loại", max_length=16, choices=Kind.choices)
    level = models.CharField(
        "Mức độ", max_length=16, choices=Level.choices, default=Level.DANGER
    )
    text = models.CharField(
        "Nội dung",
        max_length=280,
        help_text="Ngắn gọn, một hai câu; chi tiết đặt ở trang liên kết.",
    )
    link_url = models.CharField(
        "Liên kết xem chi tiết",
        max_length=500,
        blank=True,
        validators=[web_url],
        help_text="Bắt đầu bằng http:// hoặc https://; ví dụ bài hướng dẫn phòng "
        "chống bão trên cổng.",
    )
    raised_at = models.DateTimeField("Phát lúc", default=timezone.now)
    ends_at = models.DateTimeField(
        "Tự hạ lúc", help_text="Cảnh báo tự gỡ khỏi các trang vào lúc này."
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người phát",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lowered_at = models.DateTimeField("Hạ lúc", null=True, blank=True)
    lowered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người hạ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = "Cảnh báo khẩn"
        verbose_name_plural = "Cảnh báo khẩn"
        ordering = ["-raised_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text}"

    def clean(self):
        super().clean()
        self.text = nfc(self.text).strip()
        if self.ends_at and self.raised_at and self.ends_at <= self.raised_at:
            raise ValidationError({"ends_at": "Thời điểm tự hạ phải sau lúc phát."})
