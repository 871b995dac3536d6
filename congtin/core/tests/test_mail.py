"""Every mail leaves the request: queued as a task, sent by the worker, retried.

Real SMTP servers on loopback and the real worker (see mail_servers.py). The
installation's EMAIL_BACKEND is put back for these tests: Django's test set-up
replaces it with locmem.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.mail import send_mail as wagtail_send_mail

from congtin.settings import base as base_settings

from .mail_servers import (
    DeliveringServer,
    HangingServer,
    RefusingServer,
    queue_settings,
    run_worker,
    task_rows,
)

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


@pytest.fixture
def installed_backend(settings):
    settings.EMAIL_BACKEND = base_settings.EMAIL_BACKEND


def mail_rows(**filters):
    return task_rows(queue_name="mail", **filters)


def test_password_reset_answers_at_once_while_the_mail_server_hangs(
    db, client, django_user_model, settings, installed_backend, monkeypatch
):
    django_user_model.objects.create_user("bientap", "bientap@example.com", "x")
    with HangingServer() as server:
        queue_settings(settings, server)
        response = client.post(
            reverse("wagtailadmin_password_reset"), {"email": "bientap@example.com"}
        )
        assert response.status_code == 302
        assert server.connections == 0
        assert mail_rows(status="READY").count() == 1

        start = timezone.now()
        run_worker(monkeypatch)
        assert server.connections == 1
    assert mail_rows(status="FAILED").count() == 1
    retry = mail_rows(status="READY").get()
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert (
        start + timedelta(seconds=59) < retry.run_after < start + timedelta(minutes=2)
    )


def test_queued_message_is_delivered_whole(
    db, settings, installed_backend, monkeypatch
):
    with DeliveringServer() as server:
        queue_settings(settings, server)
        # Wagtail's workflow notifications go through this function.
        wagtail_send_mail(
            "Bài viết cần duyệt",
            "Bài “Lễ khởi công” đang chờ bạn duyệt.",
            ["truongban@example.com"],
            html_message="<p>Bài <b>“Lễ khởi công”</b> đang chờ bạn duyệt.</p>",
        )
        message = EmailMultiAlternatives(
            "Tệp đính kèm",
            "Nội dung thư.",
            "congthongtin@example.com",
            ["a@example.com"],
            cc=["b@example.com"],
            bcc=["c@example.com"],
            reply_to=["hopthu@example.com"],
            headers={"X-Cong": "Lê Chân"},
        )
        message.attach("ảnh.png", PNG, "image/png")
        message.attach("ghi-chú.txt", "Văn bản tiếng Việt", "text/plain")
        assert message.send() == 1
        assert server.messages == []

        run_worker(monkeypatch)
    assert len(server.messages) == 2
    by_subject = {m["Subject"]: (rcpt, m) for _, rcpt, m in server.messages}

    recipients, notice = by_subject["Bài viết cần duyệt"]
    assert recipients == ["truongban@example.com"]
    assert notice["Auto-Submitted"] == "auto-generated"
    assert notice.get_body(("plain",)).get_content().strip() == (
        "Bài “Lễ khởi công” đang chờ bạn duyệt."
    )
    assert "<b>“Lễ khởi công”</b>" in notice.get_body(("html",)).get_content()

    recipients, sent = by_subject["Tệp đính kèm"]
    assert sorted(recipients) == ["a@example.com", "b@example.com", "c@example.com"]
    assert sent["From"] == "congthongtin@example.com"
    assert sent["Cc"] == "b@example.com" and "Bcc" not in sent
    assert sent["Reply-To"] == "hopthu@example.com"
    assert sent["X-Cong"] == "Lê Chân"
    files = {part.get_filename(): part for part in sent.iter_attachments()}
    assert files["ảnh.png"].get_content() == PNG
    assert files["ghi-chú.txt"].get_content().strip() == "Văn bản tiếng Việt"
    assert mail_rows(status="SUCCESSFUL").count() == 2


def test_rolled_back_action_sends_nothing(db, settings, installed_backend):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "mail"],
        }
    }
    with pytest.raises(RuntimeError), transaction.atomic():
        wagtail_send_mail("Thông báo", "Nội dung", ["a@example.com"])
        assert mail_rows().count() == 1
        raise RuntimeError("the action failed")
    assert not mail_rows().exists()


def test_refused_delivery_is_retried_after_the_backoff(
    db, settings, installed_backend, monkeypatch
):
    settings.EMAIL_RETRY_DELAYS = [60]
    with RefusingServer() as refusing:
        queue_settings(settings, refusing)
        wagtail_send_mail("Thông báo", "Nội dung", ["a@example.com"])
        run_worker(monkeypatch)
        assert refusing.attempts == 1
    retry = mail_rows(status="READY").get()
    with DeliveringServer() as delivering:
        settings.EMAIL_PORT = delivering.port
        run_worker(monkeypatch)  # not due yet
        assert delivering.messages == []
        with time_machine.travel(retry.run_after + timedelta(seconds=1), tick=True):
            run_worker(monkeypatch)
        assert [m["Subject"] for _, _, m in delivering.messages] == ["Thông báo"]
    assert mail_rows(status="SUCCESSFUL").count() == 1
    assert mail_rows(status="FAILED").count() == 1


def test_last_failure_is_given_up(db, settings, installed_backend, monkeypatch, caplog):
    settings.EMAIL_RETRY_DELAYS = []
    with RefusingServer() as refusing:
        queue_settings(settings, refusing)
        wagtail_send_mail("Thông báo", "Nội dung", ["a@example.com"])
        run_worker(monkeypatch)
    assert not mail_rows(status="READY").exists()
    assert mail_rows(status="FAILED").count() == 1
    assert "given up" in caplog.text


def test_delivery_backend_cannot_be_the_queue(db, settings, installed_backend):
    settings.EMAIL_DELIVERY_BACKEND = base_settings.EMAIL_BACKEND
    with pytest.raises(ImproperlyConfigured):
        wagtail_send_mail("Thông báo", "Nội dung", ["a@example.com"])
