"""The demo as `make run` builds it: comments on for the city, off for Lê Chân."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from congtin.news.models import ArticlePage
from congtin.reader_comments.demo import load_reader_comments_demo
from congtin.reader_comments.models import ReaderComment, ReaderCommentSettings

pytestmark = pytest.mark.django_db


def test_demo_city_article_has_comments_and_lechan_has_none(demo, client):
    city = Site.objects.get(hostname="localhost")
    lechan = Site.objects.get(hostname="lechan.localhost")
    assert ReaderCommentSettings.for_site(city).enabled
    assert not ReaderCommentSettings.for_site(lechan).enabled

    article = demo["article"]
    page = BeautifulSoup(client.get(demo["url"]).content, "html.parser")
    section = page.select_one("#y-kien-ban-doc")
    names = [n.get_text() for n in section.select(".reader-comment__meta strong")]
    assert len(names) == 2 and all("(Minh họa)" in name for name in names)
    assert "@example.com" not in str(page)
    form_link = section.select_one("a.button")["href"]
    assert client.get(form_link).status_code == 200

    lechan_article = ArticlePage.objects.live().descendant_of(lechan.root_page).first()
    url = lechan_article.get_url_parts()[2]
    lechan_page = client.get(url, HTTP_HOST="lechan.localhost")
    assert b"y-kien-ban-doc" not in lechan_page.content
    assert client.get(url + "y-kien/", HTTP_HOST="lechan.localhost").status_code == 404

    count = ReaderComment.objects.count()
    assert ReaderComment.objects.filter(status="pending").count() == 1
    load_reader_comments_demo(city, article)
    assert ReaderComment.objects.count() == count == 3
