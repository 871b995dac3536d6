"""Demo albums and videos for Hải Phòng and Lê Chân.

The albums are made of the demo's own pictures (the seed article's placeholder
photos, marked "[ẢNH MINH HỌA]" in their titles); the video has no video file (none
is kept in the repository): it links to the city portal, with one of those photos
as its poster, a transcript and a few lines of WebVTT subtitles, all marked as
illustrative. Loaded once: running
the demo again finds the pages by slug and changes nothing.
"""

import re
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.images import get_image_model

from .models import AlbumPhoto, PhotoAlbumPage, VideoPage
from .setup import ensure_gallery_index

MARK = "Minh họa"
# "[ẢNH MINH HỌA] " before a placeholder photo's caption in its title.
TITLE_MARK = re.compile(r"^\[[^\]]*\]\s*")
VIDEO_URL = "https://haiphong.gov.vn/"
SUBTITLES = """WEBVTT

00:00:00.000 --> 00:00:04.000
(Minh họa) Phụ đề mẫu của video dữ liệu mẫu.

00:00:04.000 --> 00:00:08.000
Video thật sẽ có phụ đề khớp với lời nói.
"""


def _seed_photos():
    Image = get_image_model()
    return list(
        # The seed article's photos (load_demo names their files so).
        Image.objects.filter(file__contains="hoi-nghi-quan-uy-le-chan").order_by("pk")[
            :6
        ]
    )


def _album(index, slug, title, intro, images, day):
    existing = PhotoAlbumPage.objects.child_of(index).filter(slug=slug).first()
    if existing is not None or not images:
        return existing
    album = PhotoAlbumPage(title=title, slug=slug, intro=intro, date=day)
    for image in images:
        caption = TITLE_MARK.sub("", image.title)
        album.photos.add(
            AlbumPhoto(
                image=image,
                caption=caption,
                credit="ảnh minh họa do hệ thống tạo, không phải ảnh gốc",
            )
        )
    index.add_child(instance=album)
    album.save_revision().publish()
    return album


def _video(index, slug, title, area, poster):
    existing = VideoPage.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        return existing
    video = VideoPage(
        title=title,
        slug=slug,
        date=date(2022, 1, 10),
        caption=f"Video minh họa về {area}; dữ liệu mẫu không kèm tệp video.",
        credit=f"Dữ liệu mẫu ({MARK})",
        embed_url=VIDEO_URL,
        poster=poster,
        duration_seconds=8,
        transcript=(
            f"({MARK}) Bản chép lời mẫu. Một video thật có ở đây toàn bộ lời nói "
            "và mô tả các âm thanh chính, để người khiếm thính và người không xem "
            "được video cũng nắm được nội dung."
        ),
    )
    video.subtitles.save(
        "video-minh-hoa.vtt", ContentFile(SUBTITLES.encode("utf-8")), save=False
    )
    index.add_child(instance=video)
    video.save_revision().publish()
    return video


@transaction.atomic
def load_media_library_demo(city_site, lechan_site):
    """One album and one video for each portal."""
    photos = _seed_photos()
    indexes = []
    for site, prefix, area in (
        (city_site, "thanh-pho", "thành phố Hải Phòng"),
        (lechan_site, "le-chan", "quận Lê Chân"),
    ):
        index = ensure_gallery_index(site)
        _album(
            index,
            f"album-hoi-nghi-{prefix}",
            f"Ảnh hội nghị ({MARK})",
            "Album minh họa làm từ các ảnh của dữ liệu mẫu.",
            photos,
            date(2021, 12, 21),
        )
        _video(
            index,
            f"video-gioi-thieu-{prefix}",
            f"Video giới thiệu {area} ({MARK})",
            area,
            photos[0] if photos else None,
        )
        indexes.append(index)
    return indexes
