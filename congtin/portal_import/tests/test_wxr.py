"""A WordPress export: published posts only, with captions and authors."""

import pytest
from bs4 import BeautifulSoup

from congtin.news.models import ArticlePage

from .conftest import FILES, png
from .test_html_pages import _blocks

WXR = str(FILES / "wordpress.xml")
UPLOADS = "https://traicau.example.gov.vn/wp-content/uploads/2022/"


@pytest.mark.django_db
def test_wordpress_export(demo, web, run_import, client):
    web.pages[UPLOADS + "03/ra-mat.png"] = png((200, 30, 30))
    web.pages[UPLOADS + "04/hoi-thi.png"] = png((30, 200, 30))
    report, error = run_import("--site", "lechan.localhost", "--wxr", WXR, "--publish")
    assert error is None, report
    first = ArticlePage.objects.get(title__startswith="Phường Trại Cau ra mắt")
    assert first.author == "Nguyễn Văn Biên"
    assert first.lead == "Phường Trại Cau ra mắt mô hình tuyến phố văn minh."
    assert first.date.isoformat() == "2022-03-15T02:30:00+00:00"
    assert first.first_published_at == first.date
    assert first.get_site().hostname == "lechan.localhost"
    assert sorted(t.name for t in first.tags.all()) == ["Trại Cau", "Văn minh đô thị"]
    assert _blocks(first) == [
        (
            "paragraph",
            'Sáng 15/3, phường Trại Cau ra mắt mô hình "Tuyến phố văn minh" trên '
            "phố Lê Lợi.",
        ),
        ("image", "Lễ ra mắt mô hình"),
        (
            "paragraph",
            "Các hộ dân ký cam kết giữ gìn vệ sinh, trật tự lòng đường, vỉa hè.",
        ),
    ]
    assert "[gallery" not in str(first.body.raw_data)
    # No excerpt: the first paragraph is the lead.
    second = ArticlePage.objects.get(title__startswith="Hội thi")
    assert second.lead == (
        'Ngày 2/4, phường tổ chức Hội thi "Gia đình văn hóa" với 12 đội tham gia.'
    )
    assert _blocks(second) == [
        ("image", "Các đội dự thi phần chào hỏi"),
        ("paragraph", "Giải nhất thuộc về tổ dân phố số 3."),
    ]
    assert not ArticlePage.objects.filter(title__in=["Giới thiệu", "Ảnh lễ ra mắt"])
    assert (
        "Không đọc được: https://traicau.example.gov.vn/?p=40 — bài chưa đăng trên "
        "WordPress (trạng thái “draft”)"
    ) in report
    assert "Tổng: đã tạo 2, bỏ qua (đã nhập) 0, không đọc được 1." in report
    # Published: on the portal's pages and in its search, under the old date.
    page = client.get(first.url, HTTP_HOST="lechan.localhost")
    assert page.status_code == 200
    assert "Lễ ra mắt mô hình" in page.content.decode()
    found = client.get(
        "/tim-kiem/", {"q": "tuyen pho van minh"}, HTTP_HOST="lechan.localhost"
    )
    # The words found are highlighted: compare the text a reader sees.
    text = " ".join(BeautifulSoup(found.content, "html.parser").get_text().split())
    assert first.title in text


@pytest.mark.django_db
def test_not_a_wordpress_export(demo, run_import):
    _, error = run_import("--wxr", str(FILES / "feed.xml"))
    assert error == "Không đọc được nguồn: tệp không phải bản xuất WordPress (WXR)"
