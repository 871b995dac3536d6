"""The staff's side: the answer-live screen and the question list, per portal."""

import pytest

from congtin.dialogues.models import DialogueQuestion
from congtin.editorial.roles import ensure_admin_group
from congtin.portals.models import Role

from .conftest import answered
from .factories import DialogueQuestionFactory

pytestmark = pytest.mark.django_db
Status = DialogueQuestion.Status
SNIPPETS = "/admin/snippets/dialogues/dialoguequestion/"


def live_url(dialogue):
    return f"/admin/doi-thoai/{dialogue.pk}/"


def act_url(dialogue):
    return f"/admin/doi-thoai/{dialogue.pk}/xu-ly/"


def _user(django_user_model, username, group=None):
    user = django_user_model.objects.create_user(username, f"{username}@x.vn", "x")
    if group is not None:
        user.groups.add(group)
    return user


@pytest.fixture
def questions(portal, other_portal):
    return {
        "city": DialogueQuestionFactory(
            dialogue=portal["live"], text="Câu hỏi của thành phố", contact="0912345678"
        ),
        "district": DialogueQuestionFactory(
            dialogue=other_portal["live"], text="Câu hỏi của quận"
        ),
    }


def test_each_portal_sees_and_works_only_its_own(
    portal, other_portal, questions, client, django_user_model
):
    city_editor = _user(django_user_model, "bt", portal["groups"][Role.EDITOR])
    client.force_login(city_editor)
    listing = client.get("/admin/doi-thoai/").content.decode()
    assert portal["live"].title in listing
    assert other_portal["live"].title not in listing
    screen = client.get(live_url(portal["live"]))
    assert screen.status_code == 200
    html = screen.content.decode()
    assert "Câu hỏi của thành phố" in html and "0912345678" in html
    assert "Câu hỏi của quận" not in html
    # The district's dialogue and question do not exist for the city's staff.
    assert client.get(live_url(other_portal["live"])).status_code == 404
    district = questions["district"]
    response = client.post(
        act_url(other_portal["live"]), {"question": district.pk, "action": "approve"}
    )
    assert response.status_code == 404
    # Nor through the city's dialogue.
    response = client.post(
        act_url(portal["live"]), {"question": district.pk, "action": "approve"}
    )
    assert response.status_code == 404
    district.refresh_from_db()
    assert district.status == Status.WAITING
    # The snippet list and edit view likewise.
    snippets = client.get(SNIPPETS).content.decode()
    assert "Câu hỏi của thành phố" in snippets and "Câu hỏi của quận" not in snippets
    assert client.get(f"{SNIPPETS}edit/{district.pk}/").status_code == 404
    assert client.get(f"{SNIPPETS}edit/{questions['city'].pk}/").status_code == 200


def test_the_district_chief_cannot_touch_the_city(
    portal, other_portal, questions, client, django_user_model
):
    chief = _user(django_user_model, "tb", other_portal["groups"][Role.CHIEF])
    client.force_login(chief)
    assert client.get(live_url(other_portal["live"])).status_code == 200
    assert client.get(live_url(portal["live"])).status_code == 404
    city = questions["city"]
    assert client.get(f"{SNIPPETS}edit/{city.pk}/").status_code == 404
    assert client.post(f"{SNIPPETS}delete/{city.pk}/").status_code == 404
    assert DialogueQuestion.objects.filter(pk=city.pk).exists()


def test_approve_then_answer_puts_it_at_the_end_of_the_transcript(
    portal, questions, client, django_user_model
):
    live = portal["live"]
    answered(live, "Câu đã có?", "Trả lời đã có.")
    client.force_login(_user(django_user_model, "bt", portal["groups"][Role.EDITOR]))
    question = questions["city"]
    response = client.post(
        act_url(live), {"question": question.pk, "action": "approve"}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Status.APPROVED
    assert "Câu hỏi của thành phố" not in client.get(live.url).content.decode()
    # An empty answer is refused; nothing changes.
    client.post(act_url(live), {"question": question.pk, "action": "answer"})
    question.refresh_from_db()
    assert question.status == Status.APPROVED
    client.post(
        act_url(live),
        {"question": question.pk, "action": "answer", "answer": "Trả lời mới.\nDòng 2"},
    )
    question.refresh_from_db()
    assert question.status == Status.ANSWERED
    assert question.order == 2
    assert question.answered_by == "Phó Chủ tịch UBND (thử)"
    assert question.answered_at is not None
    page = client.get(live.url).content.decode()
    assert page.index("Trả lời đã có.") < page.index("Trả lời mới.")
    assert "0912345678" not in page
    screen = client.get(live_url(live)).content.decode()
    assert "Đã trả lời (2)" in screen and "Sửa câu trả lời" in screen
    assert screen.index("Trả lời mới.") < screen.index("Trả lời đã có.")


def test_an_unknown_action_or_question_changes_nothing(
    portal, questions, client, django_user_model
):
    live = portal["live"]
    client.force_login(_user(django_user_model, "bt", portal["groups"][Role.EDITOR]))
    question = questions["city"]
    client.post(act_url(live), {"question": question.pk, "action": "xoa"})
    for value in ("", "abc", "²", "9" * 30):
        response = client.post(act_url(live), {"question": value, "action": "approve"})
        assert response.status_code == 404
    question.refresh_from_db()
    assert question.status == Status.WAITING


def test_reporters_read_but_do_not_act_and_others_see_nothing(
    portal, questions, client, django_user_model
):
    reporter = _user(django_user_model, "pv", portal["groups"][Role.REPORTER])
    client.force_login(reporter)
    html = client.get(live_url(portal["live"])).content.decode()
    assert "Câu hỏi của thành phố" in html
    assert "Duyệt, chờ trả lời" not in html
    response = client.post(
        act_url(portal["live"]),
        {"question": questions["city"].pk, "action": "approve"},
    )
    assert response.status_code == 404
    # Someone without a role in any portal.
    client.force_login(_user(django_user_model, "khach"))
    response = client.get(live_url(portal["live"]))
    assert response.status_code in (302, 403)
    assert "0912345678" not in response.content.decode()
    client.logout()
    response = client.get(live_url(portal["live"]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_an_administrator_works_every_portal(
    portal, other_portal, questions, client, django_user_model
):
    client.force_login(_user(django_user_model, "qt", ensure_admin_group()))
    from congtin.editorial.roles import grant_models

    grant_models(ensure_admin_group(), Role.ADMIN)
    assert client.get(live_url(portal["live"])).status_code == 200
    assert client.get(live_url(other_portal["live"])).status_code == 200
