from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from congtin.editorial.minute_jobs import EVERY_MINUTE

from . import admin_views, retention, scope, security_log
from .models import SecurityLogEntry


@hooks.register("register_log_actions")
def register_security_actions(actions):
    security_log.register_actions(actions)
    # Wagtail's own entries about accounts and groups (created, changed,
    # deleted in the admin) join the security log and its scope.
    actions.register_model(get_user_model(), SecurityLogEntry)
    actions.register_model(Group, SecurityLogEntry)


class AccountsMenuItem(MenuItem):
    def is_shown(self, request):
        return scope.may_view(request.user)


@hooks.register("register_admin_urls")
def accounts_admin_urls():
    return [
        path(
            "accounts/security-log/",
            admin_views.SecurityLogView.as_view(),
            name="security_log",
        ),
        path(
            "accounts/security-log/results/",
            admin_views.SecurityLogView.as_view(results_only=True),
            name="security_log_results",
        ),
        path("accounts/lockouts/", admin_views.lockouts_view, name="account_lockouts"),
    ]


@hooks.register("register_reports_menu_item")
def security_log_menu_item():
    return AccountsMenuItem(
        admin_views.LOG_TITLE,
        reverse("security_log"),
        name="security-log",
        icon_name="lock",
        order=1060,
    )


@hooks.register("register_settings_menu_item")
def lockouts_menu_item():
    return AccountsMenuItem(
        admin_views.LOCKOUTS_TITLE,
        reverse("account_lockouts"),
        name="account-lockouts",
        icon_name="lock-open",
        order=610,
    )


hooks.register(EVERY_MINUTE, retention.purge_daily)
