"""The staff side: queue per portal, privacy, answer through the workflow, decline."""

from datetime import date, timedelta

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from congtin.questions import workflow
from congtin.questions.models import AnswerPage, Attachment

from .conftest import pdf_bytes, shared_portals
from .factories import QuestionFactory

QUEUE = "wagtailsnippets_questions_question:list"
EDIT = "wagtailsnippets_questions_question:edit"


def make_question(portals, site=None, **fields):
    values = {
        "site": site or portals.lechan,
        "topic": portals.topic,
        "name": "Trần Thị Bình",
        "email": "binh.tran@example.com",
        "phone": "0987654321",
        "address": "Số 9 Hàng Kênh",
        "title": "Hỏi về cấp giấy phép xây dựng",
        "text": "Thời gian cấp phép là bao lâu?",
    }
    values.update(fields)
    return QuestionFactory(**values)


def approve_all(page, *users):
    """Act on each workflow step as the user whose group owns it."""
    for user in users:
        state = page.current_workflow_state
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, user, "approve")
        page.refresh_from_db()


@shared_portals
def test_queue_is_per_portal_and_contact_details_private(portals, client):
    mine = make_question(portals)
    other = make_question(portals, site=portals.city, title="Câu hỏi của thành phố")
    client.force_login(portals.lechan_editor)
    listing = client.get(reverse(QUEUE))
    assert listing.status_code == 200
    text = listing.content.decode()
    assert mine.tracking_code in text and other.tracking_code not in text
    assert "(còn" in text  # the working-day deadline is shown
    found = client.get(reverse(QUEUE), {"q": "giấy phép"}).content.decode()
    assert mine.tracking_code in found
    edit = client.get(reverse(EDIT, args=[mine.pk]))
    assert edit.status_code == 200
    assert "binh.tran@example.com" in edit.content.decode()
    assert "0987654321" in edit.content.decode()
    # Another portal's question: not found, nothing about it shown.
    assert client.get(reverse(EDIT, args=[other.pk])).status_code == 404
    client.force_login(portals.city_editor)
    assert client.get(reverse(EDIT, args=[mine.pk])).status_code == 404
    assert mine.tracking_code not in client.get(reverse(QUEUE)).content.decode()
    chooser = client.get(reverse("wagtailsnippetchoosers_questions_question:choose"))
    assert chooser.status_code == 200
    assert mine.tracking_code not in chooser.content.decode()
    # Reporters read their portal's queue but cannot change it.
    client.force_login(portals.lechan_reporter)
    assert client.get(reverse(QUEUE)).status_code == 200
    assert client.get(reverse(EDIT, args=[mine.pk])).status_code in (302, 403)


@shared_portals
def test_attachment_served_only_to_the_portals_staff(portals, client):
    from django.core.files.base import ContentFile

    question = make_question(portals)
    attachment = Attachment(
        question=question, original_name="giấy <tờ>.pdf", kind="pdf", size=10
    )
    attachment.file.save("abc.pdf", ContentFile(pdf_bytes()), save=True)
    url = reverse("questions_attachment", args=[attachment.pk])
    assert client.get(url).status_code == 302  # login first
    client.force_login(portals.city_editor)
    assert client.get(url).status_code == 404
    client.force_login(portals.lechan_editor)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    # The file lives outside the public media and static roots.
    from django.conf import settings

    path = attachment.file.path
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))


@shared_portals
def test_answer_goes_through_workflow_then_published_without_contact(
    portals, client, lechan_client
):
    question = make_question(portals)
    client.force_login(portals.lechan_editor)
    edit_url = reverse(EDIT, args=[question.pk])
    form = {
        "topic": portals.topic.pk,
        "department": "",
        "answer": "",
        "decline_reason": "",
    }
    # Forwarding needs a department; sending for approval needs an answer.
    response = client.post(edit_url, {**form, "action": "forward"})
    assert response.status_code == 200 and "Ghi phòng, ban" in response.content.decode()
    response = client.post(
        edit_url, {**form, "department": "Phòng Quản lý đô thị", "action": "forward"}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == "forwarded"
    tracking = lechan_client.get(question.get_tracking_url()).content.decode()
    assert "Phòng Quản lý đô thị" in tracking
    response = client.post(
        edit_url,
        {
            **form,
            "department": "Phòng Quản lý đô thị",
            "answer": "Thời gian cấp phép là 15 ngày.",
            "action": "submit_answer",
        },
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == "answered"
    page = AnswerPage.objects.get()
    assert not page.live
    assert page.current_workflow_state is not None
    # Nothing public yet.
    assert lechan_client.get("/hoi-dap/").content.decode().count(page.title) == 0
    approve_all(page, portals.lechan_editor, portals.lechan_chief)
    page.refresh_from_db()
    question.refresh_from_db()
    assert page.live and question.status == "published"
    public = lechan_client.get(page.url)
    assert public.status_code == 200
    html = public.content.decode()
    assert "Thời gian cấp phép là 15 ngày." in html
    for private in (
        "Trần Thị Bình",
        "binh.tran@example.com",
        "0987654321",
        "Hàng Kênh",
    ):
        assert private not in html
        assert private not in lechan_client.get("/hoi-dap/").content.decode()
    tracking = lechan_client.get(question.get_tracking_url()).content.decode()
    assert "Xem câu trả lời" in tracking
    assert f"/hoi-dap/{page.slug}/" in tracking


@shared_portals
def test_decline_with_reason_shown_on_tracking(portals, client, lechan_client):
    question = make_question(portals)
    client.force_login(portals.lechan_editor)
    response = client.post(
        reverse(EDIT, args=[question.pk]),
        {
            "topic": portals.topic.pk,
            "department": "",
            "answer": "",
            "decline_reason": "Câu hỏi không thuộc thẩm quyền của quận.",
            "action": "decline",
        },
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == "declined" and question.closed_at
    page = BeautifulSoup(
        lechan_client.get(question.get_tracking_url()).content, "html.parser"
    )
    assert "Từ chối trả lời" in page.get_text()
    assert "không thuộc thẩm quyền" in page.get_text()


@shared_portals
def test_overdue_questions_are_flagged(portals, client):
    late = make_question(portals, submitted_at=timezone.now() - timedelta(days=40))
    assert late.is_overdue
    assert "QUÁ HẠN" in late.deadline_display()
    client.force_login(portals.lechan_editor)
    assert "QUÁ HẠN" in client.get(reverse(QUEUE)).content.decode()
    late.status = "published"
    assert not late.is_overdue


@shared_portals
def test_submit_answer_twice_updates_the_same_page(portals):
    question = make_question(portals, answer="Bản 1")
    page = workflow.submit_answer(question, portals.lechan_editor)
    question.answer = "Bản 2"
    again = workflow.submit_answer(question, portals.lechan_editor)
    assert again.pk == page.pk
    assert AnswerPage.objects.count() == 1
    assert again.get_latest_revision_as_object().answer == "Bản 2"
    assert question.deadline > date(2000, 1, 1)
