"""A question whose name or title hides direction overrides, invisible characters
or stray marks is stored, and shown to staff, as the letters a reader sees."""

from bs4 import BeautifulSoup
from django.urls import reverse

from congtin.questions.models import Question

from .conftest import ASK_URL, shared_portals, valid_data

QUEUE = "wagtailsnippets_questions_question:list"
EDIT = "wagtailsnippets_questions_question:edit"
HIDDEN = ("\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\u00ad", "\U000e0041")


@shared_portals
def test_question_is_stored_and_listed_without_spoofing_characters(
    portals, lechan_client
):
    data = valid_data(
        portals,
        # "Nguyễn" typed in NFD, with a zero-width space, an override and a tag.
        name="\u0301Nguye\u0302\u0303n\u200b V\u00adăn\u202e An\U000e0041",
        title="Hỏi về \u2066thủ tục\u2069 đăng ký \u0323\u0323khai sinh\ufeff",
        text="Xin hỏi\u200d thủ tục \u0301cần giấy tờ gì?\u202c",
    )
    assert lechan_client.post(ASK_URL, data).status_code == 302
    question = Question.objects.get()
    assert question.name == "Nguyễn Văn An"
    assert question.title == "Hỏi về thủ tục đăng ký khai sinh"
    assert question.text == "Xin hỏi thủ tục cần giấy tờ gì?"

    lechan_client.force_login(portals.lechan_editor)
    listing = lechan_client.get(reverse(QUEUE)).content.decode()
    cells = [
        td.get_text(strip=True)
        for td in BeautifulSoup(listing, "html.parser").select("table.listing td")
    ]
    assert "Hỏi về thủ tục đăng ký khai sinh" in cells
    edit = lechan_client.get(reverse(EDIT, args=[question.pk])).content.decode()
    assert "Nguyễn Văn An" in edit
    for page in (listing, edit):
        assert not any(char in page for char in HIDDEN)


@shared_portals
def test_a_name_of_only_invisible_characters_is_refused(portals, lechan_client):
    data = valid_data(
        portals, name="\u0301\u200b\u202e\u3164 \ufe0f", text="Nội dung giữ lại"
    )
    response = lechan_client.post(ASK_URL, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vui lòng điền mục này" in body
    assert "Nội dung giữ lại" in body
    assert not Question.objects.exists()
