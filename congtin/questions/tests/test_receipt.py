"""The receipt e-mail: sent by the task worker, its outcome told truthfully.

Real SMTP servers on loopback (congtin/core/tests/mail_servers.py): one that never
answers, one that answers 554, one that delivers. The request is posted with
EMAIL_BACKEND on Django's SMTP backend, so any mail sent inside the request would
reach the server during the request; the worker of django-tasks-db then runs in
the test.
"""

from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from congtin.core.tests.mail_servers import (
    SMTP_BACKEND,
    queue_settings,
    run_worker,
    task_rows,
)
from congtin.core.vietnamese import format_datetime
from congtin.questions.models import Question

from .conftest import ASK_URL, shared_portals, valid_data

QUEUE = "wagtailsnippets_questions_question:list"
EDIT = "wagtailsnippets_questions_question:edit"


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def submit(client, data, capture):
    # on_commit callbacks run as after a real commit: mail sent "after commit" but
    # still inside the request would show up here.
    with capture(execute=True):
        response = client.post(ASK_URL, data)
    assert response.status_code == 302
    return response


@pytest.fixture
def smtp_in_request(settings):
    """Mail sent inside a request would go straight to the SMTP server."""
    settings.EMAIL_BACKEND = SMTP_BACKEND


@shared_portals
def test_hanging_mail_server_never_holds_the_citizen(
    portals,
    lechan_client,
    hanging_smtp,
    settings,
    smtp_in_request,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    queue_settings(settings, hanging_smtp)
    response = submit(
        lechan_client, valid_data(portals), django_capture_on_commit_callbacks
    )
    assert hanging_smtp.connections == 0  # nothing asked the mail server yet
    question = Question.objects.get()
    assert question.receipt_status == "pending"
    text = page_text(lechan_client, response["Location"])
    assert question.tracking_code in text
    assert "Đang gửi thư xác nhận" in text
    assert "đã gửi thư xác nhận" not in text.lower()

    run_worker(monkeypatch)
    assert hanging_smtp.connections == 1
    question.refresh_from_db()
    assert question.receipt_status == "failed"
    assert question.receipt_attempts == 1
    assert question.receipt_retry_at is not None
    assert "không trả lời" in question.receipt_error
    text = page_text(lechan_client, response["Location"])
    assert "Chưa gửi được thư xác nhận" in text and "sẽ tự gửi lại" in text
    assert "đã gửi thư xác nhận" not in text.lower()


@shared_portals
def test_refusal_is_retried_with_backoff_then_given_up(
    portals,
    lechan_client,
    refusing_smtp,
    settings,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    queue_settings(settings, refusing_smtp)
    settings.EMAIL_RETRY_DELAYS = [60, 600]
    response = submit(
        lechan_client, valid_data(portals), django_capture_on_commit_callbacks
    )
    question = Question.objects.get()

    start = timezone.now()
    run_worker(monkeypatch)
    question.refresh_from_db()
    assert refusing_smtp.attempts == 1
    assert (question.receipt_status, question.receipt_attempts) == ("failed", 1)
    assert "554" in question.receipt_error
    first_retry = question.receipt_retry_at
    assert start + timedelta(seconds=59) < first_retry < start + timedelta(seconds=70)
    run_worker(monkeypatch)  # the retry is not due yet
    assert refusing_smtp.attempts == 1

    with time_machine.travel(first_retry + timedelta(seconds=1), tick=True):
        run_worker(monkeypatch)
        question.refresh_from_db()
        assert refusing_smtp.attempts == 2
        assert question.receipt_attempts == 2
        second_retry = question.receipt_retry_at
        assert second_retry - first_retry > timedelta(seconds=590)
    with time_machine.travel(second_retry + timedelta(seconds=1), tick=True):
        run_worker(monkeypatch)
    question.refresh_from_db()
    assert refusing_smtp.attempts == 3
    assert (question.receipt_status, question.receipt_attempts) == ("failed", 3)
    assert question.receipt_retry_at is None
    assert not task_rows(status="READY").exists()
    assert task_rows(status="FAILED").count() == 3
    text = page_text(lechan_client, response["Location"])
    assert "Chưa gửi được thư xác nhận" in text and "sẽ tự gửi lại" not in text


@shared_portals
def test_receipt_is_sent_by_worker_without_the_citizens_words(
    portals,
    lechan_client,
    delivering_smtp,
    settings,
    smtp_in_request,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    queue_settings(settings, delivering_smtp)
    data = valid_data(
        portals,
        name="Phòng Tài chính (thông báo)",
        email="nan.nhan@example.com",
        title="Bạn trúng thưởng 500 triệu, nhận tại http://lua-dao.example",
        text="Chuyển phí 2 triệu vào tài khoản 0123456789 để nhận thưởng.",
    )
    response = submit(lechan_client, data, django_capture_on_commit_callbacks)
    assert delivering_smtp.messages == []  # not inside the request
    question = Question.objects.get()

    run_worker(monkeypatch)
    assert len(delivering_smtp.messages) == 1
    _sender, recipients, message = delivering_smtp.messages[0]
    assert recipients == ["nan.nhan@example.com"]
    body = message.get_content()
    whole = f"{message['Subject']}\n{body}"
    for words in ("Phòng Tài chính", "trúng thưởng", "lua-dao", "0123456789"):
        assert words not in whole
    assert question.tracking_code in message["Subject"]
    assert question.tracking_code in body
    assert "Cổng thông tin điện tử Quận Lê Chân" in body
    assert format_datetime(question.submitted_at) in body
    assert f"/hoi-dap/theo-doi/{question.tracking_code}/" in body
    assert message.get_content_type() == "text/plain"

    question.refresh_from_db()
    assert question.receipt_status == "sent" and question.receipt_sent_at
    assert question.receipt_attempts == 1
    text = page_text(lechan_client, response["Location"])
    assert "Đã gửi thư xác nhận" in text


@shared_portals
def test_no_email_means_no_receipt(portals, lechan_client, settings, delivering_smtp):
    queue_settings(settings, delivering_smtp)
    response = lechan_client.post(
        ASK_URL, valid_data(portals, email="", phone="0912345678")
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.receipt_status == "none"
    assert not task_rows(queue_name="mail").exists()
    text = page_text(lechan_client, response["Location"])
    assert question.tracking_code in text
    assert "thư xác nhận" not in text


@shared_portals
def test_staff_see_the_receipt_status(portals, client):
    now = timezone.now()
    sent = Question.objects.create(
        site=portals.lechan,
        name="A",
        email="a@example.com",
        title="Đã gửi",
        text="x",
        receipt_status="sent",
        receipt_attempts=1,
        receipt_sent_at=now,
    )
    failing = Question.objects.create(
        site=portals.lechan,
        name="B",
        email="b@example.com",
        title="Chưa gửi",
        text="x",
        receipt_status="failed",
        receipt_attempts=2,
        receipt_error="Máy chủ thư không trả lời (quá 10 giây).",
        receipt_retry_at=now + timedelta(minutes=5),
    )
    client.force_login(portals.lechan_editor)
    listing = " ".join(
        BeautifulSoup(client.get(reverse(QUEUE)).content, "html.parser")
        .get_text()
        .split()
    )
    assert "Thư xác nhận" in listing
    assert "Đã gửi" in listing and "Chưa gửi được" in listing
    failed_only = client.get(reverse(QUEUE), {"receipt_status": "failed"})
    assert failing.tracking_code in failed_only.content.decode()
    assert sent.tracking_code not in failed_only.content.decode()
    edit = page_text(client, reverse(EDIT, args=[failing.pk]))
    assert "Chưa gửi được" in edit and "2 lần thử" in edit
    assert "Máy chủ thư không trả lời" in edit
    assert format_datetime(failing.receipt_retry_at) in edit
    edit = page_text(client, reverse(EDIT, args=[sent.pk]))
    assert f"Đã gửi lúc {format_datetime(now)}" in edit
