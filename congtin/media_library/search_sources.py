"""Photo albums and videos in the portal search: their captions and transcripts."""

from datetime import datetime, time

from django.utils import timezone

from congtin.search.pages import PageSource, lines
from congtin.search.registry import register

from .models import PhotoAlbumPage, VideoPage


def _moment(day):
    return timezone.make_aware(datetime.combine(day, time(8, 0)))


@register
class PhotoAlbumSource(PageSource):
    kind = "media_library.album"
    label = "Album ảnh"
    model = PhotoAlbumPage
    rebuild_order = ("date", "pk")

    def body(self, page) -> str:
        photos = page.photos.all()
        return lines(
            page.intro, *(p.caption for p in photos), *(p.credit for p in photos)
        )

    def date(self, page):
        return _moment(page.date)


@register
class VideoSource(PageSource):
    kind = "media_library.video"
    label = "Video"
    model = VideoPage
    rebuild_order = ("date", "pk")

    def body(self, page) -> str:
        return lines(page.caption, page.credit, page.transcript)

    def date(self, page):
        return _moment(page.date)
