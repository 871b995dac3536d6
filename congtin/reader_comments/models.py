"""Reader comments on articles (ý kiến bạn đọc).

Off unless turned on: per portal (``ReaderCommentSettings``, "Cho phép ý kiến bạn
đọc", default off) and per article (``ArticlePage.reader_comments``: follow the
portal, on or off). A comment is shown under its article only once the portal's
staff approve it, with the name and date; the e-mail is for the staff alone and is
emptied after ``READER_COMMENT_EMAIL_RETENTION_DAYS``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from congtin.core.public_forms.moderation import ModerationStatus


@register_setting(icon="comment")
class ReaderCommentSettings(BaseSiteSetting):
    """One portal's switch for reader comments on its articles."""

    enabled = models.BooleanField(
        "Cho phép ý kiến bạn đọc",
        default=False,
        help_text=(
            "Bạn đọc được gửi ý kiến về các bài viết của cổng; ý kiến chỉ hiển thị "
            "sau khi được duyệt. Từng bài viết có thể chọn khác (mục “Ý kiến bạn "
            "đọc” của bài)."
        ),
    )

    panels = [FieldPanel("enabled")]

    class Meta:
        verbose_name = "Ý kiến bạn đọc"


class ReaderComment(models.Model):
    """A reader's comment on an article.

    Name and text are what the reader typed and are only ever shown as text;
    ``email`` is visible to the portal's staff alone and is emptied by
    ``manage.py purge_reader_comment_emails`` after the retention period.
    """

    Status = ModerationStatus

    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name="Bài viết",
        on_delete=models.CASCADE,
        related_name="reader_comments_received",
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
    email = models.CharField("Thư điện tử", max_length=254, blank=True)
    text = models.TextField("Nội dung ý kiến")
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
    email_purged_at = models.DateTimeField(
        "Đã xóa thư điện tử lúc", null=True, blank=True
    )

    class Meta:
        verbose_name = "Ý kiến bạn đọc"
        verbose_name_plural = "Ý kiến bạn đọc"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["site", "status", "created_at"]),
            models.Index(fields=["article", "status", "created_at"]),
        ]

    def __str__(self):
        return f"{self.name} - {self.article.title}"
