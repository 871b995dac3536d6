import feedparser
import pytest
from bs4 import BeautifulSoup

from congtin.news.models import NewsIndexPage


@pytest.mark.django_db
def test_portal_feed_parses_and_keeps_vietnamese_and_offset(demo, city_client):
    response = city_client.get("/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo is False, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.feed.title == "Cổng thông tin điện tử thành phố Hải Phòng"
    entry = feed.entries[0]
    assert entry.title == demo["seed"].title
    assert entry.summary.startswith("(Haiphong.gov.vn) - Chiều 21/12")
    assert entry.link.endswith(demo["url"])
    assert b"<pubDate>Tue, 21 Dec 2021 18:00:00 +0700</pubDate>" in response.content


@pytest.mark.django_db
def test_section_feed_lists_only_that_section(demo, city_client, make_articles):
    city_section = NewsIndexPage.objects.get(slug="thanh-pho")
    make_articles(city_section, 2, prefix="Tin thanh pho")
    districts = NewsIndexPage.objects.get(slug="quan-huyen")
    feed = feedparser.parse(city_client.get(f"/rss/{districts.pk}/").content)
    assert feed.bozo is False
    assert [e.title for e in feed.entries] == [demo["seed"].title]
    assert feed.feed.title.startswith("Quận, huyện - ")
    city_feed = feedparser.parse(city_client.get(f"/rss/{city_section.pk}/").content)
    assert len(city_feed.entries) == 2


@pytest.mark.django_db
def test_feed_of_another_portals_section_is_404(demo, client):
    districts = NewsIndexPage.objects.get(slug="quan-huyen")
    response = client.get(f"/rss/{districts.pk}/", HTTP_HOST="lechan.localhost")
    assert response.status_code == 404
    assert client.get("/rss/999999/", HTTP_HOST="localhost").status_code == 404


@pytest.mark.django_db
def test_pages_advertise_their_feeds(demo, city_client):
    soup = BeautifulSoup(city_client.get(demo["url"]).content, "html.parser")
    feeds = [
        link["href"]
        for link in soup.select('link[rel=alternate][type="application/rss+xml"]')
    ]
    districts = NewsIndexPage.objects.get(slug="quan-huyen")
    assert feeds == ["/rss/", f"/rss/{districts.pk}/"]


@pytest.mark.django_db
def test_component_portal_feed_has_its_own_name(demo, client):
    feed = feedparser.parse(client.get("/rss/", HTTP_HOST="lechan.localhost").content)
    assert feed.bozo is False
    assert feed.feed.title == "Cổng thông tin điện tử quận Lê Chân"
    assert all(e.title != demo["seed"].title for e in feed.entries)
