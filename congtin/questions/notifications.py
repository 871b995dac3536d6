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

The receipt holds nothing the citizen wrote, not even the name: anyone can type
anyone's address in the form, and the portal's own address must not carry a
stranger's words. It gives the portal, the time received, the tracking code and
the tracking link.
"""

import logging

from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

from congtin.core.mail import (
    MAIL_QUEUE,
    delivery_connection,
    describe_failure,
    retry_later,
)
from congtin.core.vietnamese import format_datetime

logger = logging.getLogger(__name__)


def receipt_text(question) -> str:
    url = question.get_full_tracking_url() or ""
    received = timezone.localtime(question.submitted_at)
    lines = [
        f"{question.site.site_name} đã nhận một câu hỏi gửi qua cổng lúc "
        f"{format_datetime(received)}, kèm địa chỉ thư điện tử này.",
        "",
        f"Mã theo dõi: {question.tracking_code}",
        f"Hạn trả lời dự kiến: {question.deadline:%d/%m/%Y} (15 ngày làm việc).",
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
