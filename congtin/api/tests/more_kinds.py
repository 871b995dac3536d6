"""Procedures, press releases, albums and videos of two portals for the API's
tests, with what must stay out (a draft, a page behind a login, the other portal)."""

from datetime import date
from types import SimpleNamespace

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction, Site

from congtin.media_library.setup import ensure_gallery_index
from congtin.media_library.tests.factories import (
    PhotoAlbumPageFactory,
    VideoPageFactory,
    make_image,
)
from congtin.press.models import PressReleaseFile
from congtin.press.setup import ensure_press_index
from congtin.press.tests.factories import PressReleasePageFactory, SpokespersonFactory
from congtin.procedures.setup import ensure_procedure_index
from congtin.procedures.tests.factories import ProcedurePageFactory

VTT = b"WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nXin ch\xc3\xa0o\n"


def add_more_kinds(site: Site, other: Site, document=None) -> SimpleNamespace:
    procedures_index = ensure_procedure_index(site)
    procedures = [
        ProcedurePageFactory(
            parent=procedures_index,
            code="1.001612",
            title="Đăng ký khai sinh",
            slug="dang-ky-khai-sinh",
            field="Hộ tịch",
            level="cap-xa",
            online_level="toan-trinh",
            filing_url="https://dichvucong.gov.vn/khai-sinh",
            papers=[("Tờ khai đăng ký khai sinh", 1, 0), ("Giấy chứng sinh", 0, 1)],
            bases=[("Luật Hộ tịch số 60/2014/QH13", None)]
            + ([("", document)] if document else []),
        ),
        ProcedurePageFactory(
            parent=procedures_index,
            code="1.000001",
            title="Cấp giấy phép xây dựng",
            slug="giay-phep-xay-dung",
            field="Xây dựng",
            level="cap-huyen",
            online_level="mot-phan",
        ),
        ProcedurePageFactory(
            parent=procedures_index,
            code="2.000002",
            title="Chuyển mục đích sử dụng đất",
            slug="chuyen-muc-dich",
            field="Đất đai",
            level="cap-huyen",
            online_level="thong-tin",
        ),
    ]
    hidden_procedure = ProcedurePageFactory(
        parent=procedures_index, code="3.000003", slug="nhap", live=False
    )

    spokesperson = SpokespersonFactory(
        site=site,
        name="Lê Phát Ngôn",
        phone="0225.3821.055",
        email="vanphong@haiphong.gov.vn",
    )
    press_index = ensure_press_index(site)
    releases = [
        PressReleasePageFactory(
            parent=press_index,
            title="Thông cáo về hội nghị xúc tiến đầu tư",
            slug="xuc-tien",
            date=date(2026, 3, 5),
            number="05/TCBC-UBND",
            spokesperson=spokesperson,
        ),
        PressReleasePageFactory(parent=press_index, slug="cu", date=date(2025, 12, 30)),
    ]
    pdf = get_document_model()(
        title="Toàn văn thông cáo", file=ContentFile(b"%PDF-1.4", "tc.pdf")
    )
    pdf.save()
    releases[0].files.add(PressReleaseFile(document=pdf, label="Toàn văn"))
    releases[0].save()
    private_release = PressReleasePageFactory(parent=press_index, slug="noi-bo")
    PageViewRestriction.objects.create(
        page=private_release, restriction_type=PageViewRestriction.LOGIN
    )

    gallery = ensure_gallery_index(site)
    albums = [
        PhotoAlbumPageFactory(
            parent=gallery,
            title="Lễ hội Hoa phượng đỏ",
            slug="hoa-phuong",
            date=date(2026, 5, 1),
            photos=[
                {"caption": "Quang cảnh lễ khai mạc", "credit": "Minh Hải"},
                {"caption": "", "alt_text": "Màn trình diễn", "credit": ""},
            ],
        ),
        PhotoAlbumPageFactory(
            parent=gallery,
            slug="album-cu",
            date=date(2025, 5, 1),
            photos=[{"caption": "Ảnh một"}],
        ),
    ]
    hidden_album = PhotoAlbumPageFactory(
        parent=gallery, slug="album-nhap", live=False, photos=[{"caption": "Nháp"}]
    )
    clip = get_document_model()(
        title="Clip", file=ContentFile(b"\x1aE\xdf\xa3", "clip.webm")
    )
    clip.save()
    video = VideoPageFactory.build(
        title="Toàn cảnh thành phố",
        slug="toan-canh",
        date=date(2026, 4, 2),
        embed_url="",
        video_file=clip,
        poster=make_image(),
        duration_seconds=200,
        transcript="Lời dẫn về thành phố.",
    )
    video.subtitles.save("phu-de.vtt", ContentFile(VTT), save=False)
    gallery.add_child(instance=video)
    videos = [video, VideoPageFactory(parent=gallery, date=date(2025, 1, 1))]
    hidden_video = VideoPageFactory(parent=gallery, slug="video-nhap", live=False)

    other_procedure = ProcedurePageFactory(parent=ensure_procedure_index(other))
    other_release = PressReleasePageFactory(parent=ensure_press_index(other))
    other_gallery = ensure_gallery_index(other)
    other_album = PhotoAlbumPageFactory(
        parent=other_gallery, photos=[{"caption": "Cổng khác"}]
    )
    other_video = VideoPageFactory(parent=other_gallery)
    return SimpleNamespace(
        procedures=procedures,
        hidden_procedure=hidden_procedure,
        releases=releases,
        private_release=private_release,
        spokesperson=spokesperson,
        albums=albums,
        hidden_album=hidden_album,
        videos=videos,
        hidden_video=hidden_video,
        other_procedure=other_procedure,
        other_release=other_release,
        other_album=other_album,
        other_video=other_video,
        gallery=gallery,
        press_index=press_index,
        procedures_index=procedures_index,
    )
