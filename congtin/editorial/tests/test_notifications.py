"""Workflow notices and emails, driven through the real admin of Quận Lê Chân."""

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import WorkflowState
from wagtail.signals import workflow_rejected
from wagtail.users.models import UserProfile

from congtin.editorial.models import Notice
from congtin.editorial.notifications import WAGTAIL_REJECTION_UID
from congtin.news.models import ArticlePage

from . import admin_actions
from .admin_actions import client_for, news_section, user

REPORTER = "lechan.phongvien"
EDITOR = "lechan.bientap"
CHIEF = "lechan.truongban"
COMMENT = "Cần bổ sung nguồn"
TITLE = "Ra quân làm sạch môi trường"

pytestmark = pytest.mark.django_db


def article_form(title=TITLE, **extra):
    return admin_actions.article_form(title=title, **extra)


@pytest.fixture
def article(demo):
    """A Lê Chân reporter's article, submitted to the workflow through the admin."""
    section = news_section("lechan.localhost")
    response = client_for(REPORTER).post(
        f"/admin/pages/add/news/articlepage/{section.pk}/",
        article_form(**{"action-submit": "action"}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ArticlePage.objects.get(title=TITLE)
    assert page.owner == user(REPORTER)
    assert page.current_workflow_task.name == "Biên tập (Quận Lê Chân)"
    return page


def act(username, page, action, comment=""):
    """Press the current step's approve or reject button, as in the admin."""
    response = admin_actions.workflow_action(
        client_for(username), page, action, comment
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def resubmit(page):
    response = client_for(REPORTER).post(
        f"/admin/pages/{page.pk}/edit/",
        article_form(**{"action-submit": "action"}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def recipients(messages):
    return sorted(address for message in messages for address in message.to)


def email_of(*usernames):
    return sorted(user(name).email for name in usernames)


def notice_holders(text):
    return sorted(
        Notice.objects.filter(message__contains=text).values_list(
            "recipient__username", flat=True
        )
    )


def test_wagtail_rejection_email_is_replaced_not_doubled():
    from congtin.editorial.notifications import rejection_email_notifier

    under_wagtail_uid = [
        receiver
        for (uid, _), receiver, *_ in workflow_rejected.receivers
        if uid == WAGTAIL_REJECTION_UID
    ]
    assert len(under_wagtail_uid) == 1
    assert under_wagtail_uid[0]() is rejection_email_notifier


def test_rejection_at_step_two_reaches_author_and_earlier_editor(article):
    act(EDITOR, article, "approve")
    assert ArticlePage.objects.get(pk=article.pk).current_workflow_task.name == (
        "Phê duyệt (Quận Lê Chân)"
    )
    mail.outbox.clear()

    act(CHIEF, article, "reject", COMMENT)

    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    # One email each: Wagtail's own notifier would have sent the reporter a second.
    assert recipients(mail.outbox) == email_of(REPORTER, EDITOR)
    edit_url = f"http://testserver/admin/pages/{article.pk}/edit/"
    for message in mail.outbox:
        assert TITLE in message.subject
        assert "bị trả lại" in message.subject
        assert f"Ý kiến: “{COMMENT}”" in message.body
        assert edit_url in message.body
        assert "Trưởng ban biên tập Quận Lê Chân" in message.body
        assert message.from_email == "noreply@localhost"
    assert notice_holders(COMMENT) == sorted([REPORTER, EDITOR])
    notice = Notice.objects.get(recipient__username=REPORTER, message__contains=COMMENT)
    assert notice.url == f"/admin/pages/{article.pk}/edit/"
    assert "Phê duyệt (Quận Lê Chân)" in notice.message


def test_rejection_at_step_one_tells_the_reporter(article):
    mail.outbox.clear()

    act(EDITOR, article, "reject", COMMENT)

    assert recipients(mail.outbox) == email_of(REPORTER)
    assert COMMENT in mail.outbox[0].body
    assert "Biên tập (Quận Lê Chân)" in mail.outbox[0].subject
    assert notice_holders(COMMENT) == [REPORTER]


def test_later_rounds_tell_everyone_who_handled_earlier_rounds(article):
    act(EDITOR, article, "approve")
    act(CHIEF, article, "reject", "Thiếu ảnh")
    resubmit(article)
    # Wagtail resumes the review at the step that sent it back.
    assert ArticlePage.objects.get(pk=article.pk).current_workflow_task.name == (
        "Phê duyệt (Quận Lê Chân)"
    )
    mail.outbox.clear()

    act("quantri", article, "reject", COMMENT)

    assert recipients(mail.outbox) == email_of(REPORTER, EDITOR, CHIEF)
    assert notice_holders(COMMENT) == sorted([REPORTER, EDITOR, CHIEF])


def test_restarted_workflow_still_counts_the_earlier_handlers(article):
    act(EDITOR, article, "approve")
    act(CHIEF, article, "reject", "Thiếu ảnh")
    response = client_for(REPORTER).post(
        f"/admin/pages/{article.pk}/edit/",
        article_form(**{"action-restart-workflow": "action"}),
    )
    assert response.status_code == 302
    assert WorkflowState.objects.filter(object_id=str(article.pk)).count() == 2
    mail.outbox.clear()

    act(EDITOR, article, "reject", COMMENT)

    assert recipients(mail.outbox) == email_of(REPORTER, CHIEF)


def test_email_preference_is_respected_but_the_notice_stays(article):
    act(EDITOR, article, "approve")
    profile = UserProfile.get_for_user(user(EDITOR))
    profile.rejected_notifications = False
    profile.save()
    mail.outbox.clear()

    act(CHIEF, article, "reject", COMMENT)

    assert recipients(mail.outbox) == email_of(REPORTER)
    assert notice_holders(COMMENT) == sorted([REPORTER, EDITOR])


def test_each_step_and_the_final_approval_leave_notices(article):
    step_one = "chờ duyệt ở bước “Biên tập (Quận Lê Chân)”"
    assert EDITOR in notice_holders(step_one)
    assert "quantri" in notice_holders(step_one)
    assert REPORTER not in notice_holders(step_one)
    assert CHIEF not in notice_holders(step_one)
    # Wagtail emails the step's group; the text is Vietnamese.
    step_mail = [m for m in mail.outbox if user(EDITOR).email in m.to]
    assert len(step_mail) == 1
    assert step_mail[0].subject == f"Bài viết “{TITLE}” chờ duyệt ở bước " + (
        "“Biên tập (Quận Lê Chân)”"
    )
    assert step_mail[0].body.startswith("Xin chào")

    act(EDITOR, article, "approve")
    assert CHIEF in notice_holders("chờ duyệt ở bước “Phê duyệt (Quận Lê Chân)”")
    mail.outbox.clear()

    act(CHIEF, article, "approve")

    page = ArticlePage.objects.get(pk=article.pk)
    assert page.live
    assert notice_holders("đã được phê duyệt và đã được xuất bản") == [REPORTER]
    approved = Notice.objects.get(message__contains="đã được xuất bản")
    assert approved.url == page.full_url
    approval_mail = [m for m in mail.outbox if m.to == [user(REPORTER).email]]
    assert len(approval_mail) == 1
    assert "đã được phê duyệt" in approval_mail[0].subject


def test_dashboard_shows_the_notice_and_only_its_recipient_marks_it_read(article):
    act(EDITOR, article, "approve")
    act(CHIEF, article, "reject", COMMENT)
    notice = Notice.objects.get(recipient__username=REPORTER, message__contains=COMMENT)
    reporter = client_for(REPORTER)

    dashboard = reporter.get("/admin/").content.decode()
    assert "Thông báo" in dashboard
    assert COMMENT in dashboard
    assert f'href="/admin/pages/{article.pk}/edit/"' in dashboard
    read_url = f"/admin/editorial/notices/{notice.pk}/read/"
    assert f'action="{read_url}"' in dashboard

    # Someone else's notice does not exist for them, and reading needs a POST.
    assert client_for(EDITOR).post(read_url).status_code == 404
    assert client_for(CHIEF).post(read_url).status_code == 404
    assert reporter.get(read_url).status_code == 405
    notice.refresh_from_db()
    assert notice.read_at is None

    response = reporter.post(read_url)
    assert response.status_code == 302
    assert response.url == "/admin/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert COMMENT not in reporter.get("/admin/").content.decode()
    # The editor's copy of the same news is still unread on their dashboard.
    assert COMMENT in client_for(EDITOR).get("/admin/").content.decode()


def test_marking_read_needs_a_signed_in_admin_user(article):
    notice = Notice.objects.filter(recipient__username=EDITOR).first()
    response = Client().post(f"/admin/editorial/notices/{notice.pk}/read/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url
    notice.refresh_from_db()
    assert notice.read_at is None
