"""Press releases: the list by year and in pages, a release, its feed, search and
sitemap entries, and bad query strings (400 in Vietnamese, never 500)."""

from datetime import date
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model

from congtin.press.models import PressReleaseFile
from congtin.search.models import SearchEntry

from .conftest import CITY, shared_portals
from .factories import PressReleasePageFactory, SpokespersonFactory

pytestmark = [pytest.mark.django_db, shared_portals]


def get(url, status=200, host=CITY):
    response = Client(HTTP_HOST=host).get(url)
    assert response.status_code == status, (url, response.status_code)
    return response


def page_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def titles(response):
    return [a.get_text() for a in page_of(response).select(".press-item__title a")]


def test_list_newest_first_by_year_and_in_pages(portals):
    index = portals["index"]
    index.per_page = 2
    index.save()
    old = PressReleasePageFactory(parent=index, title="Cũ 2021", date=date(2021, 3, 1))
    mid = PressReleasePageFactory(
        parent=index, title="Giữa 2022", date=date(2022, 2, 1)
    )
    new = PressReleasePageFactory(parent=index, title="Mới 2022", date=date(2022, 9, 1))
    PressReleasePageFactory(parent=index, title="Bản nháp", live=False)
    PressReleasePageFactory(parent=portals["other_index"], title="Của cổng khác")

    first = get(index.url)
    assert titles(first) == [new.title, mid.title]
    nav = page_of(first).select_one(".pagination")
    assert "Trang 1/2" in nav.get_text()
    assert titles(get(index.url + "?trang=2")) == [old.title]
    # Junk page numbers are a page, never an error.
    assert titles(get(index.url + "?trang=abc")) == [new.title, mid.title]
    assert titles(get(index.url + "?trang=99999999999999999999999")) == [old.title]

    years = [li.get_text() for li in page_of(first).select(".press-years li")]
    assert years == ["Tất cả", "2022", "2021"]
    by_year = get(index.url + "?nam=2021")
    assert titles(by_year) == [old.title]
    assert "năm 2021" in page_of(by_year).h1.get_text()
    # The page links keep the year filter.
    two = get(index.url + "?nam=2022")
    assert titles(two) == [new.title, mid.title]
    empty = get(index.url + "?nam=2019")
    assert "Không có thông cáo báo chí nào trong năm 2019" in empty.content.decode()


@pytest.mark.parametrize("value", ["abc", "20222", "1800", "２０２２", "2022\x00"])
def test_bad_year_is_400_in_vietnamese(portals, value):
    response = get(portals["index"].url + "?nam=" + value, status=400)
    text = response.content.decode()
    assert "Năm" in text and "không hợp lệ" in text


def test_release_page_shows_number_files_and_spokesperson(portals):
    person = SpokespersonFactory(site=portals["city"].site, name="Trần Thị Phát Ngôn")
    Document = get_document_model()
    pdf = Document(title="Toàn văn thông cáo", file=ContentFile(b"%PDF-1.4", "tc.pdf"))
    pdf.save()
    release = PressReleasePageFactory.build(number="05/TCBC-UBND", spokesperson=person)
    release.files.add(PressReleaseFile(document=pdf))
    portals["index"].add_child(instance=release)

    html = page_of(get(release.url))
    assert (
        "Thông cáo báo chí số 05/TCBC-UBND" in html.select_one(".article__kicker").text
    )
    assert html.select_one(".press-files a").get_text() == "Toàn văn thông cáo"
    assert "Trần Thị Phát Ngôn" in html.select_one(".press-spokesperson").get_text()
    assert "/thong-cao-bao-chi/" in html.select("article a")[-1]["href"]


def test_feed_lists_releases_newest_first(portals):
    index = portals["index"]
    person = SpokespersonFactory(site=portals["city"].site, name="Người Phát Ngôn")
    PressReleasePageFactory(parent=index, title="Thứ nhất", date=date(2022, 1, 2))
    PressReleasePageFactory(
        parent=index, title="Thứ hai", date=date(2022, 5, 2), spokesperson=person
    )
    PressReleasePageFactory(parent=portals["other_index"], title="Cổng khác")

    response = get(index.url + "rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [i.findtext("title").split(" - ", 1)[1] for i in items] == [
        "Thứ hai",
        "Thứ nhất",
    ]
    assert "+0700" in items[0].findtext("pubDate")
    assert items[0].findtext("link").startswith("http://localhost/thong-cao-bao-chi/")
    assert items[0].findtext(
        "author"
    ) is None or "Người Phát Ngôn" in ElementTree.tostring(items[0], encoding="unicode")
    # The list page announces its feed.
    feeds = page_of(get(index.url)).find_all("link", rel="alternate")
    assert any(f["href"].endswith("/thong-cao-bao-chi/rss/") for f in feeds)


def test_published_release_is_in_search_and_sitemap(portals):
    person = SpokespersonFactory(site=portals["city"].site, name="Lê Văn Phát Ngôn")
    release = PressReleasePageFactory(
        parent=portals["index"],
        number="07/TCBC-UBND",
        summary="Tình hình phòng chống bão số 3.",
        spokesperson=person,
        live=False,
        publish=True,
    )
    entry = SearchEntry.objects.get(kind="press.release", object_id=release.pk)
    for part in ("07/TCBC-UBND", "bão số 3", "Lê Văn Phát Ngôn"):
        assert part in entry.body
    assert entry.site_id == portals["city"].site.pk

    response = Client(HTTP_HOST=CITY).get("/tim-kiem/", {"q": "bão số 3"})
    hits = page_of(response).select(".search-hit__title a")
    assert [" ".join(a.get_text().split()) for a in hits] == [release.title]

    sitemap = get("/sitemap.xml").content.decode()
    assert release.full_url in sitemap
    assert portals["index"].full_url in sitemap
