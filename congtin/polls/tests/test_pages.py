"""Where polls show: the home page and an article (shared, cached pages: a form
without token and without counts), the portal's list, and the minute job that
makes cached pages follow the clock."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from congtin.news.models import ArticlePage, NewsIndexPage
from congtin.pagecache import purge
from congtin.polls import services
from congtin.polls.models import Poll, PollState
from congtin.polls.views import PER_PAGE

from .conftest import CITY, OTHER, shared_portals
from .factories import make_poll

pytestmark = [pytest.mark.django_db, shared_portals]


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def html_of(url, host=CITY, status=200):
    response = Client(HTTP_HOST=host).get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def add_article(home, poll=None, title="Bài có thăm dò"):
    section = NewsIndexPage.objects.descendant_of(home).first()
    article = ArticlePage(
        title=title,
        lead="Sapo.",
        body=[("paragraph", "<p>Nội dung.</p>")],
        poll=poll,
    )
    section.add_child(instance=article)
    article.save_revision().publish()
    return article


def test_the_home_page_shows_its_portals_newest_home_poll(portals):
    city = portals["city"]
    assert html_of("/").select_one(".poll-box") is None
    make_poll(
        city.site,
        question="Câu hỏi cũ?",
        on_home_page=True,
        opens_at=timezone.now() - timedelta(days=5),
    )
    newest = make_poll(city.site, question="Câu hỏi mới?", on_home_page=True)
    make_poll(city.site, question="Không đặt trên trang chủ?")
    make_poll(portals["other"].site, question="Của quận?", on_home_page=True)
    box = html_of("/").select_one(".poll-box")
    form = box.select_one("form.poll-form")
    assert text(form.legend) == "Câu hỏi mới?"
    assert form["action"] == newest.get_url()
    # Shared by every reader: no token, no counts, no cookie.
    assert not box.select("input[name=csrfmiddlewaretoken]")
    assert box.select_one(".poll-results") is None
    response = Client(HTTP_HOST=CITY).get("/")
    assert not response.cookies
    assert text(html_of("/", host=OTHER).select_one(".poll-box legend")) == "Của quận?"
    # Closed or hidden: gone from the home page at once.
    Poll.objects.filter(pk=newest.pk).update(live=False)
    newest.live = False
    newest.save()
    assert text(html_of("/").select_one(".poll-box legend")) == "Câu hỏi cũ?"


def test_an_article_shows_its_poll_and_a_vote_from_it_counts(portals):
    city = portals["city"]
    poll = make_poll(city.site, question="Bạn có đồng ý với đề xuất?")
    article = add_article(city.home, poll)
    html = html_of(article.url)
    aside = html.select_one(".article-poll")
    assert text(aside.legend) == "Bạn có đồng ý với đề xuất?"
    assert not aside.select("input[name=csrfmiddlewaretoken]")
    option = aside.select("input[name=option]")[1]["value"]
    response = Client(HTTP_HOST=CITY).post(
        aside.form["action"],
        {"option": option},
        HTTP_ORIGIN=f"http://{CITY}",
        HTTP_REFERER=f"http://{CITY}{article.url}",
    )
    assert response.status_code == 303
    poll.refresh_from_db()
    assert poll.voters == 1
    # Closed: the article links the results instead of a form.
    poll.closes_at = timezone.now()
    poll.save()
    aside = html_of(article.url).select_one(".article-poll")
    assert aside.form is None
    assert aside.select_one("a")["href"] == poll.get_url()
    assert "Xem kết quả" in text(aside)


def test_an_article_never_shows_another_portals_poll(portals):
    theirs = make_poll(portals["other"].site, question="Của quận?")
    article = add_article(portals["city"].home, theirs)
    assert html_of(article.url).select_one(".article-poll") is None
    # Nor does the article form offer it.
    form_class = ArticlePage.get_edit_handler().get_form_class()
    mine = make_poll(portals["city"].site, question="Của thành phố?")
    form = form_class(instance=article, parent_page=article.get_parent(), for_user=None)
    assert list(form.fields["poll"].queryset) == [mine]


def test_the_list_shows_open_polls_and_the_results_of_closed_ones(portals):
    site = portals["city"].site
    now = timezone.now()
    closed = make_poll(
        site,
        question="Đã kết thúc?",
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=20),
        show_results=Poll.Results.AFTER_CLOSE,
    )
    Poll.objects.filter(pk=closed.pk).update(voters=4)
    closed.options.filter(sort_order=0).update(votes=3)
    closed.options.filter(sort_order=1).update(votes=1)
    make_poll(site, question="Đang mở?")
    make_poll(
        site,
        question="Sắp mở?",
        opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(days=2),
    )
    make_poll(site, question="Đang ẩn?", live=False)
    make_poll(portals["other"].site, question="Của quận?")
    html = html_of("/tham-do-y-kien/")
    entries = html.select(".poll-entry")
    assert [text(e.h2) for e in entries] == ["Đang mở?", "Đã kết thúc?"]
    assert entries[0].select_one(".poll-results") is None
    assert "Tham gia bình chọn" in text(entries[0])
    results = text(entries[1].select_one(".poll-results"))
    assert "Tổng số lượt bình chọn: 4" in results
    assert "Có 3 phiếu (75%)" in results and "Không 1 phiếu (25%)" in results


def test_the_list_is_paginated_and_ignores_a_bad_page_number(portals):
    site = portals["city"].site
    for n in range(PER_PAGE + 2):
        make_poll(
            site,
            question=f"Câu hỏi {n}?",
            opens_at=timezone.now() - timedelta(hours=n + 1),
        )
    first = html_of("/tham-do-y-kien/")
    assert len(first.select(".poll-entry")) == PER_PAGE
    assert first.select_one(".pagination a[rel=next]")["href"] == "?trang=2"
    second = html_of("/tham-do-y-kien/?trang=2")
    assert len(second.select(".poll-entry")) == 2
    for junk in ("abc", "0", "9" * 40, "-1"):
        assert len(html_of(f"/tham-do-y-kien/?trang={junk}").select(".poll-entry"))
    assert "Cổng chưa có cuộc thăm dò" in text(html_of("/tham-do-y-kien/", host=OTHER))
    assert Client(HTTP_HOST=CITY).post("/tham-do-y-kien/").status_code == 405


def test_the_minute_job_purges_when_the_clock_opens_or_closes_a_poll(
    portals, monkeypatch
):
    now = timezone.now()
    poll = make_poll(
        portals["city"].site,
        opens_at=now + timedelta(minutes=1),
        closes_at=now + timedelta(minutes=3),
        on_home_page=True,
    )
    assert poll.announced_state == PollState.UPCOMING
    purges = []
    monkeypatch.setattr(purge, "_changed", lambda parts: purges.append(parts))
    assert services.announce_state_changes(now) == 0
    assert purges == []
    assert services.announce_state_changes(now + timedelta(minutes=2)) == 1
    assert purges == [True]
    assert services.announce_state_changes(now + timedelta(minutes=2)) == 0
    assert services.announce_state_changes(now + timedelta(minutes=4)) == 1
    poll.refresh_from_db()
    assert poll.announced_state == PollState.CLOSED
    assert len(purges) == 2
