"""A receipt whose worker was killed mid-send is sent again by the scheduler, once.

The question is posted through the real form with tasks in the database; the
worker being killed is its task row claimed (RUNNING) and never finished, made
old by moving its start back. ``run_scheduler --once`` is the scheduler's round;
django-tasks-db's worker then sends through a real SMTP server on loopback
(congtin/core/tests/mail_servers.py). EMAIL_TIMEOUT is 1 s here, so a try is
lost after a few seconds; everything old is ten minutes old.
"""

from datetime import timedelta
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone

from congtin.core.tests.mail_servers import queue_settings, run_worker, task_rows
from congtin.questions.models import Question
from congtin.questions.notifications import send_receipt

from .conftest import ASK_URL, shared_portals, valid_data

RECEIPT_TASK = "congtin.questions.notifications.send_receipt"
LONG_AGO = timedelta(minutes=10)


def receipt_rows(question=None, **filters):
    rows = task_rows(task_path=RECEIPT_TASK, **filters)
    return rows if question is None else rows.filter(args_kwargs__args__0=question.pk)


def ask(client, portals, **fields) -> tuple[Question, str]:
    response = client.post(ASK_URL, valid_data(portals, **fields))
    assert response.status_code == 302
    return Question.objects.latest("pk"), response["Location"]


def killed_mid_send(question, started_ago=LONG_AGO):
    """The worker claimed the receipt's task, then died: the row stays RUNNING."""
    row = receipt_rows(question, status="READY").get()
    row.claim("worker-that-was-killed")
    receipt_rows().filter(pk=row.pk).update(started_at=timezone.now() - started_ago)
    return row


def pending_since(question, ago=LONG_AGO):
    Question.objects.filter(pk=question.pk).update(submitted_at=timezone.now() - ago)


def scheduler_round() -> str:
    out = StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    return out.getvalue()


def tracking_text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


@pytest.fixture
def mail(settings, delivering_smtp):
    queue_settings(settings, delivering_smtp)
    return delivering_smtp


@shared_portals
def test_a_receipt_left_running_by_a_killed_worker_is_sent_again(
    portals, lechan_client, mail, monkeypatch
):
    question, tracking_url = ask(lechan_client, portals)
    lost = killed_mid_send(question)
    pending_since(question)

    log = scheduler_round()

    assert "gửi lại 1 thư xác nhận bị gián đoạn" in log
    lost.refresh_from_db()
    assert lost.status == "FAILED"
    assert lost.exception_class_path.endswith("WorkerLost")
    again = receipt_rows(question, status="READY").get()
    assert again.args_kwargs["kwargs"] == {"attempt": 2}
    assert "Đang gửi thư xác nhận" in tracking_text(lechan_client, tracking_url)

    run_worker(monkeypatch)

    assert len(mail.messages) == 1
    assert mail.messages[0][1] == ["an.nguyen@example.com"]
    assert question.tracking_code in mail.messages[0][2]["Subject"]
    question.refresh_from_db()
    assert question.receipt_status == "sent" and question.receipt_sent_at
    assert question.receipt_attempts == 2
    assert question.receipt_error == ""
    assert "Đã gửi thư xác nhận" in tracking_text(lechan_client, tracking_url)

    # The next rounds have nothing to do: one receipt, one message.
    assert "thư xác nhận" not in scheduler_round()
    run_worker(monkeypatch)
    assert len(mail.messages) == 1


@shared_portals
def test_a_receipt_whose_task_row_is_gone_is_sent(
    portals, lechan_client, mail, monkeypatch
):
    question, _ = ask(lechan_client, portals)
    receipt_rows(question).delete()
    pending_since(question)

    scheduler_round()

    assert receipt_rows(question, status="READY").get().args_kwargs["kwargs"] == {
        "attempt": 1
    }
    run_worker(monkeypatch)
    assert len(mail.messages) == 1
    question.refresh_from_db()
    assert (question.receipt_status, question.receipt_attempts) == ("sent", 1)


def lost_retry(question):
    """The first try failed; its retry, due ten minutes ago, lost its worker."""
    receipt_rows(question).update(status="FAILED")
    send_receipt.enqueue(question.pk, attempt=2)
    killed_mid_send(question)
    Question.objects.filter(pk=question.pk).update(
        receipt_status="failed",
        receipt_attempts=1,
        receipt_error="Máy chủ thư không trả lời (quá 1 giây).",
        receipt_retry_at=timezone.now() - LONG_AGO,
    )


@shared_portals
def test_a_lost_retry_is_tried_again(portals, lechan_client, mail, monkeypatch):
    question, tracking_url = ask(lechan_client, portals)
    lost_retry(question)

    scheduler_round()

    assert receipt_rows(question, status="READY").get().args_kwargs["kwargs"] == {
        "attempt": 3
    }
    text = tracking_text(lechan_client, tracking_url)
    assert "Chưa gửi được thư xác nhận" in text and "sẽ tự gửi lại" in text
    run_worker(monkeypatch)
    assert len(mail.messages) == 1
    question.refresh_from_db()
    assert (question.receipt_status, question.receipt_attempts) == ("sent", 3)


@shared_portals
def test_live_and_waiting_receipts_are_never_sent_twice(
    portals, lechan_client, mail, monkeypatch
):
    # The worker is down: the task waits, nothing is lost.
    waiting, _ = ask(lechan_client, portals, email="cho@example.com")
    pending_since(waiting)
    # A worker is sending right now, slowly.
    sending, _ = ask(lechan_client, portals, email="dang.gui@example.com")
    killed_mid_send(sending, started_ago=timedelta(seconds=2))
    pending_since(sending)
    # Killed after the receipt went out and was recorded.
    sent, _ = ask(lechan_client, portals, email="da.gui@example.com")
    late = killed_mid_send(sent)
    Question.objects.filter(pk=sent.pk).update(
        receipt_status="sent", receipt_attempts=1, receipt_sent_at=timezone.now()
    )
    pending_since(sent)

    assert "thư xác nhận" not in scheduler_round()

    assert receipt_rows(waiting).count() == 1
    assert receipt_rows(sending).get().status == "RUNNING"
    assert receipt_rows(sent).count() == 1
    late.refresh_from_db()
    assert late.status == "FAILED"  # the task results tell what happened
    run_worker(monkeypatch)
    assert [m[1] for m in mail.messages] == [["cho@example.com"]]


@shared_portals
def test_a_receipt_that_keeps_losing_its_worker_is_given_up(
    portals, lechan_client, mail, settings
):
    settings.EMAIL_RETRY_DELAYS = [60]
    question, tracking_url = ask(lechan_client, portals)
    lost_retry(question)

    assert "thôi gửi 1 thư" in scheduler_round()

    assert not receipt_rows(question, status="READY").exists()
    question.refresh_from_db()
    assert (question.receipt_status, question.receipt_attempts) == ("failed", 2)
    assert question.receipt_retry_at is None
    assert "gián đoạn" in question.receipt_error
    text = tracking_text(lechan_client, tracking_url)
    assert "Chưa gửi được thư xác nhận" in text and "sẽ tự gửi lại" not in text
