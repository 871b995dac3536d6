"""The manual (Hướng dẫn sử dụng) in the admin: its pages, images, menu item and PDF."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.urls import reverse

from congtin.workspace.manual.chapters import CHAPTERS, ROLES

pytestmark = pytest.mark.django_db

MANUAL_URLS = [reverse("workspace_manual:contents")] + [
    reverse("workspace_manual:chapter", args=[chapter.slug]) for chapter in CHAPTERS
]
PRINT_URL = reverse("workspace_manual:print")
PDF_URL = reverse("workspace_manual:pdf")


class Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources.append(dict(attrs)["src"])


def images_of(html: str) -> list[str]:
    parser = Images()
    parser.feed(html)
    return parser.sources


@pytest.fixture
def editor_client(client, demo):
    client.force_login(get_user_model().objects.get(username="lechan.bientap"))
    return client


def test_every_manual_page_answers_a_logged_in_editor(editor_client):
    for url in [*MANUAL_URLS, PRINT_URL]:
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert "Hướng dẫn sử dụng" in response.text, url
    # The admin's own frame, with the link to the PDF.
    contents = editor_client.get(MANUAL_URLS[0]).text
    assert 'id="wagtail-sidebar-props"' in contents
    assert f'href="{PDF_URL}"' in contents
    for role in ROLES:
        assert role.name in contents
        for chapter in role.chapters:
            assert chapter.title in contents


def test_an_unknown_chapter_is_not_found(editor_client):
    response = editor_client.get(reverse("workspace_manual:contents") + "khong-co/")
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client, demo):
    for url in [*MANUAL_URLS, PRINT_URL, PDF_URL]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("wagtailadmin_login")), url


def test_every_image_the_manual_shows_is_a_static_file(editor_client, settings):
    static = settings.STATIC_URL
    seen = set()
    for url in MANUAL_URLS:
        sources = images_of(editor_client.get(url).text)
        assert sources, f"{url} shows no screenshot"
        for source in sources:
            assert source.startswith(static), source
            assert finders.find(source.removeprefix(static)), f"{url}: {source}"
            seen.add(source)
    # The printed manual shows the same images, and no other.
    assert set(images_of(editor_client.get(PRINT_URL).text)) == seen


def sidebar_help_menu(html: str) -> str:
    """The JSON the admin's sidebar is drawn from, cut to the Help menu's part."""
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    assert props, "no sidebar in the page"
    text = json.dumps(json.loads(props.group(1)), ensure_ascii=False)
    start = text.index('"name": "help"')
    return text[start:]


def test_the_help_menu_opens_the_manual_and_nothing_outside(editor_client):
    help_menu = sidebar_help_menu(editor_client.get(reverse("wagtailadmin_home")).text)
    assert "Hướng dẫn sử dụng" in help_menu
    assert reverse("workspace_manual:contents") in help_menu
    assert not re.search(r"https?://", help_menu), help_menu


def test_the_pdf_link_answers_with_the_pdf(editor_client):
    response = editor_client.get(PDF_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-")
    assert len(body) > 10_000
