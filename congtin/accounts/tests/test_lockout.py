"""Sign-in lock-out by account and by address (django-axes), through the real
login forms, with the database as the only shared state."""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone

from congtin.accounts import security_log
from congtin.accounts.models import SecurityLogEntry

from .helpers import (
    PASSWORD,
    WRONG,
    account,
    browser,
    grant_admin_access,
    quan_tri,
    sign_in,
    signed_in,
)

pytestmark = pytest.mark.django_db

LIMIT = settings.AXES_FAILURE_LIMIT
LOCKED = "Đăng nhập sai quá"


def assert_locked(response):
    assert response.status_code == 429
    text = response.content.decode()
    assert LOCKED in text and "Mời thử lại sau 15 phút" in text
    assert response["Retry-After"] == "900"


def test_forty_wrong_passwords_for_admin_lock_it_and_the_right_one_is_refused():
    account("admin", is_superuser=True, is_staff=True)
    client = browser()
    statuses = [sign_in(client, "admin", WRONG).status_code for _ in range(40)]
    # The form answers with its error until the limit, then the lock-out page.
    assert statuses[: LIMIT - 1] == [200] * (LIMIT - 1)
    assert set(statuses[LIMIT - 1 :]) == {429}
    response = sign_in(client, "admin", PASSWORD)
    assert_locked(response)
    assert not signed_in(client)


def test_an_account_is_locked_whatever_address_the_failures_come_from():
    user = account("bientap.lechan")
    grant_admin_access(user)
    for n in range(LIMIT):
        sign_in(browser(f"203.0.113.{n + 1}"), "bientap.lechan", WRONG)
    # A new address, the right password: the account itself is locked.
    assert_locked(sign_in(browser("192.0.2.50"), "bientap.lechan", PASSWORD))
    # Another account from that address is not.
    other = account("phongvien.lechan")
    grant_admin_access(other)
    client = browser("192.0.2.50")
    assert sign_in(client, "phongvien.lechan", PASSWORD).status_code == 302
    assert signed_in(client)


def test_an_address_is_locked_whatever_names_it_tries():
    user = account("bientap.lechan")
    grant_admin_access(user)
    attacker = browser("203.0.113.9")
    for n in range(LIMIT):
        sign_in(attacker, f"doan{n}", WRONG)
    # From that address even a right password of a real account is refused...
    assert_locked(sign_in(browser("203.0.113.9"), "bientap.lechan", PASSWORD))
    # ...while its owner, elsewhere, signs in.
    client = browser("192.0.2.60")
    assert sign_in(client, "bientap.lechan", PASSWORD).status_code == 302


def test_two_app_servers_share_the_count():
    # Two clients, as two app servers behind the proxy would see them: the
    # failures live in the database, not in either process.
    user = account("bientap.lechan")
    grant_admin_access(user)
    first, second = browser("203.0.113.1"), browser("203.0.113.2")
    for n in range(LIMIT):
        sign_in(first if n % 2 else second, "bientap.lechan", WRONG)
    assert_locked(sign_in(first, "bientap.lechan", PASSWORD))
    assert_locked(sign_in(second, "bientap.lechan", PASSWORD))


def test_the_lock_lifts_after_the_cool_off():
    user = account("bientap.lechan")
    grant_admin_access(user)
    client = browser()
    for _ in range(LIMIT):
        sign_in(client, "bientap.lechan", WRONG)
    assert_locked(sign_in(client, "bientap.lechan", PASSWORD))
    with time_machine.travel(timezone.now() + timedelta(minutes=14), tick=False):
        assert_locked(sign_in(client, "bientap.lechan", PASSWORD))
    # Each attempt while locked starts the cool-off again.
    with time_machine.travel(timezone.now() + timedelta(minutes=30), tick=False):
        assert sign_in(client, "bientap.lechan", PASSWORD).status_code == 302
        assert signed_in(client)


