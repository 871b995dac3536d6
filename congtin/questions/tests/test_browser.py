"""A citizen asks in Chromium, follows the question by its code, reads the answer."""

import re

import pytest
from django.urls import reverse

from congtin.conftest import launch_chromium
from congtin.questions.models import AnswerPage, Attachment, Question

from .conftest import pdf_bytes

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread: the data must be committed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site_url(portals, live_server, settings):
    """The city portal (host localhost) behind the live server."""
    settings.PUBLIC_FORMS_CHALLENGE_AFTER = None
    return live_server.url


@pytest.fixture
def browser(chromium, site_url, monkeypatch):
    with launch_chromium(chromium, monkeypatch) as browser:
        yield browser


def test_citizen_asks_tracks_and_reads_the_published_answer(
    portals, site_url, new_page, client
):
    from playwright.sync_api import expect

    page = new_page()
    page.goto(f"{site_url}/hoi-dap/")
    page.get_by_role("link", name="Gửi câu hỏi").first.click()
    expect(
        page.get_by_role("heading", name="Về dữ liệu cá nhân của bạn")
    ).to_be_visible()
    page.fill("#id_name", "Lê Thị Hoa")
    page.fill("#id_email", "hoa.le@example.com")
    page.fill("#id_address", "Phường Dư Hàng Kênh")
    # Asked on the city portal, addressed to the district.
    page.select_option("#id_site", label="Quận Lê Chân")
    page.select_option("#id_topic", label="Hộ tịch, chứng thực")
    page.fill("#id_title", "Làm lại giấy khai sinh bị mất ở đâu?")
    page.fill("#id_text", "Giấy khai sinh của tôi bị mất. <b>Tôi</b> cần làm gì?")
    page.set_input_files(
        "#id_attachments",
        files=[
            {
                "name": "to-khai.pdf",
                "mimeType": "application/pdf",
                "buffer": pdf_bytes(),
            }
        ],
    )
    page.get_by_role("button", name="Gửi câu hỏi").click()
    expect(page.get_by_text("Đã nhận câu hỏi của bạn.")).to_be_visible()
    code = page.locator("[data-tracking-code]").inner_text().strip()
    assert re.fullmatch(r"HD-[A-Z2-9]{4}-[A-Z2-9]{4}", code)

    # Later, from the tracking form, typed loosely.
    page.goto(f"{site_url}/hoi-dap/theo-doi/")
    page.fill("#ma", code.lower().replace("-", " "))
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator("[data-status]")).to_have_text("Đã tiếp nhận")

    # Staff of Lê Chân answer in the admin; the workflow's two steps approve it.
    question = Question.objects.get(tracking_code=code)
    assert question.site == portals.lechan
    assert Attachment.objects.filter(question=question, kind="pdf").count() == 1
    client.force_login(portals.lechan_editor)
    response = client.post(
        reverse("wagtailsnippets_questions_question:edit", args=[question.pk]),
        {
            "topic": portals.topic.pk,
            "department": "Phòng Tư pháp",
            "answer": "Ông/bà liên hệ UBND phường nơi đã đăng ký khai sinh để cấp bản sao.",
            "decline_reason": "",
            "action": "submit_answer",
        },
    )
    assert response.status_code == 302
    answer = AnswerPage.objects.get()
    for user in (portals.lechan_editor, portals.lechan_chief):
        task_state = answer.current_workflow_state.current_task_state
        task_state.task.specific.on_action(task_state, user, "approve")
        answer.refresh_from_db()
    assert answer.live

    page.reload()
    expect(page.locator("[data-status]")).to_have_text("Đã trả lời và công khai")
    link = page.get_by_role("link", name="Xem câu trả lời")
    href = link.get_attribute("href")
    # The answer lives on the district portal (lechan.localhost, which Chromium
    # resolves to this machine); read it there through the same live server.
    port = site_url.rsplit(":", 1)[1]
    page.goto(f"http://lechan.localhost:{port}" + re.sub(r"^https?://[^/]+", "", href))
    expect(
        page.get_by_text("liên hệ UBND phường nơi đã đăng ký khai sinh")
    ).to_be_visible()
    body = page.content()
    assert "hoa.le@example.com" not in body and "Lê Thị Hoa" not in body
    assert "Dư Hàng Kênh" not in body


def test_the_widget_solves_the_challenge_and_the_question_is_accepted(
    portals, site_url, new_page, settings
):
    """The real ALTCHA widget, served by the portal, pays the proof of work when the
    reader presses the send button; nothing is fetched from anywhere else."""
    from playwright.sync_api import expect

    settings.PUBLIC_FORMS_CHALLENGE_AFTER = 0
    # Far away, so only the proof of work can be what lets the question in.
    settings.PUBLIC_FORMS_CHALLENGE_WAIT = 3000
    page = new_page()
    requested = []
    page.context.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site_url}/hoi-dap/gui-cau-hoi/")
    checkbox = page.get_by_role("checkbox", name="Tôi không phải chương trình tự động")
    expect(checkbox).to_be_visible()
    expect(checkbox).not_to_be_checked()
    page.fill("#id_name", "Trần Văn Bình")
    page.fill("#id_email", "binh.tran@example.com")
    page.select_option("#id_topic", label="Hộ tịch, chứng thực")
    page.fill("#id_title", "Xin hỏi về đăng ký kết hôn")
    page.fill("#id_text", "Đăng ký kết hôn cần những giấy tờ gì?")
    page.get_by_role("button", name="Gửi câu hỏi").click()
    expect(page.get_by_text("Đã nhận câu hỏi của bạn.")).to_be_visible(timeout=60_000)
    question = Question.objects.get()
    assert question.title == "Xin hỏi về đăng ký kết hôn"
    # Scripts, styles and the widget's workers all come from the portal itself.
    outside = [
        url
        for url in requested
        if not url.startswith((site_url, f"blob:{site_url}", "data:"))
    ]
    assert outside == []
    assert any("/static/core/vendor/altcha/altcha.min.js" in url for url in requested)
