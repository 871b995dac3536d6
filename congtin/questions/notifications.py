"""The receipt e-mail: sent by the task worker, never inside the citizen's request.

``queue_receipt(question)`` runs in the transaction that stores the question: it
marks the receipt "pending" and enqueues ``send_receipt``, a row in that same
transaction, so a stored question always has its receipt task and a question that
was not stored never gets a receipt. The citizen sees the tracking code at once,
whatever the mail server does.

``send_receipt`` sends with the delivery backend itself rather than through the
mail queue (``congtin.core.mail``), so it knows the outcome and writes it on the
question: sent (and when), or failed with the number of tries, what went wrong and
when the next try is due (``EMAIL_RETRY_DELAYS``); after the last try the receipt
stays failed. The tracking page and the staff's queue show exactly that.

A worker killed in the middle of a try (a restart, the machine going down) leaves
its task RUNNING and the receipt pending, or failed with a retry time gone by:
django-tasks-db runs nothing again by itself. ``recover_receipts``, run by the
scheduler every minute, finds such receipts and enqueues them again; see there.

The receipt holds nothing the citizen wrote, not even the name: anyone can type
anyone's address in the form, and the portal's own address must not carry a
stranger's words. It gives the portal, the time received, the tracking code and
the tracking link.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from congtin.core.mail import (
    MAIL_QUEUE,
    delivery_connection,
    describe_failure,
    retry_later,
)
from congtin.core.vietnamese import format_date, format_datetime

logger = logging.getLogger(__name__)


def receipt_text(question) -> str:
    url = question.get_full_tracking_url() or ""
    received = timezone.localtime(question.submitted_at)
    lines = [
        f"{question.site.site_name} đã nhận một câu hỏi gửi qua cổng lúc "
        f"{format_datetime(received)}, kèm địa chỉ thư điện tử này.",
        "",
        f"Mã theo dõi: {question.tracking_code}",
        f"Hạn trả lời dự kiến: {format_date(question.deadline)} (15 ngày làm việc).",
    ]
    if url:
        lines += ["", f"Theo dõi tình trạng xử lý tại: {url}"]
    lines += [
        "",
        "Nếu bạn không gửi câu hỏi nào, vui lòng bỏ qua thư này.",
        "Thư này được gửi tự động; vui lòng không trả lời thư này.",
    ]
    return "\n".join(lines)


def receipt_message(question) -> EmailMessage:
    return EmailMessage(
        subject=f"Đã nhận câu hỏi {question.tracking_code}",
        body=receipt_text(question),
        to=[question.email],
        headers={"Auto-Submitted": "auto-generated"},
    )


def queue_receipt(question) -> None:
    """Mark the receipt pending and enqueue it; nothing when there is no e-mail."""
    from .models import ReceiptStatus

    if not question.email:
        return
    question.receipt_status = ReceiptStatus.PENDING
    question.save(update_fields=["receipt_status"])
    send_receipt.enqueue(question.pk)


@task(queue_name=MAIL_QUEUE)
def send_receipt(question_id: int, attempt: int = 1) -> str:
    """Send the receipt and record the outcome; on failure schedule the next try."""
    from .models import Question, ReceiptStatus

    question = Question.objects.select_related("site").filter(pk=question_id).first()
    if question is None or not question.email:
        return "no address"
    if question.receipt_status == ReceiptStatus.SENT:
        return "already sent"
    try:
        with delivery_connection() as connection:
            if not connection.send_messages([receipt_message(question)]):
                raise RuntimeError("the mail backend sent nothing")
    except Exception as error:
        retry_at = retry_later(send_receipt, attempt, question_id)
        Question.objects.filter(pk=question_id).update(
            receipt_status=ReceiptStatus.FAILED,
            receipt_attempts=attempt,
            receipt_error=describe_failure(error)[:300],
            receipt_retry_at=retry_at,
        )
        logger.warning(
            "receipt e-mail for %s failed (try %d): %s",
            question.tracking_code,
            attempt,
            describe_failure(error),
        )
        raise
    Question.objects.filter(pk=question_id).update(
        receipt_status=ReceiptStatus.SENT,
        receipt_attempts=attempt,
        receipt_sent_at=timezone.now(),
        receipt_error="",
        receipt_retry_at=None,
    )
    return "sent"


# --- Receipts whose worker was lost ------------------------------------------------

# A try waits at most EMAIL_TIMEOUT for each step of the SMTP exchange (connect,
# greeting, EHLO, STARTTLS, EHLO, AUTH, MAIL, RCPT, DATA, message, QUIT): eleven.
# A task running longer than twelve times that is not waiting on the mail server
# any more, its worker is gone, so a live try is never taken for a lost one.
LOST_AFTER_TIMEOUTS = 12
LOST_TRY = "Lần gửi bị gián đoạn (tiến trình gửi thư dừng giữa chừng)."


class WorkerLost(Exception):
    """Recorded on a task whose worker stopped before it finished."""


def lost_after() -> timedelta:
    return timedelta(seconds=LOST_AFTER_TIMEOUTS * settings.EMAIL_TIMEOUT)


def recover_receipts() -> str | None:
    """Enqueue again the receipts whose task was lost with its worker.

    With the database task backend only (no other loses tasks this way). A
    ``send_receipt`` task RUNNING for longer than ``lost_after()`` is marked FAILED
    with ``WorkerLost``. A receipt pending since longer ago than that, or failed with
    its retry due longer ago than that, with no task waiting (READY) or running, is
    enqueued again at once: its lost try counts as a failed one (so a receipt that
    keeps killing its worker is given up after ``EMAIL_RETRY_DELAYS`` tries, as
    failures are), a task row that is simply gone counts nothing. The tracking page
    shows the receipt pending, or failed and to be sent again, which is then true.

    Returns a line for the scheduler's log, or None when there was nothing to do.
    """
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from .models import Question, ReceiptStatus

    if not isinstance(send_receipt.get_backend(), DatabaseBackend):
        return None
    now = timezone.now()
    cutoff = now - lost_after()
    rows = DBTaskResult.objects.filter(
        task_path=send_receipt.module_path, backend_name=send_receipt.backend
    )
    with transaction.atomic():
        lost = list(rows.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff))
        for row in lost:
            row.set_failed(WorkerLost(LOST_TRY))
        lost_tries = {row.args_kwargs["args"][0] for row in lost}
        stuck = Question.objects.exclude(email="").filter(
            Q(receipt_status=ReceiptStatus.PENDING, submitted_at__lt=cutoff)
            | Q(receipt_status=ReceiptStatus.FAILED, receipt_retry_at__lt=cutoff)
        )
        # Locked before the task rows are read: a second scheduler started by
        # mistake waits here, then finds the task enqueued by the first.
        stuck_ids = list(stuck.select_for_update().values_list("pk", flat=True))
        if not stuck_ids:
            return None
        waiting = rows.filter(
            status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
            args_kwargs__args__0__in=stuck_ids,
        )
        alive = {
            args["args"][0] for args in waiting.values_list("args_kwargs", flat=True)
        }
        again = given_up = 0
        for question in stuck.exclude(pk__in=alive):
            if _resend(question, question.pk in lost_tries, now):
                again += 1
            else:
                given_up += 1
    if not again and not given_up:
        return None
    line = f"gửi lại {again} thư xác nhận bị gián đoạn"
    if given_up:
        line += f", thôi gửi {given_up} thư"
    return line


def _resend(question, lost_try: bool, now) -> bool:
    """Enqueue ``question``'s receipt again; False when no try is left."""
    from .models import Question, ReceiptStatus

    attempts = question.receipt_attempts + lost_try
    changes = {"receipt_attempts": attempts}
    if lost_try:
        changes["receipt_error"] = LOST_TRY
    if attempts > len(settings.EMAIL_RETRY_DELAYS):
        changes.update(receipt_status=ReceiptStatus.FAILED, receipt_retry_at=None)
        Question.objects.filter(pk=question.pk).update(**changes)
        logger.error(
            "receipt e-mail for %s given up: its worker was lost",
            question.tracking_code,
        )
        return False
    if question.receipt_status == ReceiptStatus.FAILED:
        changes["receipt_retry_at"] = now
    Question.objects.filter(pk=question.pk).update(**changes)
    send_receipt.enqueue(question.pk, attempt=attempts + 1)
    logger.warning(
        "receipt e-mail for %s enqueued again: its task was lost (try %d)",
        question.tracking_code,
        attempts + 1,
    )
    return True
