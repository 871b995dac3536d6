"""The question form: its own uncached page, the shared safety, closing time."""

import pytest
from bs4 import BeautifulSoup

from congtin.dialogues.models import DialogueQuestion

from .conftest import ask_data

pytestmark = pytest.mark.django_db


def form_url(page):
    return page.url + "gui-cau-hoi/"


def test_the_form_is_on_its_own_page_with_a_token(portal, client):
    response = client.get(form_url(portal["live"]))
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    form = page.find("form", method="post")
    names = {c.get("name") for c in form.select("input, textarea")}
    assert {"name", "place", "contact", "text", "website"} <= names
    assert "csrfmiddlewaretoken" in names
    # The token's cookie keeps this page out of every cache.
    assert "csrftoken" in response.cookies
    assert "không bao giờ công khai" in page.get_text()


def test_a_question_is_saved_waiting_and_private(portal, client):
    live = portal["live"]
    response = client.post(form_url(live), ask_data())
    assert response.status_code == 303
    assert response["Location"] == form_url(live) + "?da-gui=1"
    question = DialogueQuestion.objects.get()
    assert question.status == DialogueQuestion.Status.WAITING
    assert question.site == portal["site"] and question.dialogue == live
    assert question.contact == "thu@example.com"
    assert question.place == "phường Trần Nguyên Hãn"
    thanks = client.get(response["Location"]).content.decode()
    assert "Cảm ơn bạn đã gửi câu hỏi" in thanks
    # Not public until answered.
    assert "Khi nào phường" not in client.get(live.url).content.decode()


def test_questions_are_taken_before_the_session_and_contact_is_optional(portal, client):
    response = client.post(form_url(portal["upcoming"]), ask_data(contact=""))
    assert response.status_code == 303
    assert DialogueQuestion.objects.get().contact == ""


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"text": "Ngắn"}, "ít nhất 10 ký tự"),
        ({"name": ""}, ""),
        ({"contact": "khong-phai-email"}, "số điện thoại hợp lệ"),
        ({"text": "x" * 3001}, ""),
    ],
)
def test_bad_input_comes_back_filled_in(portal, client, overrides, message):
    response = client.post(form_url(portal["live"]), ask_data(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert "vui lòng sửa các mục" in html
    assert message in html
    assert "Nguyễn Văn Thử" in html or overrides.get("name") == ""
    assert not DialogueQuestion.objects.exists()


def test_the_honeypot_saves_nothing(portal, client):
    response = client.post(form_url(portal["live"]), ask_data(website="http://x"))
    assert response.status_code == 400
    assert not DialogueQuestion.objects.exists()


def test_after_the_end_nothing_is_taken_and_the_text_is_given_back(portal, client):
    ended = portal["ended"]
    page = client.get(form_url(ended))
    assert page.status_code == 200
    assert "đã kết thúc" in page.content.decode()
    assert b'method="post"' not in page.content
    response = client.post(form_url(ended), ask_data(text="Câu hỏi gửi muộn <b>x</b>"))
    assert response.status_code == 410
    html = response.content.decode()
    assert "không nhận thêm câu hỏi" in html
    assert "Câu hỏi gửi muộn &lt;b&gt;x&lt;/b&gt;" in html
    assert not DialogueQuestion.objects.exists()


def test_too_many_questions_from_one_address_are_refused(portal, client, settings):
    settings.PUBLIC_FORMS_IP_LIMIT = 2
    url = form_url(portal["live"])
    for n in range(2):
        assert (
            client.post(url, ask_data(contact=f"a{n}@example.com")).status_code == 303
        )
    response = client.post(url, ask_data(contact="b@example.com"))
    assert response.status_code == 429
    assert response["Retry-After"]
    assert "Khi nào phường" in response.content.decode()
    assert DialogueQuestion.objects.count() == 2


def test_hostile_text_stays_text_on_every_page(portal, client):
    from congtin.core.tests.hostile_inputs import assert_inert

    live = portal["live"]
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client.post(form_url(live), ask_data(name=hostile, place=hostile, text=hostile * 2))
    question = DialogueQuestion.objects.get()
    question.answer = hostile
    question.status = DialogueQuestion.Status.ANSWERED
    question.save()
    html = client.get(live.url).content.decode()
    assert_inert(html)
    assert "&lt;script&gt;" in html
