"""What the editorial process records by hand.

Wagtail keeps the workflow, revisions, schedule and audit log; these models hold only
what it has no place for: an article's withdrawal with its reason, a component portal's proposal to the city, and in-admin notices.
"""

from django.conf import settings
from django.db import models
from wagtail.models import Site


class Withdrawal(models.Model):
    """Why a published page was taken down, and where its readers go now."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="withdrawal"
    )
    reason = models.TextField("Lý do thu hồi")
    replacement = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Bài thay thế",
    )
    site = models.ForeignKey(Site, on_delete=models.CASCADE, null=True)
    url_path = models.CharField(max_length=255, db_index=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True
    )
    withdrawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Bài đã thu hồi"
        verbose_name_plural = "Bài đã thu hồi"


class Proposal(models.Model):
    """A component portal's article offered to the city portal.

    Pending until a city editor takes it into a news section (accepted), then
    published when a city chief editor approves it: the city shows the article
    as a Wagtail alias of the original (see ``proposals``). One proposal per
    article and target portal; a declined one may be offered again.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Chờ tiếp nhận"
        ACCEPTED = "accepted", "Đã biên tập, chờ phê duyệt"
        PUBLISHED = "published", "Đã đăng trên cổng thành phố"
        DECLINED = "declined", "Không tiếp nhận"

    article = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name="Bài viết",
    )
    source_site = models.ForeignKey(
        Site,
        on_delete=models.CASCADE,
        related_name="sent_proposals",
        verbose_name="Cổng đề xuất",
    )
    target_site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="received_proposals"
    )
    section = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Chuyên mục",
    )
    alias = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        "Trạng thái", max_length=16, choices=Status.choices, default=Status.PENDING
    )
    note = models.TextField("Ghi chú của cổng đề xuất", blank=True)
    reply = models.TextField("Ý kiến của cổng thành phố", blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "Tin đề xuất"
        verbose_name_plural = "Tin đề xuất"
        ordering = ["-proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "target_site"], name="one_proposal_per_target"
            )
        ]


class Notice(models.Model):
    """A message for one user, shown on their admin dashboard until read."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    message = models.TextField()
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "Thông báo"
        verbose_name_plural = "Thông báo"
        ordering = ["-created_at"]
