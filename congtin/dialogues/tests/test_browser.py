"""In Debian's Chromium via Playwright: a reader keeps a live dialogue open while
the secretariat answers on the "answer live" screen; the answer appears without a
reload and the live region says so."""

import pytest

from congtin.conftest import launch_chromium

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread: the data must be committed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(portal, live_server, django_user_model):
    """Everything read before Chromium starts (see congtin.conftest)."""
    from django.conf import settings
    from django.test import Client

    from congtin.dialogues.models import DialogueQuestion
    from congtin.portals.models import Role

    from .conftest import answered
    from .factories import DialogueQuestionFactory

    live = portal["live"]
    answered(live, "Câu hỏi đã có <script>alert(1)</script>?", "Trả lời đã có.")
    question = DialogueQuestionFactory(
        dialogue=live,
        status=DialogueQuestion.Status.APPROVED,
        name="Trần Thị Hoa",
        text="Khi nào có điểm hỗ trợ dịch vụ công ở phường?",
    )
    editor = django_user_model.objects.create_user("bt", "bt@x.vn", "x")
    editor.groups.add(portal["groups"][Role.EDITOR])
    client = Client()
    client.force_login(editor)
    return {
        "public": live_server.url + live.url,
        "live_screen": f"{live_server.url}/admin/doi-thoai/{live.pk}/",
        "question": question.pk,
        "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "host": live_server.url.split("//", 1)[1].split(":", 1)[0],
    }


@pytest.fixture
def browser(chromium, site, monkeypatch):
    with launch_chromium(chromium, monkeypatch) as browser:
        yield browser


def test_an_answer_appears_for_readers_without_a_reload(site, new_page):
    from django.conf import settings
    from playwright.sync_api import expect

    reader = new_page()
    dialogs = []
    reader.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    reader.goto(site["public"])
    items = reader.locator(".dialogue-transcript > li")
    expect(items).to_have_count(1)
    expect(reader.locator("[data-dialogue-status]")).to_have_text("Đang diễn ra")

    staff = new_page()
    staff.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": site["session"],
                "domain": site["host"],
                "path": "/",
            }
        ]
    )
    staff.goto(site["live_screen"])
    box = staff.locator(f"#tra-loi-{site['question']}")
    box.fill("Trong tháng tới, mỗi phường có một điểm hỗ trợ.")
    staff.get_by_role("button", name="Đăng câu trả lời").click()
    expect(staff.locator("body")).to_contain_text("Đã đăng câu trả lời")

    # The reader's page asks every 10 seconds.
    expect(items).to_have_count(2, timeout=25_000)
    expect(items.nth(1)).to_contain_text("Trần Thị Hoa")
    expect(items.nth(1)).to_contain_text("Trong tháng tới, mỗi phường")
    expect(reader.locator("[data-dialogue-announcer]")).to_have_text(
        "Có 1 câu trả lời mới."
    )
    assert reader.locator(".dialogue-transcript script").count() == 0
    assert dialogs == []
