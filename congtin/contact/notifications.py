"""The two e-mails of a contact message, queued through ``congtin.core.mail``.

Both are sent with Django's mail API, whose backend (``TaskEmailBackend``) only
writes a task row in the transaction that stores the message: the worker delivers
them, with the retries of ``EMAIL_RETRY_DELAYS``, and a message that was not
stored sends nothing.

- To the department (its address in ``ContactRecipient``): everything the citizen
  wrote, Reply-To the citizen's address when given, and the link to the message
  in the admin.
- The receipt to the citizen, when an address was given: fixed text with the
  portal, the department, the time and the reference only. Anyone may type
  anyone's address in the form, so the portal's address must never carry a
  stranger's words to a third party (no name, title or text); the per-contact
  limit of ``public_forms.consume`` bounds how many receipts one address gets.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone

from congtin.core.vietnamese import format_datetime

AUTO = {"Auto-Submitted": "auto-generated"}


def department_message(message, admin_url: str) -> EmailMessage:
    sent = format_datetime(timezone.localtime(message.created_at))
    lines = [
        f"Thư liên hệ gửi qua {message.site.site_name} lúc {sent}.",
        "",
        f"Mã thư: {message.reference}",
        f"Gửi đến: {message.department_name}",
        f"Người gửi: {message.name}",
        f"Thư điện tử: {message.email or '(không ghi)'}",
        f"Số điện thoại: {message.phone or '(không ghi)'}",
        f"Tiêu đề: {message.title}",
        "",
        message.text,
        "",
        "---",
        f"Xem và đánh dấu đã xử lý: {admin_url}",
    ]
    if message.email:
        lines.append("Trả lời thư này để trả lời trực tiếp người gửi.")
    return EmailMessage(
        # The citizen's title is one line (clean_text), so it is safe in a header.
        subject=f"[{message.reference}] {message.title}",
        body="\n".join(lines),
        to=[message.recipient.email],
        reply_to=[message.email] if message.email else None,
        headers=AUTO,
    )


def receipt_message(message) -> EmailMessage:
    sent = format_datetime(timezone.localtime(message.created_at))
    body = "\n".join(
        [
            f"{message.site.site_name} đã nhận một thư liên hệ gửi qua cổng lúc "
            f"{sent}, kèm địa chỉ thư điện tử này.",
            "",
            f"Mã thư: {message.reference}",
            f"Đã chuyển đến: {message.department_name}",
            "",
            "Khi liên hệ lại với cơ quan về thư này, vui lòng cho biết mã thư.",
            "Nếu bạn không gửi thư nào, vui lòng bỏ qua thư này.",
            "Thư này được gửi tự động; vui lòng không trả lời thư này.",
        ]
    )
    return EmailMessage(
        subject=f"Đã nhận thư liên hệ {message.reference}",
        body=body,
        to=[message.email],
        headers=AUTO,
    )


def queue_mails(message, request) -> None:
    """Queue the department's copy and, when there is an address, the receipt.

    Call inside the transaction that stores ``message``.
    """
    path = reverse("wagtailsnippets_contact_contactmessage:edit", args=[message.pk])
    # The admin's own address (as in Wagtail's notifications): it may not be
    # served on the portal's public host.
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    admin_url = base.rstrip("/") + path if base else request.build_absolute_uri(path)
    department_message(message, admin_url).send()
    if message.email:
        receipt_message(message).send()
