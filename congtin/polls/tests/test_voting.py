"""Voting as a reader does it: the poll's page, the vote, its cookie and limits,
results per the editor's choice, and every refusal a 4xx in Vietnamese."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from congtin.pagecache import purge
from congtin.polls.models import Poll, PollOption

from .conftest import CITY, OTHER, shared_portals
from .factories import make_poll

pytestmark = [pytest.mark.django_db, shared_portals]


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def reader(host=CITY, **extra) -> Client:
    return Client(HTTP_HOST=host, **extra)


def page_of(client, poll):
    response = client.get(poll.get_url())
    assert response.status_code == 200
    return response, BeautifulSoup(response.content.decode(), "html.parser")


def counts(poll) -> tuple[int, list[int]]:
    poll.refresh_from_db()
    return poll.voters, list(
        poll.options.order_by("sort_order").values_list("votes", flat=True)
    )


def option_ids(poll) -> list[int]:
    return list(poll.options.order_by("sort_order").values_list("pk", flat=True))


def vote(client, poll, *choices, **extra):
    return client.post(poll.get_url(), {"option": [str(c) for c in choices]}, **extra)


def test_a_reader_votes_once_and_sees_the_results(portals):
    poll = make_poll(portals["city"].site)
    client = reader()
    response, html = page_of(client, poll)
    # Never kept by a shared cache, no CSRF token, a radio per option.
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    form = html.select_one("form.poll-form")
    assert form["action"] == poll.get_url() and form["method"] == "post"
    assert not form.select("input[name=csrfmiddlewaretoken]")
    radios = form.select("input[type=radio][name=option]")
    assert [int(r["value"]) for r in radios] == option_ids(poll)
    assert "Bạn thấy cổng thông tin có dễ dùng không?" in text(form.legend)
    assert html.select_one(".poll-results") is None

    first = option_ids(poll)[0]
    response = vote(client, poll, first, HTTP_ORIGIN=f"http://{CITY}")
    assert response.status_code == 303
    assert response["Location"] == poll.get_url()
    assert counts(poll) == (1, [1, 0, 0])

    _, html = page_of(client, poll)
    assert "Cảm ơn bạn đã tham gia bình chọn" in text(html.select_one(".poll-messages"))
    results = html.select_one(".poll-results")
    assert "Tổng số lượt bình chọn: 1" in text(results)
    items = [text(li) for li in results.select(".poll-results__item")]
    assert items[0].startswith("Có 1 phiếu (100%)")
    assert items[1].startswith("Không 0 phiếu (0%)")
    assert html.select_one("form.poll-form") is None

    # The same browser again: not counted, told so, no error.
    response = vote(client, poll, option_ids(poll)[1])
    assert response.status_code == 303
    assert counts(poll) == (1, [1, 0, 0])
    _, html = page_of(client, poll)
    assert "chỉ được bình chọn một lần" in text(html.select_one(".poll-messages"))

    # Another browser is another voter.
    assert vote(reader(), poll, option_ids(poll)[1]).status_code == 303
    assert counts(poll) == (2, [1, 1, 0])


def test_the_cookie_is_signed_per_poll(portals):
    poll = make_poll(portals["city"].site)
    other = make_poll(portals["city"].site, question="Câu hỏi thứ hai?")
    client = reader()
    vote(client, poll, option_ids(poll)[0])
    cookie = client.cookies[f"tdyk-{poll.pk}"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    # Copied under the other poll's name it proves nothing.
    client.cookies[f"tdyk-{other.pk}"] = cookie.value
    assert vote(client, other, option_ids(other)[0]).status_code == 303
    assert counts(other) == (1, [1, 0, 0])
    # A forged value neither.
    forged = reader()
    forged.cookies[f"tdyk-{poll.pk}"] = "1"
    assert vote(forged, poll, option_ids(poll)[0]).status_code == 303
    assert counts(poll) == (2, [2, 0, 0])


def test_multiple_choice_counts_each_option_and_one_voter(portals):
    poll = make_poll(portals["city"].site, kind=Poll.Kind.MULTIPLE)
    _, html = page_of(reader(), poll)
    assert len(html.select("form.poll-form input[type=checkbox][name=option]")) == 3
    assert "Có thể chọn nhiều phương án" in text(html.select_one("form.poll-form"))
    ids = option_ids(poll)
    assert vote(reader(), poll, ids[0], ids[2], ids[2]).status_code == 303
    assert counts(poll) == (1, [1, 0, 1])


def test_results_after_close_are_hidden_until_the_poll_ends(portals):
    poll = make_poll(portals["city"].site, show_results=Poll.Results.AFTER_CLOSE)
    client = reader()
    vote(client, poll, option_ids(poll)[2])
    _, html = page_of(client, poll)
    assert html.select_one(".poll-results") is None
    assert "Kết quả sẽ được công bố sau khi" in text(html.select_one(".poll-page"))
    # Closed: everyone sees the results, voter or not.
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now())
    for someone in (client, reader()):
        _, html = page_of(someone, poll)
        assert "Chưa rõ 1 phiếu (100%)" in text(html.select_one(".poll-results"))
        assert html.select_one("form.poll-form") is None


def refused(response, status, phrase):
    assert response.status_code == status, response.status_code
    body = response.content.decode()
    assert phrase in body, body[-2000:]
    assert "private" in response.get("Cache-Control", "") or status == 400


@pytest.mark.parametrize(
    "choices, phrase",
    [
        ([], "Vui lòng chọn ít nhất một phương án"),
        (["999999"], "không có trong cuộc thăm dò"),
        (["abc"], "không có trong cuộc thăm dò"),
        (["١٢"], "không có trong cuộc thăm dò"),
        (["9" * 40], "không có trong cuộc thăm dò"),
        ([str(n) for n in range(1, 30)], "quá nhiều phương án"),
    ],
)
def test_bad_choices_are_refused_and_count_nothing(portals, choices, phrase):
    poll = make_poll(portals["city"].site)
    response = reader().post(poll.get_url(), {"option": choices})
    refused(response, 400, phrase)
    assert counts(poll) == (0, [0, 0, 0])


def test_an_option_of_another_poll_or_several_on_a_single_choice(portals):
    poll = make_poll(portals["city"].site)
    other = make_poll(portals["city"].site, question="Khác?")
    mine, theirs = option_ids(poll), option_ids(other)
    refused(vote(reader(), poll, theirs[0]), 400, "không có trong cuộc thăm dò")
    refused(vote(reader(), poll, mine[0], theirs[0]), 400, "chỉ cho chọn một")
    refused(vote(reader(), poll, mine[0], mine[1]), 400, "chỉ cho chọn một phương án")
    multiple = make_poll(portals["city"].site, kind=Poll.Kind.MULTIPLE)
    # One good and one foreign option: the good one is not counted either.
    refused(
        vote(reader(), multiple, option_ids(multiple)[0], theirs[0]),
        400,
        "không có trong cuộc thăm dò",
    )
    for each in (poll, other, multiple):
        assert counts(each) == (0, [0, 0, 0])


def test_closed_and_future_polls_take_no_vote(portals):
    now = timezone.now()
    closed = make_poll(
        portals["city"].site,
        opens_at=now - timedelta(days=9),
        closes_at=now - timedelta(minutes=1),
    )
    future = make_poll(
        portals["city"].site,
        opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(days=9),
    )
    refused(vote(reader(), closed, option_ids(closed)[0]), 400, "đã kết thúc")
    refused(vote(reader(), future, option_ids(future)[0]), 400, "chưa bắt đầu")
    # The future poll is not shown yet.
    assert reader().get(future.get_url()).status_code == 404
    assert counts(closed) == (0, [0, 0, 0]) and counts(future) == (0, [0, 0, 0])


def test_a_vote_from_another_sites_page_is_refused(portals):
    poll = make_poll(portals["city"].site)
    first = option_ids(poll)[0]
    for headers in (
        {"HTTP_ORIGIN": "https://lua-dao.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://lua-dao.example/trang.html"},
        {"HTTP_ORIGIN": f"http://{OTHER}"},
    ):
        refused(vote(reader(), poll, first, **headers), 403, "chính trang của cổng")
    assert counts(poll) == (0, [0, 0, 0])
    ok = vote(reader(), poll, first, HTTP_REFERER=f"http://{CITY}/tin-tuc/bai/")
    assert ok.status_code == 303
    assert counts(poll) == (1, [1, 0, 0])


def test_the_hidden_field_filled_is_refused(portals):
    poll = make_poll(portals["city"].site)
    response = reader().post(
        poll.get_url(), {"option": option_ids(poll)[0], "website": "http://x.example"}
    )
    refused(response, 400, "ô ẩn")
    assert counts(poll) == (0, [0, 0, 0])


def test_one_address_has_a_limit_per_poll(portals, settings):
    settings.POLLS_VOTES_PER_ADDRESS = 2
    poll = make_poll(portals["city"].site)
    other = make_poll(portals["city"].site, question="Khác?")
    first = option_ids(poll)[0]
    for _ in range(2):
        assert vote(reader(), poll, first).status_code == 303
    response = vote(reader(), poll, first)
    refused(response, 429, "quá nhiều phiếu bình chọn")
    assert response["Retry-After"] == "3600"
    assert counts(poll) == (2, [2, 0, 0])
    # Another address, or another poll from the same address, still votes.
    assert vote(reader(REMOTE_ADDR="203.0.113.9"), poll, first).status_code == 303
    assert vote(reader(), other, option_ids(other)[0]).status_code == 303


def test_polls_of_other_portals_and_hidden_polls_are_not_found(portals):
    poll = make_poll(portals["city"].site)
    hidden = make_poll(portals["city"].site, live=False)
    assert reader(OTHER).get(poll.get_url()).status_code == 404
    assert vote(reader(OTHER), poll, option_ids(poll)[0]).status_code == 404
    assert reader().get(hidden.get_url()).status_code == 404
    assert reader().get("/tham-do-y-kien/99999999/").status_code == 404
    assert reader().put(poll.get_url()).status_code == 405
    assert counts(poll) == (0, [0, 0, 0])


def test_a_vote_does_not_empty_the_page_cache_but_an_edit_does(portals, monkeypatch):
    poll = make_poll(portals["city"].site)
    purges = []
    monkeypatch.setattr(purge, "_changed", lambda parts: purges.append(parts))
    assert vote(reader(), poll, option_ids(poll)[0]).status_code == 303
    assert purges == []
    poll.question = "Câu hỏi đã sửa?"
    poll.save()
    assert purges and all(purges)


def test_an_editors_save_keeps_the_votes_cast_meanwhile(portals):
    poll = make_poll(portals["city"].site)
    stale = Poll.objects.get(pk=poll.pk)
    stale_option = PollOption.objects.get(pk=option_ids(poll)[0])
    vote(reader(), poll, option_ids(poll)[0])
    stale.question = "Câu hỏi sửa sau khi có phiếu?"
    stale.save()
    stale_option.text = "Có (sửa)"
    stale_option.save()
    assert counts(poll) == (1, [1, 0, 0])
    assert poll.question == "Câu hỏi sửa sau khi có phiếu?"
