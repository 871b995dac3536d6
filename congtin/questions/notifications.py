"""The receipt e-mail: plain text, sent after the question is safely stored.

Sending happens in ``transaction.on_commit``: the question is in the database before
any mail server is asked, and a mail server that fails is logged, never shown to the
citizen and never undoes the submission.
"""

import logging

from django.core.mail import EmailMessage
from django.db import transaction

logger = logging.getLogger(__name__)


def receipt_text(question) -> str:
    url = question.get_full_tracking_url() or ""
    lines = [
        f"Kính gửi {question.name},",
        "",
        f"{question.site.site_name} đã nhận câu hỏi của bạn:",
        f"“{question.title}”",
        "",
        f"Mã theo dõi: {question.tracking_code}",
        f"Hạn trả lời dự kiến: {question.deadline:%d/%m/%Y} (15 ngày làm việc).",
    ]
    if url:
        lines += ["", f"Theo dõi tình trạng xử lý tại: {url}"]
    lines += [
        "",
        "Thư này được gửi tự động; vui lòng không trả lời thư này.",
    ]
    return "\n".join(lines)


def send_receipt(question) -> bool:
    """Send the receipt when the citizen gave an e-mail; False when it failed."""
    if not question.email:
        return False
    try:
        EmailMessage(
            subject=f"Đã nhận câu hỏi {question.tracking_code}",
            body=receipt_text(question),
            to=[question.email],
        ).send()
    except Exception:
        # Any failure of the mail server: the question is saved and the citizen
        # has the code on screen; staff see the log.
        logger.exception("receipt e-mail for %s failed", question.tracking_code)
        return False
    return True


def send_receipt_after_commit(question) -> None:
    pk = question.pk

    def send():
        from .models import Question

        stored = Question.objects.select_related("site").filter(pk=pk).first()
        if stored is not None:
            send_receipt(stored)

    transaction.on_commit(send)
