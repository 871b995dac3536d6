"""The security log: each event with its address and browser, the admin page,
its scope, its spreadsheet and its retention."""

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from congtin.accounts import retention, security_log
from congtin.accounts.models import SecurityLogEntry
from congtin.portals.models import PortalGroup, Role

from .helpers import (
    PASSWORD,
    WRONG,
    account,
    browser,
    grant_admin_access,
    quan_tri,
    sign_in,
)

pytestmark = pytest.mark.django_db

LOG_URL = "/admin/accounts/security-log/"
AGENT = "Mozilla/5.0 (Thử nghiệm)"


def actions_about(user):
    return list(
        SecurityLogEntry.objects.filter(object_id=str(user.pk))
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def test_sign_in_events_are_recorded_with_address_and_browser():
    user = account("bientap.lechan", is_superuser=True)
    client = browser("203.0.113.4")
    sign_in(client, "bientap.lechan", WRONG)
    sign_in(client, "khong.co.ai", WRONG)
    sign_in(client, "bientap.lechan", PASSWORD)
    client.post("/admin/logout/")
    assert actions_about(user) == [
        security_log.LOGIN_FAILED,
        security_log.LOGIN,
        security_log.LOGOUT,
    ]
    entries = SecurityLogEntry.objects.all()
    assert {(e.ip_address, e.user_agent) for e in entries} == {("203.0.113.4", AGENT)}
    unknown = entries.get(label="khong.co.ai")
    assert unknown.action == security_log.LOGIN_FAILED
    assert (unknown.content_type, unknown.object_id, unknown.user) == (None, "", None)
    login = entries.get(action=security_log.LOGIN)
    assert login.user == user


def test_a_lockout_is_recorded_once():
    user = account("bientap.lechan")
    client = browser("203.0.113.4")
    for _ in range(settings.AXES_FAILURE_LIMIT + 3):
        sign_in(client, "bientap.lechan", WRONG)
    lockouts = SecurityLogEntry.objects.filter(action=security_log.LOCKOUT)
    assert [(e.object_id, e.ip_address) for e in lockouts] == [
        (str(user.pk), "203.0.113.4")
    ]
    assert lockouts[0].data == {"cool_off_minutes": 15}


def test_group_and_permission_changes_are_recorded_with_who_did_them():
    user = account("bientap.lechan")
    group = Group.objects.create(name="Biên tập viên thử")
    admin = account("quantri.he", is_superuser=True)
    client = browser("192.0.2.8")
    client.force_login(admin)
    form = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "password1": "",
        "password2": "",
        "is_active": "on",
        "groups": [group.pk],
    }
    response = client.post(reverse("wagtailusers_users:edit", args=[user.pk]), form)
    assert response.status_code == 302
    change = SecurityLogEntry.objects.get(action=security_log.GROUPS_CHANGE)
    assert (change.object_id, change.user, change.ip_address) == (
        str(user.pk),
        admin,
        "192.0.2.8",
    )
    assert change.data == {"added": ["Biên tập viên thử"]}
    # Wagtail's own entry for the edit lands in the same log.
    assert SecurityLogEntry.objects.filter(
        action="wagtail.edit", object_id=str(user.pk), ip_address="192.0.2.8"
    ).exists()
    group.permissions.add(Permission.objects.get(codename="change_user"))
    permissions = SecurityLogEntry.objects.get(action=security_log.PERMISSIONS_CHANGE)
    assert permissions.label == "Biên tập viên thử"
    assert permissions.data == {"added": ["auth.change_user"]}


def portal_people():
    """Two portals, a person in each, and someone who manages accounts in the
    first only."""
    city = Site.objects.get(is_default_site=True)
    lechan = Site.objects.create(
        hostname="lechan.localhost", port=80, root_page=city.root_page
    )

    def portal_group(name, site, role, *codenames):
        group = Group.objects.create(name=name)
        PortalGroup.objects.create(group=group, site=site, role=role)
        group.permissions.add(*Permission.objects.filter(codename__in=codenames))
        return group

    managers = portal_group(
        "Lê Chân - Trưởng ban", lechan, Role.CHIEF, "change_user", "access_admin"
    )
    lechan_reporters = portal_group("Lê Chân - Phóng viên", lechan, Role.REPORTER)
    city_reporters = portal_group("Thành phố - Phóng viên", city, Role.REPORTER)
    manager = account("truongban.lechan")
    manager.groups.add(managers)
    lechan_person = account("phongvien.lechan")
    lechan_person.groups.add(lechan_reporters)
    city_person = account("phongvien.haiphong")
    city_person.groups.add(city_reporters)
    return manager, lechan_person, city_person


def labels_seen(client, **filters):
    response = client.get(LOG_URL, filters)
    assert response.status_code == 200
    return {entry.label for entry in response.context["object_list"]}


