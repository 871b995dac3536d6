"""The public pages: the list, a dialogue and its transcript, the live updates."""

import json

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from congtin.dialogues.models import DialogueQuestion
from congtin.pagecache import store
from congtin.pagecache.tests.helpers import commit_pending_purges

from .conftest import answered
from .factories import DialogueQuestionFactory

pytestmark = pytest.mark.django_db
Status = DialogueQuestion.Status


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_the_list_shows_each_dialogue_with_its_status(portal, client):
    response = client.get("/doi-thoai-truc-tuyen/")
    assert response.status_code == 200
    text = soup(response).get_text(" ", strip=True)
    for label in ("Đang diễn ra", "Đã kết thúc", "Sắp diễn ra"):
        assert label in text
    assert portal["live"].title in text
    # Junk in the page number is the first page.
    assert client.get("/doi-thoai-truc-tuyen/?trang=%C2%B2").status_code == 200


def test_a_live_dialogue_shows_only_answers_and_never_contacts(portal, client):
    live = portal["live"]
    answered(
        live,
        "Câu hỏi đã trả lời?",
        "Câu trả lời công khai.",
        name="Trần Thị Hoa",
        place="phường Máy Tơ",
        contact="0912345678",
    )
    for status, text in (
        (Status.WAITING, "Câu hỏi chờ duyệt"),
        (Status.APPROVED, "Câu hỏi chờ trả lời"),
        (Status.REJECTED, "Câu hỏi bị loại"),
    ):
        DialogueQuestionFactory(dialogue=live, status=status, text=text)
    response = client.get(live.url)
    assert response.status_code == 200
    page = soup(response)
    text = page.get_text(" ", strip=True)
    assert "Trần Thị Hoa (phường Máy Tơ) hỏi:" in text
    assert "Câu trả lời công khai." in text
    assert "Phó Chủ tịch UBND (thử) trả lời" in text
    for hidden in ("Câu hỏi chờ duyệt", "Câu hỏi chờ trả lời", "Câu hỏi bị loại"):
        assert hidden not in text
    assert "0912345678" not in response.content.decode()
    assert "@example.com" not in response.content.decode()
    # A cacheable page: no form, no CSRF token, no cookie.
    assert not page.find("form", method="post")
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies
    # While live: the script, its endpoint, a polite live region, and a reload link.
    updates = page.find(attrs={"data-dialogue-updates": True})
    assert updates["data-url"] == live.url + "cap-nhat/"
    assert updates["data-last"] == "1"
    assert page.find(attrs={"aria-live": "polite"})
    assert page.find("script", src=lambda s: s and "dialogues.js" in s)
    assert page.find("a", string="Tải lại trang")
    assert page.find("a", href=live.url + "gui-cau-hoi/")


def test_an_ended_dialogue_keeps_its_transcript_and_takes_no_questions(portal, client):
    ended = portal["ended"]
    answered(ended, "Câu hỏi thứ nhất?", "Trả lời thứ nhất.")
    answered(ended, "Câu hỏi thứ hai?", "Trả lời thứ hai.")
    page = soup(client.get(ended.url))
    text = page.get_text(" ", strip=True)
    assert text.index("Trả lời thứ nhất.") < text.index("Trả lời thứ hai.")
    assert "Câu hỏi 1" in text and "Câu hỏi 2" in text
    assert "Kết luận thử của lãnh đạo." in text
    assert "không nhận thêm câu hỏi" in text
    assert not page.find("a", href=ended.url + "gui-cau-hoi/")
    assert not page.find(attrs={"data-dialogue-updates": True})


def test_an_upcoming_dialogue_invites_questions(portal, client):
    page = soup(client.get(portal["upcoming"].url))
    assert "Buổi đối thoại chưa bắt đầu." in page.get_text(" ", strip=True)
    assert page.find("a", href=portal["upcoming"].url + "gui-cau-hoi/")
    # The conclusion is only for after the session.
    assert "Kết luận buổi đối thoại" not in page.get_text()


