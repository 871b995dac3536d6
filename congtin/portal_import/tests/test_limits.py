"""Files from outside are hostile: entities, sizes, counts and images."""

import io

import pytest
from PIL import Image

from congtin.news.models import ArticlePage
from congtin.portal_import.images import check_image
from congtin.portal_import.items import ItemError

from .conftest import FILES, png

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&xxe;</title>
<link>https://example.gov.vn/a</link><pubDate>Mon, 10 Jan 2022 09:15:00 +0700</pubDate>
<description>x</description></item></channel></rss>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><item><title>&lol4;</title></item></channel></rss>"""

DTD_REFUSED = (
    "Không đọc được nguồn: tệp XML có khai báo DTD hoặc thực thể (entity), không "
    "đọc vì lý do an toàn"
)


@pytest.mark.django_db
@pytest.mark.parametrize("content", [XXE, LAUGHS], ids=["xxe", "billion-laughs"])
@pytest.mark.parametrize("kind", ["--feed", "--wxr"])
def test_entities_are_refused(demo, run_import, tmp_path, content, kind):
    pages = ArticlePage.objects.count()
    path = tmp_path / "hostile.xml"
    path.write_bytes(content)
    _, error = run_import(kind, str(path))
    assert error == DTD_REFUSED
    assert ArticlePage.objects.count() == pages


@pytest.mark.django_db
def test_broken_xml(demo, run_import, tmp_path):
    path = tmp_path / "broken.xml"
    path.write_bytes(b"<rss><channel><item>")
    _, error = run_import("--feed", str(path))
    assert error.startswith("Không đọc được nguồn: tệp XML hỏng")


@pytest.mark.django_db
def test_file_size_limit(demo, run_import, settings):
    settings.PORTAL_IMPORT_MAX_FILE_BYTES = 1000
    _, error = run_import("--feed", str(FILES / "feed.xml"))
    assert error.endswith("feed.xml lớn quá 1 KB (PORTAL_IMPORT_MAX_FILE_BYTES).")


@pytest.mark.django_db
def test_item_limit(demo, web, run_import, settings):
    settings.PORTAL_IMPORT_MAX_ITEMS = 1
    report, error = run_import("--feed", str(FILES / "feed.xml"), "--dry-run")
    assert error is None
    assert "Tổng: sẽ tạo 1, bỏ qua (đã nhập) 0, không đọc được 0." in report
    assert "Dừng ở 1 bài" in report
    settings.PORTAL_IMPORT_MAX_ITEMS = 100
    report, _ = run_import(
        "--feed", str(FILES / "feed.xml"), "--dry-run", "--limit", "2"
    )
    assert "Dừng ở 2 bài" in report
    _, error = run_import("--feed", str(FILES / "feed.xml"), "--limit", "0")
    assert error == "--limit phải là số dương."


def test_image_checks(settings):
    assert check_image(png()) == "png"
    with pytest.raises(ItemError, match="không phải ảnh"):
        check_image(b"<html>not an image</html>")
    # A decompression bomb is small on disk: its header gives it away.
    buffer = io.BytesIO()
    Image.new("1", (8000, 8000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 100_000
    settings.PORTAL_IMPORT_MAX_IMAGE_PIXELS = 10_000_000
    with pytest.raises(ItemError, match="quá giới hạn"):
        check_image(buffer.getvalue())
    settings.PORTAL_IMPORT_MAX_IMAGE_BYTES = 20
    with pytest.raises(ItemError, match="ảnh lớn quá"):
        check_image(png())
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "BMP")
    settings.PORTAL_IMPORT_MAX_IMAGE_BYTES = 10_000
    with pytest.raises(ItemError, match="không phải JPEG"):
        check_image(buffer.getvalue())