def test_each_administrator_sees_their_portals_people_only():
    manager, lechan_person, city_person = portal_people()
    superuser = account("admin", is_superuser=True)
    for username in ("phongvien.lechan", "phongvien.haiphong", "admin", "ai.do"):
        sign_in(browser(), username, WRONG)

    client = browser()
    client.force_login(superuser)
    assert labels_seen(client) >= {
        "phongvien.lechan",
        "phongvien.haiphong",
        "admin",
        "ai.do",
    }

    client.force_login(quan_tri())
    seen = labels_seen(client)
    assert {"phongvien.lechan", "phongvien.haiphong"} <= seen
    assert not seen & {"admin", "ai.do"}

    client.force_login(manager)
    seen = labels_seen(client)
    # Their portal's people and groups (their own set-up included), no one else.
    assert "phongvien.lechan" in seen
    assert seen <= {
        "phongvien.lechan",
        "truongban.lechan",
        "Lê Chân - Trưởng ban",
        "Lê Chân - Phóng viên",
    }
    # Wagtail's site history shows them no more.
    history = client.get("/admin/reports/site-history/")
    assert "phongvien.haiphong" not in history.content.decode()

    client.force_login(lechan_person)
    grant_admin_access(lechan_person)
    response = client.get(LOG_URL)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_filters_by_event_and_address():
    superuser = account("admin", is_superuser=True)
    sign_in(browser("203.0.113.4"), "admin", WRONG)
    sign_in(browser("198.51.100.9"), "admin", PASSWORD)
    client = browser()
    client.force_login(superuser)
    only_failures = client.get(LOG_URL, {"action": security_log.LOGIN_FAILED})
    assert [e.ip_address for e in only_failures.context["object_list"]] == [
        "203.0.113.4"
    ]
    by_address = client.get(LOG_URL, {"ip_address": "198.51.100."})
    assert {e.action for e in by_address.context["object_list"]} == {security_log.LOGIN}
    assert client.get(LOG_URL, {"action": "khong-co"}).status_code == 400


def test_the_spreadsheet_escapes_formulas():
    superuser = account("admin", is_superuser=True)
    sign_in(
        browser("203.0.113.4", agent="=cmd|' /C calc'!A0"),
        '=HYPERLINK("http://x","bấm")',
        WRONG,
    )
    client = browser()
    client.force_login(superuser)
    response = client.get(LOG_URL, {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0] == [
        "Thời gian",
        "Sự kiện",
        "Tài khoản / nhóm",
        "Người thực hiện",
        "Địa chỉ IP",
        "Trình duyệt",
        "Chi tiết",
    ]
    failed = next(row for row in rows if row[1] == "Đăng nhập sai")
    assert failed[2] == '\'=HYPERLINK("http://x","bấm")'
    assert failed[5] == "'=cmd|' /C calc'!A0"
    assert failed[3] == "Chưa đăng nhập" and failed[4] == "203.0.113.4"
    xlsx = client.get(LOG_URL, {"export": "xlsx"})
    assert xlsx.status_code == 200


def test_old_events_are_purged_once_a_day(settings):
    settings.SECURITY_LOG_RETENTION_DAYS = 30
    user = account("bientap.lechan")
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=31), tick=False):
        security_log.record(security_log.LOGIN, target=user)
    with time_machine.travel(now - timedelta(days=29), tick=False):
        security_log.record(security_log.LOGOUT, target=user)
    from django.core.cache import cache

    cache.delete(retention.DAY_KEY)
    assert retention.purge_daily() == "Đã xóa 1 mục nhật ký bảo mật quá hạn lưu giữ."
    assert actions_about(user) == [security_log.LOGOUT]
    # Later ticks the same day do nothing.
    with time_machine.travel(now - timedelta(days=31), tick=False):
        security_log.record(security_log.LOGIN, target=user)
    assert retention.purge_daily() is None
    assert SecurityLogEntry.objects.count() == 2


def test_the_purge_runs_in_the_scheduler_round():
    from wagtail import hooks

    from congtin.editorial.minute_jobs import EVERY_MINUTE

    assert retention.purge_daily in hooks.get_hooks(EVERY_MINUTE)


def test_wagtails_site_history_lists_security_events_too():
    superuser = account("admin", is_superuser=True)
    sign_in(browser(), "ai.do", WRONG)
    sign_in(browser(), "admin", PASSWORD)
    client = browser()
    client.force_login(superuser)
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "ai.do" in text and "Đăng nhập sai" in text
    assert (
        client.get("/admin/reports/site-history/", {"export": "csv"}).status_code == 200
    )


def test_the_purge_command_counts_then_deletes(settings):
    from django.core.management import call_command

    settings.SECURITY_LOG_RETENTION_DAYS = 30
    user = account("bientap.lechan")
    with time_machine.travel(timezone.now() - timedelta(days=40), tick=False):
        security_log.record(security_log.LOGIN, target=user)
    out = io.StringIO()
    call_command("purge_security_log", "--dry-run", stdout=out)
    assert out.getvalue().strip() == "Sẽ xóa 1 mục nhật ký bảo mật."
    assert SecurityLogEntry.objects.count() == 1
    call_command("purge_security_log", stdout=out)
    assert "Đã xóa 1 mục nhật ký bảo mật." in out.getvalue()
    assert SecurityLogEntry.objects.count() == 0