def test_updates_give_the_answers_after_the_last_one_shown(portal, client):
    live = portal["live"]
    first = answered(live, "Câu một?", "Trả lời một.")
    answered(live, "Câu hai <script>alert(1)</script>?", "Trả lời hai.")
    DialogueQuestionFactory(dialogue=live, status=Status.APPROVED, text="Chưa trả lời")
    response = client.get(live.url + "cap-nhat/", {"sau": first.order})
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["status"] == "dang-dien-ra" and not data["ended"]
    assert [item["order"] for item in data["items"]] == [2]
    assert data["last"] == 2 and not data["more"]
    html = data["items"][0]["html"]
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "Chưa trả lời" not in response.content.decode()
    # Nothing new: the same place back.
    data = json.loads(client.get(live.url + "cap-nhat/?sau=2").content)
    assert data["items"] == [] and data["last"] == 2
    ended = json.loads(client.get(portal["ended"].url + "cap-nhat/").content)
    assert ended["ended"] and ended["status_label"] == "Đã kết thúc"


@pytest.mark.parametrize("value", ["-1", "abc", "²", "1" * 30, "1.5"])
def test_a_bad_place_is_a_400_in_vietnamese(portal, client, value):
    response = client.get(portal["live"].url + "cap-nhat/", {"sau": value})
    assert response.status_code == 400
    assert "không hợp lệ" in json.loads(response.content)["error"]


def test_updates_and_the_page_take_no_post(portal, client):
    assert client.post(portal["live"].url + "cap-nhat/").status_code == 405
    assert client.post(portal["live"].url).status_code == 405


@pytest.fixture
def page_cache():
    store.shared_cache().clear()
    with override_settings(PAGE_CACHE_SECONDS=600):
        yield


def test_an_answer_reaches_cached_pages_and_a_new_question_does_not_purge(
    portal, client, page_cache, django_capture_on_commit_callbacks
):
    live = portal["live"]
    question = DialogueQuestionFactory(dialogue=live, status=Status.APPROVED)
    commit_pending_purges()
    client.get(live.url)
    client.get(live.url + "cap-nhat/?sau=0")
    assert client.get(live.url)["X-Page-Cache"] == "hit"
    assert client.get(live.url + "cap-nhat/?sau=0")["X-Page-Cache"] == "hit"
    # Questions arriving change no public page.
    with django_capture_on_commit_callbacks(execute=True):
        DialogueQuestionFactory(dialogue=live)
    assert client.get(live.url)["X-Page-Cache"] == "hit"
    question.answer = "Câu trả lời vừa đăng."
    question.status = Status.ANSWERED
    with django_capture_on_commit_callbacks(execute=True):
        question.save()
    again = client.get(live.url)
    assert again["X-Page-Cache"] == "miss"
    assert "Câu trả lời vừa đăng." in again.content.decode()
    data = json.loads(client.get(live.url + "cap-nhat/?sau=0").content)
    assert [item["order"] for item in data["items"]] == [1]
    # Taking the answer back purges too.
    question.status = Status.REJECTED
    with django_capture_on_commit_callbacks(execute=True):
        question.save()
    assert "Câu trả lời vừa đăng." not in client.get(live.url).content.decode()


def test_the_clock_purges_when_a_dialogue_starts_or_ends(portal, page_cache):
    from datetime import timedelta

    from django.utils import timezone

    from congtin.dialogues import clock

    cache = store.shared_cache()
    cache.set(clock.LAST_ROUND_KEY, (timezone.now() - timedelta(minutes=1)).timestamp())
    assert clock.purge_on_start_or_end() is None
    portal["upcoming"].starts_at = timezone.now() - timedelta(seconds=5)
    portal["upcoming"].save()
    cache.set(clock.LAST_ROUND_KEY, (timezone.now() - timedelta(minutes=1)).timestamp())
    assert "vừa bắt đầu hoặc kết thúc" in clock.purge_on_start_or_end()
    # The next round has nothing new.
    assert clock.purge_on_start_or_end() is None


def test_contacts_are_erased_a_year_after_the_session(portal, settings):
    from datetime import timedelta

    from django.core.cache import cache
    from django.utils import timezone

    from congtin.dialogues import retention

    settings.DIALOGUES_CONTACT_RETENTION_DAYS = 2
    old = DialogueQuestionFactory(dialogue=portal["ended"], contact="0912345678")
    recent = DialogueQuestionFactory(dialogue=portal["live"], contact="a@example.com")
    cache.delete(retention.DAY_KEY)
    assert "1 người hỏi" in retention.erase_daily()
    assert retention.erase_daily() is None  # once a day
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.contact == "" and old.contact_erased_at is not None
    assert old.name and old.text
    assert recent.contact == "a@example.com"
    # Counted from the end of the session, not the question.
    assert retention.erase_contacts(now=timezone.now() + timedelta(days=3)) == 1
