"""The demo's polls: an open one on the Hải Phòng home page, a closed one with
results on Lê Chân; loading again adds nothing."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import Site

from congtin.polls.demo import load_polls_demo
from congtin.polls.models import Poll, PollOption

pytestmark = pytest.mark.django_db


def html_of(host, url):
    response = Client(HTTP_HOST=host).get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_demo_polls(full_demo):
    city = Site.objects.get(hostname="localhost")
    lechan = Site.objects.get(hostname="lechan.localhost")
    polls = list(Poll.objects.all())
    assert len(polls) == 2 and all("(Minh họa)" in p.question for p in polls)

    box = html_of("localhost", "/").select_one(".poll-box")
    assert "dịch vụ công trực tuyến" in box.legend.get_text()
    assert len(box.select("input[type=radio][name=option]")) == 4

    lechan_poll = Poll.objects.get(site=lechan)
    assert not lechan_poll.is_open and lechan_poll.voters == 556
    assert html_of("lechan.localhost", "/").select_one(".poll-box") is None
    listing = html_of("lechan.localhost", "/tham-do-y-kien/")
    results = " ".join(listing.select_one(".poll-results").get_text(" ").split())
    assert "Tổng số lượt bình chọn: 556" in results
    assert "Thủ tục hành chính 241 phiếu (43%)" in results

    before = (Poll.objects.count(), PollOption.objects.count(), lechan_poll.voters)
    load_polls_demo(city, lechan)
    lechan_poll.refresh_from_db()
    assert (Poll.objects.count(), PollOption.objects.count(), lechan_poll.voters) == (
        before
    )
