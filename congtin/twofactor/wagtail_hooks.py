"""The second factor in Wagtail's admin: its pages, the account page's entry,
the user admin's reset button and the reset's label in the audit log."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.widgets.button import ListingButton
from wagtail.log_actions import LogFormatter

from . import devices, policy, scope, urls


@hooks.register("register_admin_urls")
def second_factor_urls():
    return [path("xac-thuc-hai-buoc/", include(urls, namespace="twofactor"))]


@hooks.register("register_account_menu_item")
def account_item(request):
    if devices.has_device(request.user):
        text = "Đã bật. Đổi ứng dụng xác thực, tạo mã dự phòng mới."
    elif policy.is_required(request.user):
        text = "Bắt buộc với tài khoản có quyền xuất bản hoặc quản trị."
    else:
        text = "Chưa bật. Thêm một lớp bảo vệ: mã trên điện thoại sau mật khẩu."
    return {
        "url": reverse("twofactor:account"),
        "label": "Xác thực hai bước",
        "help_text": text,
    }


@hooks.register("register_user_listing_buttons")
def reset_button(user, request_user):
    if scope.may_reset(request_user, user):
        yield ListingButton(
            "Đặt lại xác thực hai bước",
            reverse("twofactor:reset", args=[user.pk]),
            icon_name="key",
            priority=60,
        )


@hooks.register("register_log_actions")
def register_reset_action(actions):
    @actions.register_action(devices.RESET_ACTION)
    class ResetFormatter(LogFormatter):
        label = "Đặt lại xác thực hai bước"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return (
                f"Đặt lại xác thực hai bước của tài khoản “{data.get('username', '')}”"
                f" (xóa {data.get('devices', 0)} thiết bị)."
            )


OWN_CHANGES = {
    devices.ENROL_ACTION: "Bật xác thực hai bước",
    devices.NEW_CODES_ACTION: "Tạo mã dự phòng mới",
    devices.TURN_OFF_ACTION: "Tắt xác thực hai bước",
}


@hooks.register("register_log_actions")
def register_own_change_actions(actions):
    for action, label in OWN_CHANGES.items():
        actions.register_action(action, label, f"{label}.")
