"""Visit statistics, counted without cookies, addresses or third parties.

Views arrive as beacons and are counted in :mod:`congtin.visits.counting`
(Redis, or a per-process buffer written to :class:`PendingCount`); the
scheduler folds them every minute into the daily tables below, which are all the
reports and the public figures read.
"""

from django.db import models
from wagtail.models import Page, Site


class PendingCount(models.Model):
    """Counts not yet folded into the daily tables: one row per kind, day and key,
    added to by ``INSERT ... ON CONFLICT`` and taken away whole by the fold."""

    kind = models.CharField(max_length=1)  # "v" a page view, "s" a search
    day = models.DateField()
    key = models.CharField(max_length=250)
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "Lượt đếm chờ cộng"
        verbose_name_plural = "Lượt đếm chờ cộng"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "day", "key"], name="visits_pending_unique"
            )
        ]


class DailyViews(models.Model):
    """How many times a page was read on a day (local date)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    views = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "Lượt xem trang theo ngày"
        verbose_name_plural = "Lượt xem trang theo ngày"
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="visits_page_day")
        ]
        indexes = [models.Index(fields=["site", "day"], name="visits_site_day")]


class PortalDay(models.Model):
    """A portal's views on a day; kept apart from the pages so that deleting a
    page never lowers the portal's total ("Lượt truy cập")."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    views = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "Lượt truy cập cổng theo ngày"
        verbose_name_plural = "Lượt truy cập cổng theo ngày"
        constraints = [
            models.UniqueConstraint(fields=["site", "day"], name="visits_portal_day")
        ]


class SearchDay(models.Model):
    """A search text as readers typed it (normalised: NFC, lower case, spaces
    collapsed), per portal and day, and how often it found nothing."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    query = models.CharField("Từ khóa", max_length=200)
    searches = models.PositiveIntegerField("Số lượt tìm", default=0)
    empty = models.PositiveIntegerField("Số lượt không có kết quả", default=0)

    class Meta:
        verbose_name = "Từ khóa tìm kiếm theo ngày"
        verbose_name_plural = "Từ khóa tìm kiếm theo ngày"
        constraints = [
            models.UniqueConstraint(
                fields=["site", "day", "query"], name="visits_search_day"
            )
        ]
