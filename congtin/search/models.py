"""The search index: one row per published thing a reader can find.

The words themselves live in the database's own full-text index next to this table
(an FTS5 table on SQLite, tsvector columns with GIN indexes on PostgreSQL), created by
the migrations for whichever database is in use; see ``backends``.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models


class SearchEntry(models.Model):
    kind = models.CharField("Loại", max_length=40)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.BigIntegerField()
    site = models.ForeignKey(
        "wagtailcore.Site",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    section_id = models.IntegerField(null=True, blank=True)
    title = models.TextField("Tiêu đề")
    body = models.TextField("Nội dung", blank=True)
    url = models.CharField(max_length=1000)
    date = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "Mục chỉ mục tìm kiếm"
        verbose_name_plural = "Chỉ mục tìm kiếm"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="search_entry_unique_object"
            )
        ]
        indexes = [
            models.Index(fields=["date"], name="search_entry_date"),
            models.Index(fields=["site", "date"], name="search_entry_site_date"),
        ]

    def __str__(self):
        return self.title
