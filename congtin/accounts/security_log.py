"""Security events: what is recorded, under which name, and how.

Each event is one ``SecurityLogEntry`` row written in the request that caused
it (one INSERT, nothing sent anywhere). Wagtail's own entries for accounts and
groups (``wagtail.create``, ``wagtail.edit``, ``wagtail.delete`` from the user
and group admin) are routed to the same table (``wagtail_hooks.py``).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from . import request_context
from .models import SecurityLogEntry

LOGIN = "congtin.login"
LOGIN_FAILED = "congtin.login_failed"
LOGOUT = "congtin.logout"
SESSION_EXPIRED = "congtin.session_expired"
LOCKOUT = "congtin.lockout"
UNLOCK = "congtin.unlock"
PASSWORD_CHANGE = "congtin.password_change"
PASSWORD_RESET = "congtin.password_reset"
GROUPS_CHANGE = "congtin.groups_change"
PERMISSIONS_CHANGE = "congtin.permissions_change"

ACTIONS = {
    LOGIN: "Đăng nhập",
    LOGIN_FAILED: "Đăng nhập sai",
    LOGOUT: "Đăng xuất",
    SESSION_EXPIRED: "Hết phiên vì không thao tác",
    LOCKOUT: "Tạm khóa đăng nhập",
    UNLOCK: "Mở khóa đăng nhập",
    PASSWORD_CHANGE: "Đặt / đổi mật khẩu",
    PASSWORD_RESET: "Đặt lại mật khẩu",
    GROUPS_CHANGE: "Thay đổi nhóm",
    PERMISSIONS_CHANGE: "Thay đổi quyền",
}

# A typed user name is kept as typed, within reason.
LABEL_CHARS = 150


def register_actions(actions) -> None:
    """The ``register_log_actions`` hook: every event above, with its label."""
    for action, label in ACTIONS.items():
        actions.register_action(action, label, label)


def actor_of(request) -> object | None:
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def record(
    action: str,
    *,
    target=None,
    label: str = "",
    actor=None,
    request=None,
    data: dict | None = None,
) -> SecurityLogEntry:
    """Write one event about ``target`` (an account or a group), or about the
    name ``label`` when no account has it.

    ``request`` defaults to the one being served; its client address and
    browser are recorded. ``actor`` defaults to whoever is signed in on it.
    """
    request = request if request is not None else request_context.current_request()
    if actor is None and request is not None:
        actor = actor_of(request)
    fields = request_context.client(request)
    if target is not None:
        fields["content_type"] = ContentType.objects.get_for_model(
            target, for_concrete_model=False
        )
        fields["object_id"] = str(target.pk)
        label = label or _name(target)
    return SecurityLogEntry.objects.create(
        action=action,
        label=(label or "")[:LABEL_CHARS] or "-",
        user=actor if getattr(actor, "pk", None) else None,
        timestamp=timezone.now(),
        data=data or {},
        **fields,
    )


def _name(target) -> str:
    if isinstance(target, Group):
        return target.name
    if isinstance(target, get_user_model()):
        return target.get_username()
    return str(target)


def password_changed(account) -> None:
    """A password set by its owner or an administrator (``PASSWORD_CHANGE``), or
    through a reset link by someone not signed in (``PASSWORD_RESET``)."""
    request = request_context.current_request()
    actor = actor_of(request) if request is not None else None
    action = PASSWORD_CHANGE if actor is not None else PASSWORD_RESET
    if request is None:
        # A management command (createsuperuser, changepassword) or a script.
        action = PASSWORD_CHANGE
    record(action, target=account, actor=actor, request=request)
