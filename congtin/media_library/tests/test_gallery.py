"""Albums and videos: accessible HTML without script, required alternative text,
WebVTT subtitles checked, the gallery list and its bad query strings."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents import get_document_model

from congtin.core.tests.factories import SiteFactory
from congtin.media_library.models import AlbumPhoto, VideoPage
from congtin.media_library.setup import ensure_gallery_index
from congtin.media_library.subtitles import MAX_SUBTITLES_SIZE, validate_subtitles
from congtin.search.models import SearchEntry

from .factories import PhotoAlbumPageFactory, VideoPageFactory, make_image

pytestmark = pytest.mark.django_db

HOST = "thuvien.localhost"
VTT = b"WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nXin ch\xc3\xa0o\n"


@pytest.fixture
def gallery():
    site = SiteFactory(hostname=HOST)
    return ensure_gallery_index(site)


def html_of(url, status=200):
    response = Client(HTTP_HOST=HOST).get(url)
    assert response.status_code == status, (url, response.status_code)
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_album_is_a_list_of_figures_linking_full_size_images(gallery):
    album = PhotoAlbumPageFactory(
        parent=gallery,
        photos=[
            {"caption": "Quang cảnh hội nghị", "credit": "Minh Hải"},
            {"caption": "", "alt_text": "Đại biểu biểu quyết", "credit": ""},
        ],
    )
    html = html_of(album.url)
    items = html.select("ol.album > li > figure")
    assert len(items) == 2
    first, second = items
    img = first.select_one("a > img")
    assert img["alt"] == "Quang cảnh hội nghị"
    assert first.a["href"] == album.photos.first().image.file.url
    caption = " ".join(first.figcaption.get_text(" ").split())
    assert caption.startswith("Quang cảnh hội nghị (Ảnh: Minh Hải)")
    assert "Xem ảnh gốc" in caption
    assert second.select_one("img")["alt"] == "Đại biểu biểu quyết"
    assert "Ảnh:" not in second.figcaption.get_text()
    # No photo without a text alternative, and nothing needs a script.
    assert all(i.get("alt") for i in html.select(".album img"))
    assert not html.select("article script")


def test_photo_needs_a_caption_or_alternative_text(gallery):
    photo = AlbumPhoto(image=make_image(), caption=" ", alt_text="")
    with pytest.raises(ValidationError) as error:
        photo.clean()
    assert "văn bản thay thế" in str(error.value)
    AlbumPhoto(image=make_image(), caption="", alt_text="Mô tả").clean()


def test_video_file_plays_in_the_page_with_captions_and_transcript(gallery):
    Document = get_document_model()
    clip = Document(title="Clip", file=ContentFile(b"\x1aE\xdf\xa3", "clip.webm"))
    clip.save()
    video = VideoPageFactory.build(
        embed_url="",
        video_file=clip,
        poster=make_image(),
        duration_seconds=200,
        transcript="Dòng một.\n\nDòng hai của bản chép lời.",
    )
    video.subtitles.save("phu-de.vtt", ContentFile(VTT), save=False)
    gallery.add_child(instance=video)

    html = html_of(video.url)
    player = html.select_one("video[controls]")
    assert player["poster"]
    assert player.source["type"] == "video/webm"
    track = player.select_one("track")
    assert track["kind"] == "captions" and track["srclang"] == "vi"
    assert track["src"] == video.subtitles.url
    assert "Dòng hai của bản chép lời." in html.select_one(".video__transcript").text
    assert html.select_one("time[datetime='PT200S']").text == "3 phút 20 giây"


def test_video_elsewhere_is_a_link_and_no_track_without_subtitles(gallery):
    video = VideoPageFactory(parent=gallery)
    html = html_of(video.url)
    assert not html.select("iframe") and not html.select("track")
    assert html.select_one("a.video__external")["href"] == "https://video.example/xem/1"
    assert "Lời của video thử." in html.select_one(".video__transcript").text


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("phu-de.vtt", b"1\n00:00:00,000 --> 00:00:01,000\nSRT\n", "WEBVTT"),
        ("phu-de.vtt", b"WEBVTTX\n", "WEBVTT"),
        ("phu-de.vtt", b"", "WEBVTT"),
        ("phu-de.srt", VTT, ".vtt"),
        ("phu-de.vtt", b"WEBVTT\n\xff\xfe", "UTF-8"),
        ("phu-de.vtt", b"WEBVTT\n" + b"a" * MAX_SUBTITLES_SIZE, "quá lớn"),
    ],
)
def test_invalid_subtitles_are_refused(name, data, message):
    with pytest.raises(ValidationError) as error:
        validate_subtitles(SimpleUploadedFile(name, data))
    assert message in " ".join(error.value.messages)


def test_valid_subtitles_are_accepted():
    validate_subtitles(SimpleUploadedFile("a.vtt", VTT))
    validate_subtitles(SimpleUploadedFile("a.vtt", b"\xef\xbb\xbfWEBVTT - Phu de\n"))
    validate_subtitles(SimpleUploadedFile("A.VTT", b"WEBVTT"))


def test_video_form_refuses_bad_subtitles_and_missing_sources(gallery):
    form_class = VideoPage.get_edit_handler().get_form_class()
    data = {
        "title": "Video mới",
        "slug": "video-moi",
        "date": "01/06/2022",
        "embed_url": "https://video.example/2",
        "subtitles_language": "vi",
    }
    bad = SimpleUploadedFile("phu-de.vtt", b"NOT VTT")
    form = form_class(
        data, {"subtitles": bad}, instance=VideoPage(), parent_page=gallery
    )
    assert not form.is_valid()
    assert "WEBVTT" in " ".join(form.errors["subtitles"])

    video = VideoPage(title="X", transcript="", embed_url="")
    with pytest.raises(ValidationError) as error:
        video.clean()
    assert set(error.value.message_dict) == {"video_file", "transcript"}


def test_gallery_lists_albums_and_videos_newest_first(gallery):
    album = PhotoAlbumPageFactory(
        parent=gallery, date=date(2022, 1, 1), photos=[{"caption": "Ảnh"}]
    )
    video = VideoPageFactory(parent=gallery, date=date(2022, 3, 1))
    PhotoAlbumPageFactory(parent=gallery, title="Nháp", live=False)

    def titles(query=""):
        html = html_of(gallery.url + query)
        return [a.get_text(" ", strip=True) for a in html.select(".gallery-item > a")]

    assert titles() == [video.title, album.title]
    assert titles("?loai=anh") == [album.title]
    assert titles("?loai=video") == [video.title]
    assert titles("?trang=xyz") == [video.title, album.title]
    for bad in ("phim", "anh%00", "x" * 300):
        response = Client(HTTP_HOST=HOST).get(gallery.url + "?loai=" + bad)
        assert response.status_code == 400
        assert "Loại không hợp lệ" in response.content.decode()


def test_published_album_and_video_are_searchable(gallery):
    album = PhotoAlbumPageFactory(
        parent=gallery,
        photos=[{"caption": "Cầu Hoàng Văn Thụ", "credit": "Minh Hải"}],
        live=False,
        publish=True,
    )
    video = VideoPageFactory(
        parent=gallery, transcript="Lễ hội Hoa Phượng Đỏ", live=False, publish=True
    )
    assert (
        "Cầu Hoàng Văn Thụ"
        in SearchEntry.objects.get(kind="media_library.album", object_id=album.pk).body
    )
    assert (
        "Hoa Phượng Đỏ"
        in SearchEntry.objects.get(kind="media_library.video", object_id=video.pk).body
    )
