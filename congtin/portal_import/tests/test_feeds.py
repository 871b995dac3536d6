"""RSS and Atom feeds, with the full text or summaries only."""

import pytest
from wagtail.contrib.redirects.models import Redirect

from congtin.news.models import ArticlePage
from congtin.portal_import.models import ImportedArticle

from .conftest import FILES, png
from .test_html_pages import MAPPING, OLD_URL, _blocks

FEED = str(FILES / "feed.xml")
HOUSE = "https://lechan.haiphong.gov.vn/uploads/2022/01/nha-van-hoa.png"


@pytest.mark.django_db
def test_feed_with_full_text(demo, web, run_import):
    web.pages[HOUSE] = png()
    report, error = run_import("--feed", FEED, "--publish")
    assert error is None, report
    article = ArticlePage.objects.get(title__startswith="Quận Lê Chân khánh thành")
    # The address is kept without the fragment; the query stays part of it.
    record = ImportedArticle.objects.get(page=article)
    assert record.original_url == (
        "https://lechan.haiphong.gov.vn/tin-tuc/khanh-thanh-nha-van-hoa-101.html"
        "?utm_source=rss"
    )
    assert record.source == "feed"
    assert article.lead == "Sáng 10/1, quận Lê Chân khánh thành nhà văn hóa phường mới."
    assert article.author == "Minh Anh"
    assert article.date.isoformat() == "2022-01-10T02:15:00+00:00"
    assert article.get_parent().title == "Quận, huyện"
    assert sorted(t.name for t in article.tags.all()) == ["Quận, huyện", "Văn hóa"]
    assert [b.block_type for b in article.body] == [
        "paragraph",
        "image",
        "paragraph",
        "paragraph",
        "paragraph",
    ]
    assert [b.value.source for b in article.body if b.block_type == "paragraph"] == [
        "<p>Nhà văn hóa có hội trường <strong>200 chỗ</strong> và thư viện nhỏ.</p>",
        '<p>Công trình do nhân dân đóng góp <a href="https://lechan.haiphong.gov.vn'
        '/tin-tuc/dong-gop-99.html">một phần kinh phí</a>.</p>',
        "<h3>Kế hoạch tiếp theo</h3>",
        "<ul><li>Mở lớp học hè</li><li>Câu lạc bộ dưỡng sinh</li></ul>",
    ]
    image = article.body[1].value
    assert image["caption"] == "Nhà văn hóa phường sau khi hoàn thành"
    assert image["image"].file.read(8) == png()[:8]
    assert "bỏ ảnh: máy chủ trả lời 404" in report
    # The second item repeats its lead as the first paragraph: said once.
    second = ArticlePage.objects.get(title__startswith="Lê Chân tổ chức Hội nghị")
    assert second.lead.startswith("Chiều 11/1")
    assert _blocks(second) == [("paragraph", "Cử tri nêu 15 ý kiến về trật tự đô thị.")]
    assert "mục 3 — mục không có liên kết http(s) tới bài gốc" in report
    assert "Tổng: đã tạo 2, bỏ qua (đã nhập) 0, không đọc được 1." in report
    assert Redirect.objects.filter(
        old_path="/tin-tuc/khanh-thanh-nha-van-hoa-101.html?utm_source=rss",
        redirect_page=article,
    ).exists()


@pytest.mark.django_db
def test_feed_at_an_address(demo, web, run_import):
    web.pages["https://lechan.haiphong.gov.vn/rss/tin-tuc.rss"] = (
        FILES / "feed.xml"
    ).read_bytes()
    report, error = run_import(
        "--site",
        "lechan.localhost",
        "--feed",
        "https://lechan.haiphong.gov.vn/rss/tin-tuc.rss",
        "--dry-run",
    )
    assert error is None
    assert "Nhập bài vào cổng Quận Lê Chân, chuyên mục “Tin tức - Sự kiện”" in report
    assert "Tổng: sẽ tạo 2" in report


@pytest.mark.django_db
def test_summaries_only_feed_reads_each_page(demo, web, run_import):
    """Each item's page is fetched and read with the mapping: the Hải Phòng page
    gives the seed article again, its photos resolved on the old site."""
    web.pages[OLD_URL] = (
        FILES / "haiphong" / "le-chan-chu-de-nam-2022.html"
    ).read_bytes()
    for n in range(1, 5):
        web.pages[
            f"https://haiphong.gov.vn/tin-tuc-su-kien/quan-huyen/images/hoi-nghi-{n}.jpg"
        ] = (FILES / "haiphong" / "images" / f"hoi-nghi-{n}.jpg").read_bytes()
    feed = str(FILES / "summaries.xml")
    report, error = run_import("--feed", feed)
    assert error == "Không đọc được bài nào."
    assert "nguồn tin chỉ có tóm tắt" in report
    report, error = run_import(
        "--feed", feed, "--fetch-pages", "--mapping", MAPPING, "--publish"
    )
    assert error is None, report
    article = ArticlePage.objects.get(
        pk=ImportedArticle.objects.get(original_url=OLD_URL).page_id
    )
    seed_article = demo["article"]
    assert (article.title, article.date, article.lead, article.author) == (
        seed_article.title,
        seed_article.date,
        seed_article.lead,
        seed_article.author,
    )
    assert _blocks(article) == _blocks(seed_article)


@pytest.mark.django_db
def test_no_fetch_reads_nothing_from_the_network(demo, web, run_import):
    web.pages[HOUSE] = png()
    report, _ = run_import("--feed", FEED, "--no-fetch", "--dry-run")
    assert web.asked == []
    assert "không tải từ mạng (--no-fetch)" in report


@pytest.mark.django_db
def test_atom_feed(demo, web, run_import, tmp_path):
    feed = tmp_path / "atom.xml"
    feed.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Tin tức</title>
  <entry>
    <title>Khai mạc Hội báo Xuân (Minh họa)</title>
    <link rel="alternate" href="https://example.gov.vn/tin/hoi-bao-xuan"/>
    <id>tag:example.gov.vn,2022:1</id>
    <published>2022-01-25T08:00:00+07:00</published>
    <author><name>Lan Phương</name></author>
    <category term="Văn hóa"/>
    <summary>Sáng 25/1, Hội báo Xuân khai mạc.</summary>
    <content type="html">&lt;p&gt;Hội báo trưng bày 300 ấn phẩm.&lt;/p&gt;</content>
  </entry>
</feed>""",
        encoding="utf-8",
    )
    report, error = run_import("--feed", str(feed))
    assert error is None, report
    article = ArticlePage.objects.get(title="Khai mạc Hội báo Xuân (Minh họa)")
    assert article.lead == "Sáng 25/1, Hội báo Xuân khai mạc."
    assert article.author == "Lan Phương"
    assert article.date.isoformat() == "2022-01-25T01:00:00+00:00"
    assert _blocks(article) == [("paragraph", "Hội báo trưng bày 300 ấn phẩm.")]
