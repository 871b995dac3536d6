import json

import pytest
from bs4 import BeautifulSoup


@pytest.fixture
def soup(demo, city_client):
    response = city_client.get(demo["url"])
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def meta(soup, **attrs):
    tag = soup.find("meta", attrs=attrs)
    assert tag is not None, attrs
    return tag["content"]


@pytest.mark.django_db
def test_article_metadata(demo, soup):
    seed = demo["seed"]
    assert soup.title.get_text().startswith(seed.title)
    assert meta(soup, property="og:title") == seed.title
    assert meta(soup, property="og:type") == "article"
    assert meta(soup, property="og:description").startswith("Chiều 21/12")
    assert meta(soup, property="og:image").startswith("http")
    assert meta(soup, name="description").startswith("Chiều 21/12")
    assert meta(soup, name="DC.title") == seed.title
    assert meta(soup, name="DC.creator") == "Hoàng Tùng"
    assert meta(soup, name="DC.date") == "2021-12-21T18:00:00+07:00"
    assert (
        meta(soup, name="DC.publisher") == "Cổng thông tin điện tử thành phố Hải Phòng"
    )
    assert meta(soup, name="DC.identifier").endswith(demo["url"])
    assert meta(soup, name="DC.description").startswith("Chiều 21/12")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == seed.title
    assert data["datePublished"] == "2021-12-21T18:00:00+07:00"
    assert data["author"] == {"@type": "Person", "name": "Hoàng Tùng"}


@pytest.mark.django_db
def test_article_semantics_and_print(demo, soup):
    assert len(soup.find_all("h1")) == 1
    assert (
        soup.find("header", role="banner") and soup.find("main") and soup.find("footer")
    )
    assert soup.find("nav", attrs={"aria-label": "Menu chính"})
    assert soup.find("html")["lang"] == "vi"
    assert soup.select_one("[data-print]").get_text(strip=True) == "In bài viết"
    assert soup.find("link", rel="stylesheet", media="print")["href"].endswith(
        "print.css"
    )
    source = soup.select_one(".print-only.article__source-url").get_text(strip=True)
    assert source.startswith("Nguồn: http") and source.endswith(demo["url"])
    for img in soup.select("main img"):
        assert img.get("alt"), img
    assert "Chủ đề năm 2022" in soup.select_one(".article__topics").get_text()


@pytest.mark.django_db
def test_print_stylesheet_hides_navigation_and_shows_source(demo, city_client):
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/print.css"), encoding="utf-8").read()
    assert ".main-menu" in css and ".site-footer" in css and "display: none" in css
    assert ".print-only { display: block" in css


@pytest.mark.django_db
def test_related_articles_fall_back_to_section(demo, city_client, make_articles):
    from congtin.news.models import NewsIndexPage

    make_articles(NewsIndexPage.objects.get(slug="quan-huyen"), 3, prefix="Tin quan")
    soup = BeautifulSoup(city_client.get(demo["url"]).content, "html.parser")
    links = [(a.get_text(strip=True), a["href"]) for a in soup.select(".related a")]
    assert [title for title, _ in links] == [
        "Tin quan số 0",
        "Tin quan số 1",
        "Tin quan số 2",
    ]
    assert all(
        href.startswith("/tin-tuc/tin-tuc-su-kien/quan-huyen/") for _, href in links
    )
