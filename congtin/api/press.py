"""Press releases (``congtin.press``), photo albums and videos
(``congtin.media_library``) as the portal's open data.

Image addresses are the renditions the public pages show (so they are made once
for both) and the original file; a video's file, captions track and transcript
are those of its page. A spokesperson appears as the release page publishes them:
name, position and the official telephone and e-mail of the office.
"""

from datetime import date

from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber
from ninja import Router, Schema
from wagtail.images import get_image_model

from congtin.media_library.models import AlbumPhoto, PhotoAlbumPage, VideoPage
from congtin.pagecache import fragments
from congtin.press.models import PressReleaseFile, PressReleasePage

from . import cursor, filters
from .endpoints import (
    ERRORS,
    Cursor,
    Limit,
    Since,
    Text,
    Until,
    Year,
    detail_of,
    next_url,
    portal,
    under,
    with_text,
)

router = Router()

# The public pages' own sizes: an album's photos, a video's poster, list covers.
PHOTO_SPEC = "max-800x600"
POSTER_SPEC = "max-1280x720"
COVER_SPEC = "fill-400x225"


class ImageOut(Schema):
    url: str
    width: int
    height: int
    original_url: str
    original_width: int
    original_height: int


class SpokespersonOut(Schema):
    full_name: str
    position: str
    official_phone: str
    official_email: str


class PressFile(Schema):
    title: str
    url: str
    extension: str


class PressReleaseSummary(Schema):
    id: int
    title: str
    number: str
    date: date
    summary: str
    url: str


class PressRelease(PressReleaseSummary):
    body_html: str
    spokesperson: SpokespersonOut | None
    files: list[PressFile]


class PressReleaseListPage(Schema):
    """A page of the list; ``next`` is the address of the following page, or null."""

    items: list[PressReleaseSummary]
    next: str | None


class AlbumSummary(Schema):
    id: int
    title: str
    date: date
    intro: str
    photo_count: int
    cover: ImageOut | None
    url: str


class Photo(Schema):
    caption: str
    alt: str
    credit: str
    image: ImageOut


class Album(AlbumSummary):
    photos: list[Photo]


class AlbumListPage(Schema):
    """A page of the list; ``next`` is the address of the following page, or null."""

    items: list[AlbumSummary]
    next: str | None


class VideoSummary(Schema):
    id: int
    title: str
    date: date
    caption: str
    credit: str
    duration_seconds: int | None
    poster: ImageOut | None
    url: str


class Video(VideoSummary):
    video_url: str | None
    video_type: str
    external_url: str
    captions_url: str | None
    captions_language: str
    transcript: str


class VideoListPage(Schema):
    """A page of the list; ``next`` is the address of the following page, or null."""

    items: list[VideoSummary]
    next: str | None


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url)


def _image(request, image, spec: str) -> dict | None:
    if image is None:
        return None
    shown = image.get_rendition(spec)
    return {
        "url": _absolute(request, shown.url),
        "width": shown.width,
        "height": shown.height,
        "original_url": _absolute(request, image.file.url),
        "original_width": image.width,
        "original_height": image.height,
    }


def _images(*specs):
    """Images with the renditions of ``specs`` fetched along: no query per image."""
    return get_image_model().objects.prefetch_renditions(*specs)


def _dated(queryset, found: filters.Common):
    return filters.by_day(queryset, "date", found)


# --- Press releases ---------------------------------------------------------------


def _releases(site):
    return under(PressReleasePage.objects.all(), site).filter(alias_of__isnull=True)


def _release_row(request, release) -> dict:
    return {
        "id": release.pk,
        "title": release.title,
        "number": release.number,
        "date": release.date,
        "summary": release.summary,
        "url": release.get_full_url(request),
    }


@router.get(
    "/thong-cao-bao-chi/",
    response={200: PressReleaseListPage, **ERRORS},
    summary="Thông cáo báo chí",
    tags=["Thông cáo báo chí"],
)
def release_list(
    request,
    year: str | None = Year,
    since: str | None = Since,
    until: str | None = Until,
    text: str | None = Text,
    limit: str | None = Limit,
    cursor_: str | None = Cursor,
):
    site = portal(request)
    found = filters.common(request.GET)
    releases = with_text(_dated(_releases(site), found), found, "press.release", site)
    items, token = cursor.page(
        releases, "press-releases", ["-date", "-pk"], found.cursor, found.limit
    )
    return {
        "items": [_release_row(request, r) for r in items],
        "next": next_url(request, token),
    }


@router.get(
    "/thong-cao-bao-chi/{id:pk}/",
    response={200: PressRelease, **ERRORS},
    summary="Một thông cáo báo chí (nội dung HTML, tệp đính kèm, người phát ngôn)",
    tags=["Thông cáo báo chí"],
)
def release_detail(request, pk: int):
    release = detail_of(
        _releases(portal(request))
        .select_related("spokesperson")
        .prefetch_related(
            Prefetch(
                "files",
                queryset=PressReleaseFile.objects.select_related("document"),
            )
        ),
        pk,
    )
    person = release.spokesperson
    return {
        **_release_row(request, release),
        # Rendered once per page state, as the articles' bodies are.
        "body_html": fragments.cached(
            "api-press-body", release.cache_key, lambda: str(release.body)
        ),
        "spokesperson": (
            {
                "full_name": person.name,
                "position": person.position,
                "official_phone": person.phone,
                "official_email": person.email,
            }
            if person is not None
            else None
        ),
        "files": [
            {
                "title": f.shown_name,
                "url": _absolute(request, f.document.url),
                "extension": f.document.file_extension.lower(),
            }
            for f in release.files.all()
        ],
    }


