"""The article's comments and the form page, as a reader sees them."""

import pytest
from bs4 import BeautifulSoup
from django.db import DatabaseError

from congtin.core.tests.hostile_inputs import assert_inert
from congtin.news.models import ReaderCommentsChoice
from congtin.news.tests.factories import ArticlePageFactory, NewsIndexPageFactory
from congtin.reader_comments.models import ReaderComment

from .conftest import form_data, turn_on
from .factories import ReaderCommentFactory

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def form_url(article):
    return article.url + "y-kien/"


def test_comments_are_off_until_the_portal_turns_them_on(portal, client):
    article = portal["article"]
    ReaderCommentFactory(article=article, status=ReaderComment.Status.APPROVED)
    page = soup_of(client.get(article.url))
    assert page.select_one("#y-kien-ban-doc") is None
    assert "Gửi ý kiến" not in page.get_text()
    assert client.get(form_url(article)).status_code == 404

    turn_on(portal["site"])
    page = soup_of(client.get(article.url))
    section = page.select_one("#y-kien-ban-doc")
    assert section is not None
    assert section.select_one("h2").get_text() == "Ý kiến bạn đọc (1)"
    assert section.select_one("a.button")["href"] == form_url(article)
    assert client.get(form_url(article)).status_code == 200


def test_an_article_may_differ_from_its_portal(portal, client):
    section = portal["section"]
    closed = ArticlePageFactory(
        parent=section, slug="tat", reader_comments=ReaderCommentsChoice.OFF
    )
    opened = ArticlePageFactory(
        parent=section, slug="bat", reader_comments=ReaderCommentsChoice.ON
    )
    # Portal off: only the article that asks for comments has them.
    assert soup_of(client.get(opened.url)).select_one("#y-kien-ban-doc")
    assert client.get(form_url(opened)).status_code == 200
    assert client.get(form_url(closed)).status_code == 404
    turn_on(portal["site"])
    assert not soup_of(client.get(closed.url)).select_one("#y-kien-ban-doc")
    assert client.get(form_url(closed)).status_code == 404
    assert soup_of(client.get(portal["article"].url)).select_one("#y-kien-ban-doc")


def test_a_reader_sends_a_comment_that_waits_for_moderation(portal, client):
    turn_on(portal["site"])
    article = portal["article"]
    form_page = client.get(form_url(article))
    assert "no-cache" in form_page["Cache-Control"]
    assert "csrftoken" in form_page.cookies
    form = soup_of(form_page).select_one("form.reader-comment-form")
    assert form["action"] == form_url(article)
    labels = [label.get_text(strip=True) for label in form.select("label")]
    assert "Họ và tên:" in labels and "Thư điện tử:" in labels

    response = client.post(form_url(article), form_data())
    assert response.status_code == 303
    assert response["Location"] == form_url(article) + "?da-gui=1"
    comment = ReaderComment.objects.get()
    assert (comment.article, comment.site) == (
        article.page_ptr.specific,
        portal["site"],
    )
    assert comment.status == ReaderComment.Status.PENDING
    assert comment.email == "thu@example.com"

    thanks = soup_of(client.get(response["Location"]))
    notice = thanks.select_one("[role=status]").get_text()
    assert "sau khi cán bộ của cổng duyệt" in notice
    assert thanks.select_one("form.reader-comment-form") is None
    # Not shown before it is approved.
    page = soup_of(client.get(article.url))
    assert page.select(".reader-comment") == []


def test_only_approved_comments_are_shown_without_e_mail(portal, client):
    turn_on(portal["site"])
    article = portal["article"]
    for text, status in (
        ("ý kiến đã duyệt\ndòng hai", ReaderComment.Status.APPROVED),
        ("ý kiến chờ duyệt", ReaderComment.Status.PENDING),
        ("ý kiến không công khai", ReaderComment.Status.REJECTED),
    ):
        ReaderCommentFactory(
            article=article, text=text, status=status, name=f"Người {text[:8]}"
        )
    response = client.get(article.url)
    html = response.content.decode()
    shown = [p.get_text() for p in soup_of(response).select(".reader-comment__text")]
    assert shown == ["ý kiến đã duyệt\ndòng hai"]
    assert "@example.com" not in html
    assert "chờ duyệt" not in html.split("y-kien-ban-doc", 1)[1]


