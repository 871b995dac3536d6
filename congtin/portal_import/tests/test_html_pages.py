"""Saved pages of the Hải Phòng portal, read with a mapping file, become the same
article the demo builds from the seed."""

import pytest
from bs4 import BeautifulSoup
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from congtin.news.models import ArticlePage, NewsIndexPage
from congtin.portal_import.models import ImportedArticle, ImportedImage

from .conftest import FILES

OLD_URL = (
    "https://haiphong.gov.vn/tin-tuc-su-kien/quan-huyen/"
    "quan-le-chan-xac-dinh-chu-de-nam-2022-48839.html"
)
OLD_PATH = (
    "/tin-tuc-su-kien/quan-huyen/quan-le-chan-xac-dinh-chu-de-nam-2022-48839.html"
)
MAPPING = str(FILES.parent.parent / "mappings" / "haiphong.toml")


def _text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


def _blocks(article):
    return [
        (
            block.block_type,
            _text(block.value.source)
            if block.block_type == "paragraph"
            else block.value["caption"],
        )
        for block in article.body
    ]


def imported() -> ArticlePage:
    return ArticlePage.objects.get(
        pk=ImportedArticle.objects.get(original_url=OLD_URL).page_id
    )


@pytest.mark.django_db
def test_saved_page_becomes_the_demo_seed_article(demo, run_import):
    report, error = run_import(
        "--site",
        "localhost",
        "--html",
        str(FILES / "haiphong"),
        "--mapping",
        MAPPING,
        "--publish",
    )
    assert error is None, report
    seed_article = demo["article"]
    article = imported()
    assert article.pk != seed_article.pk
    # Field by field, as a reader sees them.
    assert article.title == seed_article.title
    assert article.date == seed_article.date
    assert article.lead == seed_article.lead
    assert article.author == seed_article.author == "Hoàng Tùng"
    assert _blocks(article) == _blocks(seed_article)
    assert [b.block_type for b in article.body].count("image") == 4
    # The paragraphs are stored exactly as the demo stores them.
    assert [b.value.source for b in article.body if b.block_type == "paragraph"] == [
        b.value.source for b in seed_article.body if b.block_type == "paragraph"
    ]
    assert sorted(t.name for t in article.tags.all()) == sorted(
        t.name for t in seed_article.tags.all()
    )
    # In the section the old breadcrumb names, which the demo has too.
    assert article.get_parent().specific == seed_article.get_parent().specific
    assert article.live and article.first_published_at == seed_article.date
    # Photos went into the library, each once, the first also as the cover.
    images = [b.value["image"] for b in article.body if b.block_type == "image"]
    assert len({i.pk for i in images}) == 4
    assert article.cover_image == images[0]
    assert images[0].title == "Quang cảnh Hội nghị"
    assert "hoi-nghi-1" in images[0].file.name
    assert images[0].collection.get_parent().name == "Thành phố Hải Phòng"
    assert ImportedImage.objects.count() == 4
    assert "Đã tạo: " + OLD_URL in report
    assert "Tổng: đã tạo 1, bỏ qua (đã nhập) 0, không đọc được 0." in report


@pytest.mark.django_db
def test_old_address_redirects_to_the_new_article(demo, run_import, city_client):
    run_import("--html", str(FILES / "haiphong"), "--mapping", MAPPING, "--publish")
    article = imported()
    redirect = Redirect.objects.get(old_path=OLD_PATH)
    assert redirect.site.hostname == "localhost"
    response = city_client.get(OLD_PATH)
    assert response.status_code == 301
    assert response["Location"].endswith(article.url)
    page = city_client.get(article.url)
    assert page.status_code == 200
    assert "Quang cảnh Hội nghị" in page.content.decode()


@pytest.mark.django_db
def test_running_again_creates_nothing(demo, run_import):
    args = ("--html", str(FILES / "haiphong"), "--mapping", MAPPING)
    run_import(*args)
    pages, images = Page.objects.count(), ImportedImage.objects.count()
    report, error = run_import(*args)
    assert error is None
    assert Page.objects.count() == pages and ImportedImage.objects.count() == images
    assert "Bỏ qua: " + OLD_URL + " — đã nhập trước đây" in report
    assert "Tổng: đã tạo 0, bỏ qua (đã nhập) 1" in report


@pytest.mark.django_db
def test_deleted_article_is_not_brought_back(demo, run_import):
    args = ("--html", str(FILES / "haiphong"), "--mapping", MAPPING)
    run_import(*args)
    imported().delete()
    report, _ = run_import(*args)
    assert "đã nhập trước đây, bài đã bị xóa" in report
    assert ArticlePage.objects.filter(title=demo["article"].title).count() == 1
    assert ImportedArticle.objects.get(original_url=OLD_URL).page is None