# --- Photo albums -----------------------------------------------------------------


def _photos(*specs):
    return AlbumPhoto.objects.order_by("sort_order", "pk").prefetch_related(
        Prefetch("image", queryset=_images(*specs))
    )


def _albums(site):
    return (
        under(PhotoAlbumPage.objects.all(), site)
        .filter(alias_of__isnull=True)
        .annotate(photo_count=Count("photos"))
    )


def _covers(albums) -> dict[int, AlbumPhoto]:
    """Each album's first photo: a list needs one photo per album, however large
    the album (a window in one query; Django filters on it)."""
    first = Window(
        RowNumber(),
        partition_by=[F("album_id")],
        order_by=[F("sort_order").asc(), F("pk").asc()],
    )
    photos = (
        _photos(COVER_SPEC)
        .filter(album_id__in=[a.pk for a in albums])
        .annotate(place=first)
        .filter(place=1)
    )
    return {p.album_id: p for p in photos}


def _album_row(request, album, cover) -> dict:
    return {
        "id": album.pk,
        "title": album.title,
        "date": album.date,
        "intro": album.intro,
        "photo_count": album.photo_count,
        "cover": _image(request, cover.image, COVER_SPEC) if cover else None,
        "url": album.get_full_url(request),
    }


@router.get(
    "/album-anh/",
    response={200: AlbumListPage, **ERRORS},
    summary="Album ảnh",
    tags=["Thư viện ảnh, video"],
)
def album_list(
    request,
    year: str | None = Year,
    since: str | None = Since,
    until: str | None = Until,
    text: str | None = Text,
    limit: str | None = Limit,
    cursor_: str | None = Cursor,
):
    site = portal(request)
    found = filters.common(request.GET)
    albums = _dated(_albums(site), found)
    albums = with_text(albums, found, "media_library.album", site)
    items, token = cursor.page(
        albums, "albums", ["-date", "-pk"], found.cursor, found.limit
    )
    covers = _covers(items)
    return {
        "items": [_album_row(request, a, covers.get(a.pk)) for a in items],
        "next": next_url(request, token),
    }


@router.get(
    "/album-anh/{id:pk}/",
    response={200: Album, **ERRORS},
    summary="Một album ảnh (chú thích, tác giả, địa chỉ ảnh)",
    tags=["Thư viện ảnh, video"],
)
def album_detail(request, pk: int):
    album = detail_of(
        _albums(portal(request)).prefetch_related(
            Prefetch("photos", queryset=_photos(PHOTO_SPEC))
        ),
        pk,
    )
    return {
        **_album_row(request, album, _covers([album]).get(album.pk)),
        "photos": [
            {
                "caption": p.caption,
                "alt": p.alt,
                "credit": p.credit,
                "image": _image(request, p.image, PHOTO_SPEC),
            }
            for p in album.photos.all()
        ],
    }


# --- Videos -----------------------------------------------------------------------


def _videos(site, spec=POSTER_SPEC):
    return (
        under(VideoPage.objects.all(), site)
        .filter(alias_of__isnull=True)
        .select_related("video_file")
        .prefetch_related(Prefetch("poster", queryset=_images(spec)))
    )


def _video_row(request, video) -> dict:
    return {
        "id": video.pk,
        "title": video.title,
        "date": video.date,
        "caption": video.caption,
        "credit": video.credit,
        "duration_seconds": video.duration_seconds,
        "poster": _image(request, video.poster, POSTER_SPEC),
        "url": video.get_full_url(request),
    }


@router.get(
    "/video/",
    response={200: VideoListPage, **ERRORS},
    summary="Video",
    tags=["Thư viện ảnh, video"],
)
def video_list(
    request,
    year: str | None = Year,
    since: str | None = Since,
    until: str | None = Until,
    text: str | None = Text,
    limit: str | None = Limit,
    cursor_: str | None = Cursor,
):
    site = portal(request)
    found = filters.common(request.GET)
    videos = with_text(_dated(_videos(site), found), found, "media_library.video", site)
    items, token = cursor.page(
        videos, "videos", ["-date", "-pk"], found.cursor, found.limit
    )
    return {
        "items": [_video_row(request, v) for v in items],
        "next": next_url(request, token),
    }


@router.get(
    "/video/{id:pk}/",
    response={200: Video, **ERRORS},
    summary="Một video (tệp, phụ đề, bản chép lời)",
    tags=["Thư viện ảnh, video"],
)
def video_detail(request, pk: int):
    video = detail_of(_videos(portal(request)), pk)
    has_file = video.video_file_id is not None and video.video_file is not None
    return {
        **_video_row(request, video),
        "video_url": _absolute(request, video.video_file.url) if has_file else None,
        "video_type": video.video_type,
        "external_url": video.embed_url,
        "captions_url": (
            _absolute(request, video.subtitles.url) if video.subtitles else None
        ),
        "captions_language": video.subtitles_language,
        "transcript": video.transcript,
    }
