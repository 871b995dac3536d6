"""The manual (Hướng dẫn sử dụng) in the admin: its pages, images, menu item and PDF."""

import functools
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import trans_real
from wagtail.models import Task, Workflow

from congtin.workspace.manual.chapters import CHAPTERS, ROLES

pytestmark = pytest.mark.django_db

MANUAL_URLS = [reverse("workspace_manual:contents")] + [
    reverse("workspace_manual:chapter", args=[chapter.slug]) for chapter in CHAPTERS
]
PRINT_URL = reverse("workspace_manual:print")
PDF_URL = reverse("workspace_manual:pdf")


class Images(HTMLParser):
    """The images of the manual's figures (not the admin's frame, whose emblem is
    the portal's upload)."""

    def __init__(self):
        super().__init__()
        self.sources: list[str] = []
        self.in_figure = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "figure" and "manual-figure" in (attributes.get("class") or ""):
            self.in_figure = True
        elif tag == "img" and self.in_figure:
            self.sources.append(attributes["src"])

    def handle_endtag(self, tag):
        if tag == "figure":
            self.in_figure = False


def images_of(page: str) -> list[str]:
    parser = Images()
    parser.feed(page)
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


# Chapters written as text only, until scripts/manual_screenshots.py takes theirs.
TEXT_ONLY = {reverse("workspace_manual:chapter", args=["tham-do-y-kien"])}


def test_every_image_the_manual_shows_is_a_static_file(editor_client, settings):
    static = settings.STATIC_URL
    seen = set()
    for url in MANUAL_URLS:
        sources = images_of(editor_client.get(url).text)
        assert sources or url in TEXT_ONLY, f"{url} shows no screenshot"
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


# --- Names of buttons, menus and fields --------------------------------------------

# A chapter marks each name the admin shows (button, tab, menu item, field, message)
# as <span class="ui">; in a name, "&lt;tên cổng&gt;" stands for any portal's name
# and "…" for any text (a number, a title).
UI_NAME = re.compile(r'<span class="ui">(.*?)</span>', re.S)
MANUAL_TEMPLATES = (
    Path(settings.BASE_DIR) / "congtin/workspace/templates/workspace/manual"
)
PROJECT = Path(settings.BASE_DIR) / "congtin"
# gettext's placeholders, and str.format's, in a translation.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sd]|\{\w*\}")
ANY_PORTAL = re.compile(r"<[^<>]+>")
ANY_TEXT = re.compile(r"<[^<>]+>|…")


def marked_names() -> dict[str, list[str]]:
    """Each template of the manual and the names it marks, as the reader sees them."""
    names = {}
    for path in sorted(MANUAL_TEMPLATES.rglob("*.html")):
        marked = [
            " ".join(html.unescape(name).split())
            for name in UI_NAME.findall(path.read_text())
        ]
        if marked:
            names[path.name] = marked
    return names


@functools.cache
def translations() -> tuple[frozenset[str], tuple[re.Pattern, ...]]:
    """The admin's Vietnamese words as the compiled catalogues give them (Python's
    and JavaScript's, the project's over Wagtail's and Django's): plain ones, and
    as patterns the ones with a placeholder."""
    plain, patterns = set(), []
    for domain in ("django", "djangojs"):
        catalog = trans_real.DjangoTranslation("vi", domain=domain)._catalog
        for key in set(catalog.keys()):
            text = catalog[key]
            if PLACEHOLDER.search(text):
                patterns.append(placeholder_pattern(text))
            else:
                plain.update((text, capfirst(text)))
    return frozenset(plain), tuple(patterns)


def placeholder_pattern(text: str) -> re.Pattern:
    """``text`` as a pattern: a quoted placeholder (“%(title)s”) takes any title,
    any other one a number or another of the admin's words (checked by
    ``on_screen``), so that "%(label)s và xuất bản" does not take any words."""
    pattern = ""
    for index, literal in enumerate(PLACEHOLDER.split(text)):
        if index:
            pattern += "[^”]+" if literal.startswith("”") else "(.+)"
        pattern += re.escape(literal)
    return re.compile(pattern)


@functools.cache
def project_text() -> str:
    """The project's own interface: its code and templates, without the manual's
    chapters, tests and migrations."""
    parts = []
    for path in PROJECT.rglob("*"):
        if (
            path.suffix in {".py", ".html", ".js"}
            and not {"tests", "migrations"} & set(path.parts)
            and MANUAL_TEMPLATES not in path.parents
        ):
            parts.append(path.read_text())
    return "\n".join(parts)


def on_screen(name: str, data: frozenset[str] = frozenset()) -> bool:
    """Whether the admin can show ``name``: a Vietnamese translation of Wagtail's or
    Django's, a word of the project's own, or one of ``data`` (names the database
    holds, given for the Lê Chân portal)."""
    plain, patterns = translations()
    sample = ANY_PORTAL.sub("Quận Lê Chân", name)
    if sample in plain or sample in data:
        return True
    # A translation may begin a sentence the screen capitalises (capfirst).
    for text in (sample, sample[:1].lower() + sample[1:]):
        for pattern in patterns:
            match = pattern.fullmatch(text)
            if match and all(
                part.isdigit() or part in plain for part in match.groups()
            ):
                return True
    pattern = ".+?".join(map(re.escape, ANY_TEXT.split(name)))
    return re.search(rf"(?<!\w){pattern}(?!\w)", project_text()) is not None


@pytest.fixture
def workflow_names(demo) -> frozenset[str]:
    """The portals' workflows and their steps, named when a portal is made."""
    return frozenset(Workflow.objects.values_list("name", flat=True)) | frozenset(
        Task.objects.values_list("name", flat=True)
    )


def test_the_compiled_catalogue_is_the_projects():
    # Without make install, Django falls back on Wagtail's own partial catalogue.
    missing = [
        str(po)
        for po in Path(settings.BASE_DIR, "locale").rglob("*.po")
        if not po.with_suffix(".mo").exists()
    ]
    assert not missing, f"not compiled (make install): {missing}"


def test_every_name_the_manual_gives_is_one_the_admin_shows(workflow_names):
    names = marked_names()
    chapters = {f"{chapter.slug}.html" for chapter in CHAPTERS}
    assert chapters <= set(names), "a chapter marks no name"
    unknown = {
        template: [name for name in marked if not on_screen(name, workflow_names)]
        for template, marked in names.items()
    }
    assert not {template: bad for template, bad in unknown.items() if bad}


def test_a_name_the_admin_does_not_show_is_caught(workflow_names):
    # Wagtail's words the catalogue translates, the project's, a step's name.
    assert on_screen("Lưu nháp")
    assert on_screen("Phê duyệt kèm ý kiến và xuất bản")
    assert on_screen("Gửi đến quy trình duyệt “Duyệt tin - <tên cổng>”")
    assert on_screen("Lý do thu hồi")
    assert on_screen("Biên tập (<tên cổng>)", workflow_names)
    assert not on_screen("Biên tập (<tên cổng>)")
    # English, a wording the catalogue no longer has, a part of a word.
    assert not on_screen("Save draft")
    assert not on_screen("Gửi duyệt ngay")
    assert not on_screen("Thu hồi bài viết này")
    assert not on_screen("Lưu n")
