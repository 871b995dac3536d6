"""Every hostile or malformed case in every field: inert, no 500, nothing lost."""

from django.urls import reverse

from congtin.core.public_forms import clean_text
from congtin.core.tests.hostile_inputs import HOSTILE_INPUTS, assert_inert
from congtin.questions import workflow
from congtin.questions.models import AnswerPage, Question

from .conftest import ASK_URL, shared_portals, valid_data

TEXT_FIELDS = {"name": 200, "address": 300, "title": 300, "text": 10000}
REQUIRED = {"name", "title", "text"}


def expected_ok(case) -> bool:
    for field, limit in TEXT_FIELDS.items():
        value = clean_text(case, multiline=field == "text")
        if len(value) > limit or (field in REQUIRED and not value):
            return False
    return True


@shared_portals
def test_hostile_inputs_in_every_field(portals, lechan_client, client, settings):
    settings.PUBLIC_FORMS_IP_LIMIT = 10_000
    settings.PUBLIC_FORMS_CONTACT_LIMIT = 10_000
    settings.PUBLIC_FORMS_CHALLENGE_AFTER = None
    assert len(HOSTILE_INPUTS) >= 50
    stored = []
    for n, case in enumerate(HOSTILE_INPUTS):
        # The case in every text field at once.
        data = valid_data(portals, email=f"n{n}@example.com")
        data.update({field: case for field in TEXT_FIELDS})
        response = lechan_client.post(ASK_URL, data)
        assert response.status_code != 500, case
        if expected_ok(case):
            assert response.status_code == 302, (case, response.content[:3000])
            question = Question.objects.get(email=f"n{n}@example.com")
            for field in TEXT_FIELDS:
                # Kept as typed (cleaned of control characters), markup and all.
                assert getattr(question, field) == clean_text(
                    case, multiline=field == "text"
                ), (case, field)
            stored.append(question)
            if n % 4 == 0:
                page = lechan_client.get(response["Location"])
                assert page.status_code == 200
                assert_inert(page.content.decode(), f"tracking {case!r}")
        else:
            assert response.status_code == 400, case
            assert_inert(response.content.decode(), f"form {case!r}")
        # The case as e-mail and as phone at once: refused or accepted, and the
        # rest of what was written is kept in the form.
        data = valid_data(portals, email=case, phone=case, title=f"Giữ lại {n}")
        response = lechan_client.post(ASK_URL, data)
        assert response.status_code in (302, 400), case
        if response.status_code == 400:
            body = response.content.decode()
            assert f"Giữ lại {n}" in body
            assert_inert(body, f"contact {case!r}")
    assert len(stored) >= 45

    # Published: the answer pages, the list and the search show text only.
    editor = portals.lechan_chief
    for question in stored[::9]:
        question.answer = question.text
        page = workflow.submit_answer(question, editor)
        page.get_latest_revision().publish()
    assert AnswerPage.objects.live().count() >= 5
    for page in AnswerPage.objects.live():
        response = lechan_client.get(page.url)
        assert response.status_code == 200
        assert_inert(response.content.decode(), f"answer {page.title!r}")
    assert_inert(lechan_client.get("/hoi-dap/").content.decode(), "list")
    search = lechan_client.get("/tim-kiem/", {"q": "script alert"})
    assert search.status_code == 200
    assert_inert(search.content.decode(), "search")

    # The admin queue and a question's form show citizen text as text too.
    client.force_login(portals.lechan_editor)
    listing = client.get(reverse("wagtailsnippets_questions_question:list"))
    assert listing.status_code == 200
    assert_inert(listing.content.decode(), "admin list")
    for question in stored[::15]:
        edit = client.get(
            reverse("wagtailsnippets_questions_question:edit", args=[question.pk])
        )
        assert edit.status_code == 200
        assert_inert(edit.content.decode(), f"admin edit {question.title!r}")
