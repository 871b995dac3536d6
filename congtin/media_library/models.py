"""Photo albums and videos under one "Thư viện ảnh, video" page per portal.

Albums and videos are pages (revisions, the portal's workflow and page
permissions); photos are inline rows of their album, so a revision holds them.
Images come from Wagtail's image library, video files from its documents, so
collection permissions decide who may upload and choose them.

What readers get works without JavaScript: an album is a list of figures, each a
link to the full-size image; a video is the browser's own ``<video>`` player with
its captions track, or, for a video kept elsewhere (the public pages' Content
Security Policy frames nothing from other sites), its poster linking there.
Every video has a transcript on its page or a subtitles file, or both.
"""

import os

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from congtin.core.models import PortalPage

from .subtitles import validate_subtitles

VIDEO_TYPES = {"mp4": "video/mp4", "webm": "video/webm", "ogv": "video/ogg"}
KINDS = {"anh": "Ảnh", "video": "Video"}


class GalleryIndexPage(PortalPage):
    """ "Thư viện ảnh, video": the portal's albums and videos, newest first."""

    intro = models.TextField("Giới thiệu", blank=True)
    per_page = models.PositiveSmallIntegerField("Số mục mỗi trang", default=12)

    content_panels = PortalPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("per_page"),
    ]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["media_library.PhotoAlbumPage", "media_library.VideoPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Thư viện ảnh, video"
        verbose_name_plural = "Thư viện ảnh, video"

    def serve(self, request, *args, **kwargs):
        from .listing import listing_context

        # An unknown kind raises BadParameter: the project's 400 page.
        request._gallery_listing = listing_context(self, request)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(getattr(request, "_gallery_listing", {}))
        return context


class PhotoAlbumPage(PortalPage):
    """An album: photos with caption, alternative text and credit."""

    shown_in_portal_map = False

    date = models.DateField("Ngày", default=timezone.localdate, db_index=True)
    intro = models.TextField("Giới thiệu", blank=True)

    content_panels = PortalPage.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        InlinePanel("photos", label="Ảnh", min_num=1),
    ]
    search_fields = PortalPage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["media_library.GalleryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Album ảnh"
        verbose_name_plural = "Album ảnh"

    kind = "anh"

    @property
    def cover(self):
        first = self.photos.select_related("image").first()
        return first.image if first else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index_page"] = context["breadcrumbs"][-1]
        context["photos"] = list(self.photos.select_related("image"))
        return context


class AlbumPhoto(Orderable):
    album = ParentalKey(PhotoAlbumPage, related_name="photos", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Ảnh",
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField("Chú thích", max_length=500, blank=True)
    alt_text = models.CharField(
        "Văn bản thay thế",
        max_length=255,
        blank=True,
        help_text="Mô tả ảnh cho người không xem được ảnh; để trống để dùng chú thích.",
    )
    credit = models.CharField(
        "Tác giả, nguồn ảnh", max_length=255, blank=True, help_text="Ví dụ: Minh Hải."
    )

    panels = [
        FieldPanel("image"),
        FieldPanel("caption"),
        FieldPanel("alt_text"),
        FieldPanel("credit"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Ảnh"

    def clean(self):
        super().clean()
        if not (self.caption.strip() or self.alt_text.strip()):
            raise ValidationError(
                {
                    "alt_text": "Cần chú thích hoặc văn bản thay thế để người dùng "
                    "trình đọc màn hình biết ảnh có gì."
                }
            )

    @property
    def alt(self) -> str:
        return self.alt_text.strip() or self.caption.strip()


class VideoPage(PortalPage):
    """A video: a file from the documents or an address elsewhere, its poster,
    caption, credit, duration, transcript and subtitles."""

    shown_in_portal_map = False

    date = models.DateField("Ngày", default=timezone.localdate, db_index=True)
    caption = models.TextField("Mô tả", blank=True)
    credit = models.CharField("Tác giả, nguồn", max_length=255, blank=True)
    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Tệp video (MP4, WebM, OGV)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    embed_url = models.URLField(
        "Hoặc địa chỉ video ở nơi khác",
        blank=True,
        max_length=500,
        help_text="Ví dụ: địa chỉ trên YouTube; trang hiển thị ảnh đại diện kèm "
        "liên kết tới địa chỉ này.",
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Ảnh đại diện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duration_seconds = models.PositiveIntegerField(
        "Thời lượng (giây)", null=True, blank=True
    )
    transcript = models.TextField(
        "Bản chép lời",
        blank=True,
        help_text="Toàn bộ lời nói và âm thanh chính, cho người khiếm thính và "
        "người không xem được video.",
    )
    subtitles = models.FileField(
        "Tệp phụ đề (WebVTT)",
        upload_to="video/phu-de/",
        blank=True,
        max_length=255,
        validators=[validate_subtitles],
        help_text="Tệp .vtt, tối đa 512 KB, dòng đầu là “WEBVTT”.",
    )
    subtitles_language = models.CharField(
        "Ngôn ngữ phụ đề", max_length=10, default="vi"
    )

    content_panels = PortalPage.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("duration_seconds")]),
        FieldPanel("caption"),
        FieldPanel("credit"),
        MultiFieldPanel(
            [FieldPanel("video_file"), FieldPanel("embed_url"), FieldPanel("poster")],
            heading="Video",
        ),
        MultiFieldPanel(
            [
                FieldPanel("transcript"),
                FieldRowPanel(
                    [FieldPanel("subtitles"), FieldPanel("subtitles_language")]
                ),
            ],
            heading="Hỗ trợ tiếp cận",
        ),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("caption"),
        index.SearchField("transcript"),
    ]
    parent_page_types = ["media_library.GalleryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Video"
        verbose_name_plural = "Video"

    kind = "video"

    def clean(self):
        super().clean()
        errors = {}
        if bool(self.video_file_id) == bool(self.embed_url):
            errors["video_file"] = (
                "Chọn một tệp video hoặc nhập một địa chỉ video (chỉ một trong hai)."
            )
        elif self.video_file_id and self.video_type == "":
            errors["video_file"] = "Tệp video phải là MP4, WebM hoặc OGV."
        if not self.transcript.strip() and not self.subtitles:
            errors["transcript"] = (
                "Cần bản chép lời hoặc tệp phụ đề WebVTT (hoặc cả hai) cho người "
                "khiếm thính."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def cover(self):
        return self.poster

    @property
    def video_type(self) -> str:
        """The file's MIME type for ``<source type>``, "" when not a video kind."""
        if not self.video_file_id or self.video_file is None:
            return ""
        extension = os.path.splitext(self.video_file.file.name)[1].lower().lstrip(".")
        return VIDEO_TYPES.get(extension, "")

    @property
    def duration_label(self) -> str:
        """ "3 phút 20 giây"."""
        if not self.duration_seconds:
            return ""
        minutes, seconds = divmod(self.duration_seconds, 60)
        hours, minutes = divmod(minutes, 60)
        parts = [(hours, "giờ"), (minutes, "phút"), (seconds, "giây")]
        return " ".join(f"{n} {unit}" for n, unit in parts if n)

    @property
    def duration_iso(self) -> str:
        """ISO 8601 for ``<time datetime>``: "PT3M20S"."""
        if not self.duration_seconds:
            return ""
        return f"PT{self.duration_seconds}S"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index_page"] = context["breadcrumbs"][-1]
        return context
