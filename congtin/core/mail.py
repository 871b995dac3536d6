"""Mail leaves the request: every message is a background task sent by the worker.

``TaskEmailBackend`` is ``EMAIL_BACKEND``. It sends nothing: each message becomes a
``deliver_email`` task on the "mail" queue, a row written in the caller's own
transaction (an action that is rolled back sends no mail). The task worker
(``manage.py db_worker``, see docs/deployment.md) sends it with
``EMAIL_DELIVERY_BACKEND`` (SMTP in production, which gives up on a silent server
after ``EMAIL_TIMEOUT`` seconds). So Wagtail's workflow notifications, password
resets and every other message cost a request one INSERT, whatever the mail server
does.

A failed delivery is tried again after each of ``EMAIL_RETRY_DELAYS`` seconds
(``retry_later``); every failed try leaves a FAILED task result with its traceback
(``/django-admin/`` > Task results), and the last one is logged as given up.

Work that must know whether its message went out (the citizen's receipt,
``congtin.questions.notifications``) runs as its own task and sends with
``delivery_connection()`` directly.
"""

from __future__ import annotations

import base64
import logging
from datetime import datetime, timedelta
from email.mime.base import MIMEBase
from typing import cast

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

logger = logging.getLogger(__name__)

MAIL_QUEUE = "mail"


def delivery_backend_path() -> str:
    """``EMAIL_DELIVERY_BACKEND``, refused when it would only queue the mail again."""
    path = settings.EMAIL_DELIVERY_BACKEND
    if issubclass(import_string(path), TaskEmailBackend):
        raise ImproperlyConfigured(
            "EMAIL_DELIVERY_BACKEND must send mail, not queue it again: "
            "set it to e.g. django.core.mail.backends.smtp.EmailBackend."
        )
    return path


def delivery_connection(**kwargs) -> BaseEmailBackend:
    """A connection of the backend that really sends (``EMAIL_DELIVERY_BACKEND``)."""
    return get_connection(delivery_backend_path(), **kwargs)


def retry_later(task_to_retry, attempt: int, *args) -> datetime | None:
    """Enqueue ``task_to_retry(*args, attempt=attempt + 1)`` after the back-off.

    The delay is the ``attempt``-th of ``EMAIL_RETRY_DELAYS``. Returns when the next
    try is due, or None when no try is left, or when the task backend cannot wait
    (the immediate backend, in tests): then this failure is the last.
    """
    delays = list(settings.EMAIL_RETRY_DELAYS)
    if attempt > len(delays):
        return None
    if not task_to_retry.get_backend().supports_defer:
        return None
    when = timezone.now() + timedelta(seconds=delays[attempt - 1])
    task_to_retry.using(run_after=when).enqueue(*args, attempt=attempt + 1)
    return when


def describe_failure(error: BaseException) -> str:
    """What went wrong, in Vietnamese, for staff; never the addresses involved."""
    import smtplib  # only the task worker sends; web workers queue

    if any(isinstance(e, TimeoutError) for e in _chain(error)):
        return f"Máy chủ thư không trả lời (quá {settings.EMAIL_TIMEOUT:g} giây)."
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _ in error.recipients.values()})
        return "Máy chủ thư từ chối người nhận (mã " + ", ".join(map(str, codes)) + ")."
    if isinstance(error, smtplib.SMTPResponseException):
        return f"Máy chủ thư từ chối (mã {error.smtp_code})."
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return "Máy chủ thư ngắt kết nối."
    if isinstance(error, ConnectionError | OSError):
        return "Không kết nối được máy chủ thư."
    return f"Lỗi khi gửi thư ({type(error).__name__})."


def _chain(error: BaseException):
    # smtplib turns a read that timed out into SMTPServerDisconnected; the timeout
    # is its context.
    seen = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


# --- Messages as task arguments (JSON) -------------------------------------------


def _attachment_to_dict(item) -> dict:
    if isinstance(item, MIMEBase):
        filename = item.get_filename()
        content = cast(bytes, item.get_payload(decode=True) or b"")
        mimetype = item.get_content_type()
    else:
        filename, content, mimetype = item
    if isinstance(content, str):
        return {"filename": filename, "text": content, "mimetype": mimetype}
    return {
        "filename": filename,
        "base64": base64.b64encode(content).decode("ascii"),
        "mimetype": mimetype,
    }


def message_to_dict(message) -> dict:
    """Everything needed to build ``message`` again in the worker, JSON-safe."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(k): str(v) for k, v in message.extra_headers.items()},
        "content_subtype": message.content_subtype,
        "mixed_subtype": message.mixed_subtype,
        "encoding": message.encoding,
        "alternatives": [
            [str(content), mimetype]
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [_attachment_to_dict(item) for item in message.attachments],
    }


def message_from_dict(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data["content_subtype"]
    message.mixed_subtype = data["mixed_subtype"]
    message.encoding = data["encoding"]
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for item in data["attachments"]:
        content = item["text"] if "text" in item else base64.b64decode(item["base64"])
        message.attach(item["filename"], content, item["mimetype"])
    return message


# --- The task and the backend -------------------------------------------------------


@task(queue_name=MAIL_QUEUE)
def deliver_email(message: dict, attempt: int = 1) -> int:
    """Send one queued message; on failure schedule the next try, then re-raise."""
    email = message_from_dict(message)
    try:
        with delivery_connection() as connection:
            sent = connection.send_messages([email])
    except Exception as error:
        retry_at = retry_later(deliver_email, attempt, message)
        log = logger.warning if retry_at else logger.error
        log(
            "mail %r, try %d failed (%s); %s",
            email.subject,
            attempt,
            describe_failure(error),
            f"next try at {retry_at:%Y-%m-%d %H:%M:%S}" if retry_at else "given up",
        )
        raise
    return sent or 0


class TaskEmailBackend(BaseEmailBackend):
    """``EMAIL_BACKEND``: queue each message as a ``deliver_email`` task.

    Returns the number of messages queued. ``fail_silently`` covers a failure to
    queue (the database), as a sending backend's covers a failure to send. A
    delivery backend that would queue again is refused here, in the request,
    rather than in the worker, where no one would see it.
    """

    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        delivery_backend_path()

    def send_messages(self, email_messages) -> int:
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                deliver_email.enqueue(message_to_dict(message))
            except Exception:
                if not self.fail_silently:
                    raise
                logger.exception("mail %r could not be queued", message.subject)
                continue
            queued += 1
        return queued
