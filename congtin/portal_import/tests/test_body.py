"""Old bodies cut into the article's blocks, with only what rich text allows."""

from datetime import UTC

from congtin.portal_import.body import BodyConverter, ImageRef, parse
from congtin.portal_import.sources.common import parse_vietnamese_datetime
from congtin.portal_import.sources.feeds import _rss_date
from congtin.portal_import.sources.wxr import wordpress_html


def blocks(html, base="https://old.gov.vn/tin/bai.html", **options):
    return BodyConverter(base, **options).convert(parse(html))


def test_paragraphs_headings_and_lists():
    assert blocks(
        "<div><div><h1>Phần một</h1><p>Đoạn  <b>đậm</b>\n và <i>nghiêng</i>.</p>"
        "<p>&nbsp;</p><h5>Mục nhỏ</h5><ol><li>Một</li><li>Hai</li></ol></div></div>"
    ) == [
        ("paragraph", "<h2>Phần một</h2>"),
        ("paragraph", "<p>Đoạn <b>đậm</b> và <i>nghiêng</i>.</p>"),
        ("paragraph", "<h3>Mục nhỏ</h3>"),
        ("paragraph", "<ol><li>Một</li><li>Hai</li></ol>"),
    ]


def test_loose_text_and_line_breaks_become_paragraphs():
    assert blocks("Dòng một<br><br>Dòng <strong>hai</strong>") == [
        ("paragraph", "<p>Dòng một</p>"),
        ("paragraph", "<p>Dòng <strong>hai</strong></p>"),
    ]


def test_nothing_active_survives():
    result = blocks(
        '<p onclick="x()" style="color:red" class="a">Xem <a href="javascript:alert(1)"'
        ' onmouseover="x()">đây</a>, <a href="#top">lên</a>, <a href="/bai-2.html" '
        'target="_blank">bài 2</a><script>alert(1)</script><style>p{}</style>'
        '<iframe src="https://x"></iframe><img src="x" onerror="alert(1)"></p>'
        "<form><input value='x'></form><svg><script>alert(2)</script></svg>"
    )
    assert result == [
        (
            "paragraph",
            '<p>Xem đây, lên, <a href="https://old.gov.vn/bai-2.html">bài 2</a></p>',
        ),
        ("image", ImageRef("https://old.gov.vn/tin/x", "", "")),
    ]


def test_photo_then_caption_paragraph():
    """The CKEditor way: the photo in a paragraph, its caption in the next."""
    result = blocks(
        '<p style="text-align:center"><img src="/anh/1.jpg" alt="Ảnh 1"></p>'
        '<p class="chu-thich"><em>Quang cảnh  buổi lễ</em></p><p>Tiếp theo.</p>',
        caption_selector="p.chu-thich",
    )
    assert result == [
        (
            "image",
            ImageRef("https://old.gov.vn/anh/1.jpg", "Quang cảnh buổi lễ", "Ảnh 1"),
        ),
        ("paragraph", "<p>Tiếp theo.</p>"),
    ]


def test_saved_page_photos_stay_relative():
    result = blocks(
        '<figure><img src="anh/1.jpg"><figcaption>Chú thích</figcaption></figure>'
        '<figure><img src="/uploads/2.jpg"><figcaption>Hai</figcaption></figure>',
        local_images=True,
    )
    assert [value.src for _, value in result] == [
        "anh/1.jpg",
        "https://old.gov.vn/uploads/2.jpg",
    ]


def test_table_of_figures_becomes_paragraphs():
    assert blocks(
        "<table><tr><td>Chỉ tiêu</td><td>Kết quả</td></tr>"
        "<tr><td>Thu ngân sách</td><td>133%</td></tr></table>"
    ) == [
        ("paragraph", "<p>Chỉ tiêu</p>"),
        ("paragraph", "<p>Kết quả</p>"),
        ("paragraph", "<p>Thu ngân sách</p>"),
        ("paragraph", "<p>133%</p>"),
    ]


def test_wordpress_blank_lines_and_captions():
    html = wordpress_html(
        'Một.\n\n[caption id="a" width="300"]<a href="/full.jpg"><img src="/a.jpg">'
        "</a> Chú thích[/caption]\n\nHai.\n\n[embed]https://video[/embed]"
    )
    assert html == (
        '<p>Một.</p><figure><img src="/a.jpg"><figcaption>Chú thích</figcaption>'
        "</figure><p>Hai.</p><p>https://video</p>"
    )


def test_dates():
    assert parse_vietnamese_datetime("Thời gian: 21/12/2021 18:00").isoformat() == (
        "2021-12-21T18:00:00+07:00"
    )
    assert parse_vietnamese_datetime("18h05 | 03-01-2022").isoformat() == (
        "2022-01-03T18:05:00+07:00"
    )
    assert parse_vietnamese_datetime("Ngày 31/02/2022") is None
    assert parse_vietnamese_datetime("không có ngày") is None
    unknown_zone = _rss_date("Mon, 10 Jan 2022 09:15:00 -0000")
    assert unknown_zone.isoformat() == "2022-01-10T09:15:00+07:00"
    assert _rss_date("Mon, 10 Jan 2022 09:15:00 GMT").astimezone(UTC).hour == 9


def test_markup_nested_too_deep_is_one_failed_item(tmp_path):
    from congtin.portal_import.sources.pages import Mapping, read_pages

    page = tmp_path / "sau.html"
    page.write_text(
        '<link rel="canonical" href="https://old.gov.vn/sau.html">'
        '<h1>Tiêu đề</h1><p class="t">01/02/2022</p><p class="l">Sapo</p>'
        '<div class="b">' + "<div>" * 20000 + "Chữ" + "</div>" * 20001
    )
    mapping = Mapping(title="h1", time=".t", lead=".l", body=".b")
    (item,) = read_pages([page], tmp_path, mapping, "", 10_000_000)
    assert item.error == "mã HTML lồng nhau quá sâu"