def test_bad_input_is_answered_in_vietnamese_and_nothing_is_saved(portal, client):
    turn_on(portal["site"])
    url = form_url(portal["article"])
    response = client.post(url, form_data(email="khong-phai-thu", text="ngắn"))
    assert response.status_code == 400
    text = soup_of(response).get_text()
    assert "Địa chỉ thư điện tử không hợp lệ" in text
    assert "Ý kiến cần ít nhất 10 ký tự" in text
    # The form comes back filled in.
    assert soup_of(response).select_one("input[name=name]")["value"] == "Nguyễn Văn Thử"
    assert client.post(url, form_data(name="")).status_code == 400
    assert client.post(url, form_data(website="http://spam")).status_code == 400
    assert client.post(url, form_data(text="x" * 3001)).status_code == 400
    assert client.put(url).status_code == 405
    assert client.get(url, {"da-gui": "abc"}).status_code == 400
    assert ReaderComment.objects.count() == 0


def test_hostile_text_is_stored_cleaned_and_shown_inert(portal, client):
    turn_on(portal["site"])
    article = portal["article"]
    hostile = '<script>alert("x")</script>\u202e{{ 7*7 }} <img src=x onerror=alert(1)>'
    response = client.post(form_url(article), form_data(name=hostile, text=hostile))
    assert response.status_code == 303
    comment = ReaderComment.objects.get()
    assert "\u202e" not in comment.text
    ReaderComment.objects.update(status=ReaderComment.Status.APPROVED)
    html = client.get(article.url).content.decode()
    assert_inert(html)
    assert "&lt;script&gt;" in html


def test_rate_limit_keeps_the_form_filled_in(portal, client, settings):
    settings.PUBLIC_FORMS_CONTACT_LIMIT = 2
    turn_on(portal["site"])
    url = form_url(portal["article"])
    for _ in range(2):
        assert client.post(url, form_data()).status_code == 303
    response = client.post(url, form_data(text="Ý kiến lần thứ ba, vẫn giữ lại."))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Ý kiến lần thứ ba, vẫn giữ lại." in response.content.decode()
    assert ReaderComment.objects.count() == 2


def test_challenge_after_several_submissions(portal, client, settings):
    settings.PUBLIC_FORMS_CHALLENGE_AFTER = 0
    turn_on(portal["site"])
    url = form_url(portal["article"])
    page = soup_of(client.get(url))
    assert page.select_one("fieldset.form-challenge") is not None
    assert client.post(url, form_data()).status_code == 400
    assert ReaderComment.objects.count() == 0


def test_comments_turned_off_meanwhile_give_the_text_back(portal, client):
    turn_on(portal["site"])
    url = form_url(portal["article"])
    client.get(url)
    turn_on(portal["site"], enabled=False)
    response = client.post(url, form_data(text="Nội dung tôi đã viết rất dài."))
    assert response.status_code == 403
    page = soup_of(response)
    assert "không nhận ý kiến" in page.select_one("[role=alert]").get_text()
    assert page.select_one("#returned-text").get_text() == (
        "Nội dung tôi đã viết rất dài."
    )
    assert ReaderComment.objects.count() == 0


def test_database_failure_apologises_and_keeps_the_text(portal, client, monkeypatch):
    turn_on(portal["site"])

    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr(ReaderComment.objects, "create", broken)
    response = client.post(
        form_url(portal["article"]), form_data(text="Ý kiến không được mất đi.")
    )
    assert response.status_code == 503
    assert "Xin lỗi" in response.content.decode()
    assert "Ý kiến không được mất đi." in response.content.decode()


def test_other_pages_called_y_kien_are_still_served(portal, client):
    turn_on(portal["site"])
    page = NewsIndexPageFactory(
        parent=portal["section"], slug="y-kien", title="Ý kiến chuyên gia"
    )
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Ý kiến chuyên gia" in response.content.decode()
    # Not an article: no form page under a section.
    assert client.get(portal["section"].url + "y-kien/khac/").status_code == 404
    assert client.get("/khong-co/y-kien/").status_code == 404
    assert client.get("/en" + form_url(portal["article"])).status_code == 404


def test_another_portals_article_is_not_found(portal, other_portal, client):
    turn_on(portal["site"])
    turn_on(other_portal["site"])
    other = ArticlePageFactory(parent=other_portal["section"], slug="chi-o-quan")
    path = other.get_url_parts()[2] + "y-kien/"
    assert client.get(path, HTTP_HOST="quanthu.localhost").status_code == 200
    # The same path on the city's host names no article there.
    assert client.get(path, HTTP_HOST="localhost").status_code == 404


def test_unpublished_or_restricted_articles_take_no_comments(portal, client):
    from wagtail.models import PageViewRestriction

    turn_on(portal["site"])
    article = portal["article"]
    url = form_url(article)
    PageViewRestriction.objects.create(
        page=article, restriction_type="password", password="x"
    )
    assert client.get(url).status_code == 404
    assert client.post(url, form_data()).status_code == 404
    PageViewRestriction.objects.all().delete()
    article.unpublish()
    assert client.get(url).status_code == 404
    assert ReaderComment.objects.count() == 0
