"""A message to the account's own address whenever its second factor changes.

A required account that has never enrolled can be enrolled by whoever signs in
with its password first (docs/security.md, "Second factor"); the message is how the
owner learns of an enrolment, new codes, a turn-off or a reset that was not theirs.
It is queued for the task worker like every message (congtin.core.mail).
"""

from __future__ import annotations

from django.core.mail import send_mail
from django.utils import timezone

from . import devices

WHAT = {
    devices.ENROL_ACTION: "vừa được bật xác thực hai bước với một ứng dụng xác thực mới",
    devices.NEW_CODES_ACTION: "vừa được tạo bộ mã dự phòng mới (các mã cũ hết hiệu lực)",
    devices.TURN_OFF_ACTION: "vừa được tắt xác thực hai bước",
    devices.RESET_ACTION: "vừa được Quản trị đặt lại xác thực hai bước; lần đăng "
    "nhập tới, bạn sẽ bật lại từ đầu",
}


def tell_owner(user, action: str) -> bool:
    """Queue the message for ``user``; False when the account has no address."""
    if not user.email or action not in WHAT:
        return False
    when = timezone.localtime().strftime("%H:%M ngày %d/%m/%Y")
    send_mail(
        "Thay đổi xác thực hai bước của tài khoản",
        f"Tài khoản {user.get_username()} {WHAT[action]} lúc {when}.\n\n"
        "Nếu đó là bạn, không cần làm gì thêm. Nếu không phải bạn, hãy báo ngay "
        "cho Quản trị của cổng để khóa tài khoản và đổi mật khẩu.",
        None,
        [user.email],
    )
    return True
