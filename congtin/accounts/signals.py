"""Security events from Django's, django-axes' and the models' signals."""

from __future__ import annotations

from datetime import timedelta

from axes.helpers import get_cool_off
from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.db.models import Q
from django.db.models.signals import m2m_changed
from django.utils import timezone

from . import request_context, security_log, sessions
from .models import SecurityLogEntry


def connect() -> None:
    User = get_user_model()
    user_logged_in.connect(logged_in, dispatch_uid="congtin-accounts-login")
    user_logged_out.connect(logged_out, dispatch_uid="congtin-accounts-logout")
    user_login_failed.connect(login_failed, dispatch_uid="congtin-accounts-failed")
    user_locked_out.connect(locked_out, dispatch_uid="congtin-accounts-lockout")
    m2m_changed.connect(
        memberships_changed,
        sender=User.groups.through,
        dispatch_uid="congtin-accounts-groups",
    )
    m2m_changed.connect(
        user_permissions_changed,
        sender=User.user_permissions.through,
        dispatch_uid="congtin-accounts-user-permissions",
    )
    m2m_changed.connect(
        group_permissions_changed,
        sender=Group.permissions.through,
        dispatch_uid="congtin-accounts-group-permissions",
    )


def logged_in(sender, request, user, **kwargs):
    sessions.start(request)
    security_log.record(security_log.LOGIN, target=user, actor=user, request=request)


def logged_out(sender, request, user, **kwargs):
    if user is None:
        return
    action = (
        security_log.SESSION_EXPIRED
        if getattr(request, "congtin_session_expired", False)
        else security_log.LOGOUT
    )
    security_log.record(action, target=user, actor=user, request=request)


def login_failed(sender, credentials, request=None, **kwargs):
    typed = credentials.get(get_user_model().USERNAME_FIELD) or credentials.get(
        "username"
    )
    typed = typed if isinstance(typed, str) else ""
    account = _account(typed)
    security_log.record(
        security_log.LOGIN_FAILED,
        target=account,
        label=typed,
        actor=None,
        request=request,
    )


def locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    # django-axes signals again at every attempt made while locked out; one
    # entry per lock-out period is enough.
    typed = username if isinstance(username, str) else ""
    account = _account(typed)
    label = account.get_username() if account else typed
    cool_off = get_cool_off(request) or timedelta(days=1)
    since = timezone.now() - cool_off
    client = request_context.client(request)
    # Either the name or the address is what is locked; a later attempt on
    # the same one is the same lock-out.
    same = Q(label=label[: security_log.LABEL_CHARS] or "-")
    if client.get("ip_address"):
        same |= Q(ip_address=client["ip_address"])
    already = SecurityLogEntry.objects.filter(
        same, action=security_log.LOCKOUT, timestamp__gte=since
    )
    if already.exists():
        return
    security_log.record(
        security_log.LOCKOUT,
        target=account,
        label=typed,
        actor=None,
        request=request,
        data={"cool_off_minutes": int(cool_off.total_seconds() // 60)},
    )


def memberships_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    User = get_user_model()
    change = _m2m_change(instance, action, reverse, model, pk_set, "groups")
    if change is None:
        return
    if reverse:
        # group.user_set.add(...): one entry per account.
        for account in User.objects.filter(pk__in=change["pks"]):
            _record_membership(account, [instance.name], change["how"])
    else:
        names = list(
            Group.objects.filter(pk__in=change["pks"]).values_list("name", flat=True)
        )
        _record_membership(instance, names, change["how"])


def _record_membership(account, names, how):
    if names:
        security_log.record(
            security_log.GROUPS_CHANGE, target=account, data={how: sorted(names)}
        )


def user_permissions_changed(sender, instance, action, reverse, model, pk_set, **kw):
    _permissions_changed(instance, action, reverse, model, pk_set)


def group_permissions_changed(sender, instance, action, reverse, model, pk_set, **kw):
    _permissions_changed(instance, action, reverse, model, pk_set)


def _permissions_changed(instance, action, reverse, model, pk_set):
    from django.contrib.auth.models import Permission

    change = _m2m_change(instance, action, reverse, model, pk_set, "permissions")
    if change is None:
        return
    if reverse:
        # permission.user_set / group_set: rare, recorded on each holder.
        for holder in model.objects.filter(pk__in=change["pks"]):
            codename = f"{instance.content_type.app_label}.{instance.codename}"
            security_log.record(
                security_log.PERMISSIONS_CHANGE,
                target=holder,
                data={change["how"]: [codename]},
            )
        return
    codenames = sorted(
        f"{app}.{code}"
        for app, code in Permission.objects.filter(pk__in=change["pks"]).values_list(
            "content_type__app_label", "codename"
        )
    )
    if codenames:
        security_log.record(
            security_log.PERMISSIONS_CHANGE,
            target=instance,
            data={change["how"]: codenames},
        )


def _m2m_change(instance, action, reverse, model, pk_set, attribute):
    """{"how": "added"/"removed", "pks": [...]} for a change worth an entry."""
    if action in ("post_add", "post_remove") and pk_set:
        how = "added" if action == "post_add" else "removed"
        return {"how": how, "pks": list(pk_set)}
    if action == "pre_clear" and not reverse:
        # After the clear nothing says what was there.
        pks = list(getattr(instance, attribute).values_list("pk", flat=True))
        return {"how": "removed", "pks": pks} if pks else None
    return None


def _account(typed: str):
    if not typed:
        return None
    return (
        get_user_model()
        ._default_manager.filter(**{get_user_model().USERNAME_FIELD: typed})
        .first()
    )
