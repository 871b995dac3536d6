"""Procedures, press releases, photo albums and videos: lists, details, the public
lists' filters, what stays out, and a fixed number of queries per page."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congtin.media_library.tests.factories import PhotoAlbumPageFactory
from congtin.press.tests.factories import PressReleasePageFactory
from congtin.procedures.tests.factories import ProcedurePageFactory

from .conftest import HOST, OTHER_HOST
from .more_kinds import add_more_kinds

pytestmark = pytest.mark.django_db


@pytest.fixture
def kinds(portal):
    from wagtail.models import Site

    other = Site.objects.get(hostname=OTHER_HOST)
    return add_more_kinds(portal.site, other, document=portal.documents[0])


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def bad(response, parameter_text):
    assert response.status_code == 400, response.content
    body = response.json()
    assert parameter_text in body["loi"]
    assert body["error"]
    return body


# --- Procedures -------------------------------------------------------------------


def test_procedures_in_the_public_lists_order(kinds, get):
    building, land = kinds.procedures[1], kinds.procedures[2]
    birth = kinds.procedures[0]
    # By field as the public list sorts it: Đất đai, Hộ tịch, Xây dựng.
    assert ids(get("/api/v1/thu-tuc-hanh-chinh/")) == [land.pk, birth.pk, building.pk]
    row = get("/api/v1/thu-tuc-hanh-chinh/").json()["items"][1]
    assert row["code"] == "1.001612"
    assert row["level_label"] == "Cấp xã"
    assert row["online_level_label"] == "Toàn trình"
    assert row["url"] == birth.get_full_url()


def test_procedure_filters_as_on_the_public_list(kinds, get):
    land, birth, building = (
        kinds.procedures[2],
        kinds.procedures[0],
        kinds.procedures[1],
    )
    base = "/api/v1/thu-tuc-hanh-chinh/"
    assert ids(get(f"{base}?linh-vuc=Hộ tịch")) == [birth.pk]
    assert ids(get(f"{base}?cap=cap-huyen")) == [land.pk, building.pk]
    assert ids(get(f"{base}?muc-do=mot-phan")) == [building.pk]
    # Folded words: without marks and in any case.
    assert ids(get(f"{base}?tu-khoa=DAT dai")) == [land.pk]
    assert ids(get(f"{base}?cap=cap-huyen&muc-do=toan-trinh")) == []
    bad(get(f"{base}?cap=cap-trung-uong"), "Cấp thực hiện không hợp lệ")
    bad(get(f"{base}?muc-do=4"), "Mức độ dịch vụ công")
    bad(get(f"{base}?limit=abc"), "limit")


def test_procedure_detail_papers_steps_and_bases(portal, kinds, get):
    birth = kinds.procedures[0]
    data = get(f"/api/v1/thu-tuc-hanh-chinh/{birth.pk}/").json()
    assert data["steps"] == ["Nộp hồ sơ.", "Nhận kết quả."]
    assert data["papers"] == [
        {
            "title": "Tờ khai đăng ký khai sinh",
            "originals": 1,
            "copies": 0,
            "count_label": "1 bản chính",
        },
        {
            "title": "Giấy chứng sinh",
            "originals": 0,
            "copies": 1,
            "count_label": "1 bản sao",
        },
    ]
    document = portal.documents[0]
    assert data["legal_bases"] == [
        {
            "text": "Luật Hộ tịch số 60/2014/QH13",
            "document_id": None,
            "document_url": None,
        },
        {
            "text": document.title,
            "document_id": document.pk,
            "document_url": document.get_full_url(),
        },
    ]
    assert data["filing_url"] == "https://dichvucong.gov.vn/khai-sinh"


def test_procedure_of_a_draft_or_another_portal_is_404(kinds, get):
    listed = ids(get("/api/v1/thu-tuc-hanh-chinh/"))
    for hidden in (kinds.hidden_procedure, kinds.other_procedure):
        assert hidden.pk not in listed
        response = get(f"/api/v1/thu-tuc-hanh-chinh/{hidden.pk}/")
        assert response.status_code == 404
        assert response.json()["loi"]
    assert ids(get("/api/v1/thu-tuc-hanh-chinh/", host=OTHER_HOST)) == [
        kinds.other_procedure.pk
    ]


# --- Press releases ---------------------------------------------------------------


def test_press_releases_newest_first_and_by_year(kinds, get):
    new, old = kinds.releases
    assert ids(get("/api/v1/thong-cao-bao-chi/")) == [new.pk, old.pk]
    assert ids(get("/api/v1/thong-cao-bao-chi/?nam=2025")) == [old.pk]
    assert ids(get("/api/v1/thong-cao-bao-chi/?nam=2019")) == []
    assert ids(get("/api/v1/thong-cao-bao-chi/?tu=01/01/2026")) == [new.pk]
    bad(get("/api/v1/thong-cao-bao-chi/?nam=hai-nghin"), "Năm")
    row = get("/api/v1/thong-cao-bao-chi/").json()["items"][0]
    assert row == {
        "id": new.pk,
        "title": "Thông cáo về hội nghị xúc tiến đầu tư",
        "number": "05/TCBC-UBND",
        "date": "2026-03-05",
        "summary": "Tóm tắt Thông cáo về hội nghị xúc tiến đầu tư.",
        "url": new.get_full_url(),
    }


def test_press_release_detail(kinds, get):
    new = kinds.releases[0]
    data = get(f"/api/v1/thong-cao-bao-chi/{new.pk}/").json()
    assert "<p>Nội dung Thông cáo về hội nghị xúc tiến đầu tư.</p>" in data["body_html"]
    # The office's contact as the release page publishes it.
    assert data["spokesperson"] == {
        "full_name": "Lê Phát Ngôn",
        "position": "Chánh Văn phòng",
        "official_phone": "0225.3821.055",
        "official_email": "vanphong@haiphong.gov.vn",
    }
    [attached] = data["files"]
    assert attached["title"] == "Toàn văn"
    assert attached["extension"] == "pdf"
    assert attached["url"].startswith(f"http://{HOST}/documents/")
    assert get(attached["url"].removeprefix(f"http://{HOST}")).status_code == 200
    old = get(f"/api/v1/thong-cao-bao-chi/{kinds.releases[1].pk}/").json()
    assert old["spokesperson"] is None


def test_press_release_behind_login_or_elsewhere_is_404(kinds, get):
    listed = ids(get("/api/v1/thong-cao-bao-chi/"))
    for hidden in (kinds.private_release, kinds.other_release):
        assert hidden.pk not in listed
        assert get(f"/api/v1/thong-cao-bao-chi/{hidden.pk}/").status_code == 404


# --- Albums and videos ------------------------------------------------------------


def test_albums_with_cover_and_photos(kinds, get):
    new, old = kinds.albums
    assert ids(get("/api/v1/album-anh/")) == [new.pk, old.pk]
    assert ids(get("/api/v1/album-anh/?nam=2025")) == [old.pk]
    row = get("/api/v1/album-anh/").json()["items"][0]
    assert row["photo_count"] == 2
    assert row["cover"]["url"].startswith(f"http://{HOST}/")
    data = get(f"/api/v1/album-anh/{new.pk}/").json()
    first, second = data["photos"]
    assert first["caption"] == "Quang cảnh lễ khai mạc"
    assert first["alt"] == "Quang cảnh lễ khai mạc"
    assert first["credit"] == "Minh Hải"
    assert second["alt"] == "Màn trình diễn"
    photo = new.photos.first().image
    assert first["image"]["original_url"] == f"http://{HOST}{photo.file.url}"
    assert first["image"]["original_width"] == photo.width
    rendition = photo.get_rendition("max-800x600")
    assert first["image"]["url"] == f"http://{HOST}{rendition.url}"


def test_videos_file_captions_and_transcript(kinds, get):
    clip, elsewhere = kinds.videos
    assert ids(get("/api/v1/video/")) == [clip.pk, elsewhere.pk]
    assert ids(get("/api/v1/video/?den=2025-12-31")) == [elsewhere.pk]
    data = get(f"/api/v1/video/{clip.pk}/").json()
    assert data["video_url"] == f"http://{HOST}{clip.video_file.url}"
    assert data["video_type"] == "video/webm"
    assert data["captions_url"] == f"http://{HOST}{clip.subtitles.url}"
    assert data["captions_language"] == "vi"
    assert data["transcript"] == "Lời dẫn về thành phố."
    assert data["duration_seconds"] == 200
    assert data["poster"]["url"].startswith(f"http://{HOST}/")
    other = get(f"/api/v1/video/{elsewhere.pk}/").json()
    assert other["video_url"] is None
    assert other["captions_url"] is None
    assert other["external_url"] == "https://video.example/xem/1"
    assert other["poster"] is None
    bad(get("/api/v1/video/?tu=32/13/2026"), "Từ ngày")


def test_unpublished_or_other_portals_media_is_404(kinds, get):
    for url, hidden in (
        ("album-anh", kinds.hidden_album),
        ("album-anh", kinds.other_album),
        ("video", kinds.hidden_video),
        ("video", kinds.other_video),
    ):
        assert hidden.pk not in ids(get(f"/api/v1/{url}/"))
        assert get(f"/api/v1/{url}/{hidden.pk}/").status_code == 404
    assert ids(get("/api/v1/album-anh/", host=OTHER_HOST)) == [kinds.other_album.pk]


# --- Queries ----------------------------------------------------------------------


def queries(get, url) -> int:
    get(url)  # warm: the site, the chrome caches, the renditions
    with CaptureQueriesContext(connection) as captured:
        response = get(url)
    assert response.status_code == 200
    return len(captured)


LISTS = [
    "/api/v1/thu-tuc-hanh-chinh/?limit=20",
    "/api/v1/thong-cao-bao-chi/?limit=20",
    "/api/v1/album-anh/?limit=20",
    "/api/v1/video/?limit=20",
]


def test_constant_queries_per_page(kinds, get):
    from congtin.media_library.tests.factories import VideoPageFactory, make_image

    few = {url: queries(get, url) for url in LISTS}
    for n in range(18):
        ProcedurePageFactory(parent=kinds.procedures_index, field=f"Lĩnh vực {n}")
        PressReleasePageFactory(parent=kinds.press_index)
        PhotoAlbumPageFactory(
            parent=kinds.gallery,
            date=date(2024, 1, 1),
            photos=[{"caption": f"Ảnh {n}"}, {"caption": "Ảnh thêm"}],
        )
        VideoPageFactory(parent=kinds.gallery, poster=make_image())
    for url in LISTS:
        assert len(get(url).json()["items"]) == 20, url
        assert queries(get, url) == few[url], url
    assert max(few.values()) <= 8, few


def test_pages_follow_the_cursor(kinds, get):
    first = get("/api/v1/thu-tuc-hanh-chinh/?limit=2").json()
    assert first["next"]
    rest = get(first["next"].removeprefix(f"http://{HOST}")).json()
    seen = [i["id"] for i in first["items"] + rest["items"]]
    assert seen == ids(get("/api/v1/thu-tuc-hanh-chinh/"))
    assert rest["next"] is None
    bad(get("/api/v1/video/?cursor=gia-mao"), "Con trỏ")


def test_text_through_the_portal_search(kinds, get):
    release = PressReleasePageFactory(
        parent=kinds.press_index, title="Khánh thành cầu Rào 3", publish=True
    )
    procedure = ProcedurePageFactory(
        parent=kinds.procedures_index, title="Cấp phép khai thác cát", publish=True
    )
    album = PhotoAlbumPageFactory(
        parent=kinds.gallery,
        title="Hội thi bơi chải",
        photos=[{"caption": "Đua thuyền"}],
        publish=True,
    )
    assert ids(get("/api/v1/thong-cao-bao-chi/?q=khanh thanh cau rao")) == [release.pk]
    assert ids(get("/api/v1/thu-tuc-hanh-chinh/?q=khai thac cat")) == [procedure.pk]
    assert ids(get("/api/v1/album-anh/?q=boi chai")) == [album.pk]
    assert ids(get("/api/v1/video/?q=khong co tu nay")) == []
