"""Hostile input into every field: nothing runs, nothing answers 500, valid input kept.

One test loops over the shared list (congtin/core/tests/hostile_inputs.py) for each
field, then shows every accepted comment on the public page and in the admin.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from congtin.consultations.models import DraftComment
from congtin.core.public_forms import clean_text
from congtin.core.tests.hostile_inputs import HOSTILE_INPUTS, MARK
from congtin.core.tests.hostile_inputs import assert_inert as assert_fragment_inert

from .conftest import form_data, png_bytes

pytestmark = pytest.mark.django_db

FILLER = " - góp ý đủ dài"


def _main(html: str) -> str:
    """The page's <main> element as text: parsing only it keeps the loop quick."""
    start, end = html.find("<main"), html.rfind("</main>")
    return html[start : end + len("</main>")] if start >= 0 and end > start else html


def assert_inert(html, where, selector="main"):
    """The shared check on the part of the page showing citizens' text (the
    portal's header and Wagtail's admin use SVG icons), and no script anywhere on
    the page carries the cases' mark. Returns the parsed part."""
    soup = BeautifulSoup(_main(html) if selector == "main" else html, "html.parser")
    parts = soup.select(selector)
    assert parts, (where, selector)
    for part in parts:
        assert_fragment_inert(str(part), where)
    # Real script elements only: escaped text reads "&lt;script".
    for script in re.findall(r"<script\b.*?</script>", html, re.S | re.I):
        assert MARK not in script, where
    return soup


def test_hostile_inputs_in_every_field(portal, client, settings, django_user_model):
    settings.PUBLIC_FORMS_IP_LIMIT = 100_000
    settings.PUBLIC_FORMS_CONTACT_LIMIT = 100_000
    client.defaults["HTTP_HOST"] = "localhost"
    page = portal["open"]
    url = page.get_url(current_site=page.get_site())
    assert len(HOSTILE_INPUTS) >= 50
    expected = []  # (name, text) of every accepted comment
    statuses = {}
    for case in HOSTILE_INPUTS:
        for field in ("name", "contact", "text"):
            value = case + FILLER if field == "text" else case
            data = form_data(**{field: value})
            response = client.post(url, data)
            where = f"{field}={case!r}"
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            assert response.status_code in (303, 400), where
            if response.status_code == 303:
                expected.append(
                    (clean_text(data["name"]), clean_text(data["text"], True))
                )
            else:
                soup = assert_inert(response.content.decode(), where)
                # What the citizen wrote comes back, cleaned but not lost.
                textarea = soup.select_one("textarea[name=text]").get_text()
                assert textarea.removeprefix("\n") == clean_text(data["text"], True)
        # A hostile file name with a real image: stored under a random name.
        upload = SimpleUploadedFile(f"{case[:80]}.png", png_bytes(), "image/png")
        response = client.post(url, {**form_data(), "attachment": upload})
        assert response.status_code == 303, case
        expected.append(
            (clean_text(form_data()["name"]), clean_text(form_data()["text"], True))
        )

    # Both outcomes happen: the list holds valid text as well as invalid contacts.
    assert statuses[303] > 56 and statuses[400] > 50
    comments = DraftComment.objects.order_by("pk")
    assert [(c.name, c.text) for c in comments] == expected
    for comment in comments.exclude(attachment=""):
        assert "/" not in comment.attachment.name.removeprefix("consultations/")
        assert comment.attachment.name.endswith(".png")
    comments.update(status=DraftComment.Status.APPROVED)

    # The public page shows every comment as the same text, and nothing acts.
    html = client.get(url).content.decode()
    assert_inert(html, "public page")
    soup = BeautifulSoup(html, "html.parser")
    shown = [p.get_text() for p in soup.select(".comment-list .comment__text")]
    assert shown == [text for _, text in expected]

    # So do the moderation queue and each comment's page in the admin.
    admin = django_user_model.objects.create_superuser(
        "kiemduyet", "k@example.com", "x"
    )
    client.force_login(admin)
    queue = client.get("/admin/gop-y-du-thao/", {"status": "all"})
    assert queue.status_code == 200
    assert_inert(queue.content.decode(), "admin queue", "table.listing tbody")
    for comment in comments[:: max(1, len(expected) // 20)]:
        response = client.get(f"/admin/gop-y-du-thao/{comment.pk}/")
        assert response.status_code == 200
        assert_inert(
            response.content.decode(),
            f"admin comment {comment.pk}",
            "dl, .comment-text",
        )
        text = BeautifulSoup(response.content, "html.parser").select_one(
            ".comment-text"
        )
        assert text.get_text() == comment.text
