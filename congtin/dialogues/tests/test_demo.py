"""What the demo adds: an ended dialogue with its transcript on the city portal and
an upcoming one on Lê Chân, shown on the public pages; loading again adds nothing."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from wagtail.models import Site

from congtin.dialogues.models import ENDED, UPCOMING, DialoguePage, DialogueQuestion

pytestmark = pytest.mark.django_db


def text_of(host, url):
    response = Client(HTTP_HOST=host).get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser").get_text(" ")


def test_demo_dialogues(full_demo):
    city = Site.objects.get(hostname="localhost")
    lechan = Site.objects.get(hostname="lechan.localhost")
    ended = DialoguePage.objects.live().descendant_of(city.root_page).get()
    upcoming = DialoguePage.objects.live().descendant_of(lechan.root_page).get()
    assert ended.status() == ENDED and upcoming.status() == UPCOMING
    assert "(Minh họa)" in ended.title and "(Minh họa)" in upcoming.title
    assert ended.is_illustrative and upcoming.is_illustrative
    assert ended.transcript().count() == 3
    page = text_of("localhost", ended.url)
    assert "Câu hỏi 3" in page and "Đã kết thúc" in page
    assert "minh họa" in page
    assert "Buổi đối thoại chưa bắt đầu." in text_of("lechan.localhost", upcoming.url)
    assert "Gửi câu hỏi" in text_of("lechan.localhost", upcoming.url + "gui-cau-hoi/")
    assert ended.title in text_of("localhost", "/doi-thoai-truc-tuyen/")

    before = (DialoguePage.objects.count(), DialogueQuestion.objects.count())
    call_command("load_demo", port=80, stdout=io.StringIO())
    assert (DialoguePage.objects.count(), DialogueQuestion.objects.count()) == before