@pytest.mark.django_db
def test_default_is_a_draft_for_editors_to_review(demo, run_import, city_client):
    run_import("--html", str(FILES / "haiphong"), "--mapping", MAPPING)
    article = imported()
    assert not article.live
    assert article.has_unpublished_changes
    revision = article.latest_revision
    assert revision is not None
    assert revision.as_object().lead == demo["article"].lead
    # The old date stays the article's, also once an editor publishes it.
    assert article.first_published_at == demo["article"].date
    revision.publish()
    article.refresh_from_db()
    assert article.live and article.first_published_at == demo["article"].date
    assert city_client.get(article.url).status_code == 200


@pytest.mark.django_db
def test_dry_run_reports_and_saves_nothing(demo, run_import):
    pages = Page.objects.count()
    report, error = run_import(
        "--html", str(FILES / "haiphong"), "--mapping", MAPPING, "--dry-run"
    )
    assert error is None
    assert "CHẠY THỬ: không lưu gì." in report
    assert "Sẽ tạo: " + OLD_URL in report and "→ Quận, huyện" in report
    assert "Tổng: sẽ tạo 1" in report
    assert Page.objects.count() == pages
    assert not ImportedArticle.objects.exists() and not ImportedImage.objects.exists()
    assert not Redirect.objects.exists()


@pytest.mark.django_db
def test_each_page_reports_what_could_not_be_read(demo, run_import):
    report, error = run_import(
        "--html", str(FILES / "broken"), "--mapping", MAPPING, "--publish"
    )
    assert error is None
    assert (
        "Không đọc được: https://haiphong.gov.vn/tin-tuc-su-kien/"
        "bai-khong-co-thoi-gian-1.html — không thấy thời gian (.news-time)"
    ) in report
    assert "ảnh nằm ngoài thư mục nhập" in report
    assert "không đọc được ảnh “anh/khong-co.jpg”" in report
    assert "Tổng: đã tạo 1, bỏ qua (đã nhập) 0, không đọc được 1." in report
    article = ArticlePage.objects.get(title__startswith="Ra quân tổng vệ sinh")
    # No section of that name under "Tin tức - Sự kiện": the chosen section.
    assert article.get_parent().slug == "tin-tuc-su-kien"
    assert article.lead == "Sáng 5/1, các phường ra quân tổng vệ sinh môi trường."
    html = "".join(str(b.value.source) for b in article.body)
    assert "script" not in html and "onclick" not in html and "alert" not in html
    assert "javascript" not in html
    assert (
        '<a href="https://haiphong.gov.vn/tin-tuc-su-kien/bai-khac.html">bài khác</a>'
        in html
    )
    assert [b.block_type for b in article.body] == ["paragraph", "paragraph"]


@pytest.mark.django_db
def test_nothing_read_fails(demo, run_import, tmp_path):
    (tmp_path / "trang.html").write_text("<html><body>Không phải bài</body></html>")
    report, error = run_import(
        "--html",
        str(tmp_path),
        "--mapping",
        MAPPING,
        "--base-url",
        "https://haiphong.gov.vn/",
    )
    assert error == "Không đọc được bài nào."
    assert "Không đọc được: https://haiphong.gov.vn/trang.html — " in report


@pytest.mark.django_db
def test_section_must_belong_to_the_site(demo, run_import):
    city_section = NewsIndexPage.objects.get(slug="quan-huyen")
    _, error = run_import(
        "--site",
        "lechan.localhost",
        "--section",
        str(city_section.pk),
        "--html",
        str(FILES / "haiphong"),
        "--mapping",
        MAPPING,
    )
    assert error == f"Cổng Quận Lê Chân không có chuyên mục tin “{city_section.pk}”."
    report, error = run_import(
        "--section",
        "tin-tuc/tin-tuc-su-kien/quan-huyen",
        "--html",
        str(FILES / "haiphong"),
        "--mapping",
        MAPPING,
        "--dry-run",
    )
    assert error is None and "→ Quận, huyện" in report


@pytest.mark.django_db
def test_bad_mapping_is_refused(demo, run_import, tmp_path):
    mapping = tmp_path / "m.toml"
    mapping.write_text('title = "h1"\ntime = ".t"\nlead = "p:::x"\nbody = ".b"\n')
    _, error = run_import("--html", str(FILES / "haiphong"), "--mapping", str(mapping))
    assert error.startswith("Tệp ánh xạ: bộ chọn CSS “lead” không hợp lệ")
    mapping.write_text('title = "h1"\n')
    _, error = run_import("--html", str(FILES / "haiphong"), "--mapping", str(mapping))
    assert error == "Tệp ánh xạ: tệp ánh xạ thiếu bộ chọn: time, lead, body"


@pytest.mark.django_db
def test_wrong_arguments_are_told_in_vietnamese(demo, run_import):
    _, error = run_import("--feed", "/khong/co/tep.xml")
    assert error == "Không có tệp /khong/co/tep.xml."
    _, error = run_import("--html", str(FILES / "haiphong"))
    assert error == "--html cần --mapping (docs/import.md)."
    _, error = run_import("--site", "khong-co.localhost", "--feed", "x.xml")
    assert error.startswith("Không có cổng “khong-co.localhost”. Các cổng: ")
    _, error = run_import("--feed", str(FILES / "feed.xml"), "--fetch-pages")
    assert error == "--fetch-pages cần --mapping."
