"""What was brought in from an agency's previous portal, by original address.

These rows make ``import_portal`` idempotent: an article or an image already
brought into a portal is never brought in twice, however often the command runs.
"""

from django.db import models

# Addresses are stored as URIs (ASCII) and indexed: 1,000 bytes stays well under
# PostgreSQL's limit for a b-tree entry.
MAX_URL_LENGTH = 1000


class ImportedArticle(models.Model):
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name="Cổng", on_delete=models.CASCADE
    )
    original_url = models.CharField("Địa chỉ cũ", max_length=MAX_URL_LENGTH)
    # Kept when an editor deletes the article: deleting it says it is not wanted,
    # so a later run does not bring it back.
    page = models.ForeignKey(
        "news.ArticlePage",
        verbose_name="Bài viết",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField("Nguồn", max_length=20)
    imported_at = models.DateTimeField("Thời điểm nhập", auto_now_add=True)

    class Meta:
        verbose_name = "Bài đã nhập"
        verbose_name_plural = "Bài đã nhập"
        constraints = [
            models.UniqueConstraint(
                fields=["site", "original_url"], name="portal_import_article_once"
            )
        ]

    def __str__(self) -> str:
        return self.original_url


class ImportedImage(models.Model):
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name="Cổng", on_delete=models.CASCADE
    )
    # The old address; for a photo read from disk, "sha256:" and its checksum.
    source_url = models.CharField("Địa chỉ ảnh cũ", max_length=MAX_URL_LENGTH)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="Ảnh", on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = "Ảnh đã nhập"
        verbose_name_plural = "Ảnh đã nhập"
        constraints = [
            models.UniqueConstraint(
                fields=["site", "source_url"], name="portal_import_image_once"
            )
        ]

    def __str__(self) -> str:
        return self.source_url