def test_the_django_admin_has_no_password_door_of_its_own():
    # /django-admin/'s login sends to the admin's (congtin/twofactor/admin_site.py),
    # so the one lock-out guards both: a password posted there signs no one in.
    account("admin", is_superuser=True, is_staff=True)
    client = browser()
    response = sign_in(client, "admin", PASSWORD, url="/django-admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert not signed_in(client)
    for _ in range(LIMIT):
        sign_in(client, "admin", WRONG)
    assert_locked(sign_in(client, "admin", PASSWORD))


def test_a_huge_user_name_is_refused_not_an_error():
    # No account's name is longer than 150 characters; django-axes stores 255.
    # Wagtail's login for restricted pages passes any length on to the backends.
    response = sign_in(browser(), "9" * 5000, WRONG, url="/_util/login/")
    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "9" * 255


def test_behind_the_proxy_each_client_address_counts(settings):
    settings.CLIENT_IP_PROXY_COUNT = 1
    user = account("bientap.lechan")
    grant_admin_access(user)
    # Everything arrives from the proxy (10.0.0.2); nginx appended the client.
    attacker = browser("10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    for n in range(LIMIT):
        sign_in(attacker, f"doan{n}", WRONG)
    assert_locked(sign_in(attacker, "bientap.lechan", PASSWORD))
    # Another reader behind the same proxy is not locked with the attacker.
    reader = browser("10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.77")
    assert sign_in(reader, "bientap.lechan", PASSWORD).status_code == 302
    # The address written by the client itself (1.2.3.4) was never trusted.
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        "203.0.113.9"
    }
    lockout = SecurityLogEntry.objects.get(action=security_log.LOCKOUT)
    assert lockout.ip_address == "203.0.113.9"


def test_quan_tri_lifts_an_account_lock_and_it_is_logged():
    user = account("bientap.lechan")
    grant_admin_access(user)
    client = browser("203.0.113.5")
    for _ in range(LIMIT):
        sign_in(client, "bientap.lechan", WRONG)
    admin = browser("192.0.2.10", agent="Firefox quản trị")
    admin.force_login(quan_tri())
    page = admin.get("/admin/accounts/lockouts/")
    assert page.status_code == 200
    assert "bientap.lechan" in page.content.decode()
    response = admin.post(
        "/admin/accounts/lockouts/", {"kind": "username", "value": "bientap.lechan"}
    )
    assert response.status_code == 302
    assert sign_in(browser("192.0.2.99"), "bientap.lechan", PASSWORD).status_code == 302
    # The page links the log's lock-outs and unlocks.
    history = admin.get(
        "/admin/accounts/security-log/",
        {"action": [security_log.LOCKOUT, security_log.UNLOCK]},
    )
    assert {e.action for e in history.context["object_list"]} == {
        security_log.LOCKOUT,
        security_log.UNLOCK,
    }
    entry = SecurityLogEntry.objects.get(action=security_log.UNLOCK)
    assert entry.user.username == "quantri.thu"
    assert entry.object_id == str(user.pk)
    assert (entry.ip_address, entry.user_agent) == ("192.0.2.10", "Firefox quản trị")


def refused(response) -> bool:
    # Wagtail answers a PermissionDenied in the admin with a redirect home.
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_quan_tri_cannot_lift_a_superuser_lock_nor_see_it():
    account("admin", is_superuser=True, is_staff=True)
    client = browser()
    for _ in range(LIMIT):
        sign_in(client, "admin", WRONG)
    admin = browser("192.0.2.10")
    admin.force_login(quan_tri())
    rows = admin.get("/admin/accounts/lockouts/").context["rows"]
    assert [row["lockout"].value for row in rows] == ["198.51.100.7"]
    response = admin.post(
        "/admin/accounts/lockouts/", {"kind": "username", "value": "admin"}
    )
    assert refused(response)
    assert_locked(sign_in(browser("192.0.2.11"), "admin", PASSWORD))


def test_an_editor_without_account_rights_gets_no_lockouts_page():
    user = account("bientap.lechan")
    grant_admin_access(user)
    attacker = browser("203.0.113.9")
    for n in range(LIMIT):
        sign_in(attacker, f"doan{n}", WRONG)
    client = browser()
    client.force_login(user)
    assert refused(client.get("/admin/accounts/lockouts/"))
    response = client.post(
        "/admin/accounts/lockouts/", {"kind": "ip_address", "value": "203.0.113.9"}
    )
    assert refused(response)
    assert_locked(sign_in(attacker, "bientap.lechan", PASSWORD))


def test_password_reset_requests_are_limited(settings):
    settings.PUBLIC_FORMS_CONTACT_LIMIT = 2
    account("bientap.lechan")
    client = browser()
    statuses = [
        client.post(
            "/admin/password_reset/", {"email": "bientap.lechan@example.com"}
        ).status_code
        for _ in range(3)
    ]
    assert statuses == [302, 302, 429]
    response = client.post(
        "/admin/password_reset/", {"email": "bientap.lechan@example.com"}
    )
    assert "Gửi yêu cầu quá nhiều lần" in response.content.decode()
    assert int(response["Retry-After"]) > 0
