"""The pages a refused submission gets (honeypot, rate limit)."""

from __future__ import annotations

import logging

from django.shortcuts import render

from .addresses import client_ip

logger = logging.getLogger(__name__)

HONEYPOT_MESSAGE = (
    "Không thể nhận nội dung này: biểu mẫu có một ô ẩn đã bị điền, dấu hiệu của "
    "chương trình gửi tự động. Nếu bạn tự gửi, vui lòng tải lại trang và gửi lại."
)


def rejected_response(request, message: str, status: int, headers=None):
    """A portal page with ``message`` (plain text) and ``status``."""
    response = render(
        request,
        "core/public_form_rejected.html",
        {"message": message, "status": status},
        status=status,
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def honeypot_response(request):
    """400 with :data:`HONEYPOT_MESSAGE`; the caller saves nothing."""
    logger.info("public form honeypot filled from %s", client_ip(request))
    return rejected_response(request, HONEYPOT_MESSAGE, 400)
