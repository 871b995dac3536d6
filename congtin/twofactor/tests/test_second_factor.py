"""The admin's second factor through the test client: the steps after the
password, recovery codes, the account page, an administrator's reset and
/django-admin/. Sessions start with ``client.login`` (the password alone)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.http import HttpRequest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from congtin.accounts.models import SecurityLogEntry
from congtin.editorial.roles import ensure_admin_group
from congtin.portals.tests.factories import EditorialPortalFactory, UserFactory
from congtin.twofactor import devices
from congtin.twofactor.testing import code_for

pytestmark = pytest.mark.django_db

VERIFY = "/admin/xac-thuc-hai-buoc/"
ENROL = "/admin/xac-thuc-hai-buoc/dang-ky/"
CODES = "/admin/xac-thuc-hai-buoc/ma-du-phong/"
ACCOUNT = "/admin/xac-thuc-hai-buoc/tai-khoan/"


def reset_url(user):
    return f"/admin/xac-thuc-hai-buoc/dat-lai/{user.pk}/"


@pytest.fixture
def portal():
    return EditorialPortalFactory(name="Quận Thử", hostname="quanthu.localhost")


def sign_in(client, user):
    """The password step only, as the login form does it (django-axes wants the
    request it checks for lock-outs)."""
    assert client.login(request=HttpRequest(), username=user.username, password="x")


def with_app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name=devices.APP)


def pending_code(user) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return f"{totp(device.bin_key):06d}"


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_a_chief_editor_without_a_device_can_only_enrol(client, portal):
    chief = UserFactory(groups=[portal.groups.chiefs])
    sign_in(client, chief)
    for url in ("/admin/", "/admin/pages/", "/admin/users/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(ENROL + "?next=")
    # The steps themselves and signing out stay open.
    assert client.get(ENROL).status_code == 200
    assert client.get(VERIFY).status_code == 302  # nothing to verify yet: enrol


def test_enrolment_shows_a_qr_code_checks_the_first_code_and_shows_codes_once(
    client, portal, mailoutbox
):
    chief = UserFactory(groups=[portal.groups.chiefs])
    sign_in(client, chief)
    page = client.get(ENROL + "?next=/admin/pages/")
    html = page.content.decode()
    assert "<svg" in html and "Bật xác thực hai bước" in html
    assert devices.secret_base32(TOTPDevice.objects.get(user=chief)) in html

    code = pending_code(chief)
    refused = client.post(ENROL, {"code": wrong(code), "next": "/admin/pages/"})
    assert refused.status_code == 400
    assert "Mã không đúng" in refused.content.decode()
    TOTPDevice.objects.filter(user=chief).update(throttling_failure_count=0)
    assert client.get("/admin/").status_code == 302

    done = client.post(ENROL, {"code": code, "next": "/admin/pages/"})
    assert done.status_code == 302 and done["Location"].startswith(CODES)
    shown = client.get(done["Location"])
    codes = shown.context["codes"]
    assert len(codes) == devices.RECOVERY_CODE_COUNT
    assert all(code in shown.content.decode() for code in codes)
    assert 'href="/admin/pages/"' in shown.content.decode()
    assert client.get(CODES).status_code == 302  # shown once only
    assert client.get("/admin/").status_code == 200
    assert TOTPDevice.objects.get(user=chief).confirmed
    # The owner hears of it: an enrolment by someone else who had the password
    # would not go unseen.
    [notice] = mailoutbox
    assert notice.to == [chief.email]
    assert "vừa được bật xác thực hai bước" in notice.body
    assert "báo ngay cho Quản trị" in notice.body


def test_a_device_holder_types_the_code_after_the_password(client, portal):
    chief = UserFactory(groups=[portal.groups.chiefs])
    with_app(chief)
    sign_in(client, chief)
    response = client.get("/admin/pages/")
    assert response["Location"] == VERIFY + "?next=%2Fadmin%2Fpages%2F"
    assert client.get(ENROL).status_code == 302  # no second device unverified

    code = code_for(chief)
    refused = client.post(VERIFY, {"code": wrong(code), "next": "/admin/pages/"})
    assert refused.status_code == 400
    assert "Mã không đúng hoặc đã được dùng" in refused.content.decode()
    for junk in ("", "x" * 5000, "１２３４５６", "' OR 1=1 --"):
        assert client.post(VERIFY, {"code": junk}).status_code == 400
    TOTPDevice.objects.filter(user=chief).update(throttling_failure_count=0)

    accepted = client.post(VERIFY, {"code": code, "next": "/admin/pages/"})
    assert accepted.status_code == 302 and accepted["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_the_code_goes_back_only_inside_the_site(client, portal):
    chief = UserFactory(groups=[portal.groups.chiefs])
    with_app(chief)
    sign_in(client, chief)
    response = client.post(
        VERIFY, {"code": code_for(chief), "next": "https://example.com/"}
    )
    assert response["Location"] == "/admin/"


def test_a_recovery_code_works_once(client, portal):
    chief = UserFactory(groups=[portal.groups.chiefs])
    with_app(chief)
    code = devices.new_recovery_codes(chief)[0]
    sign_in(client, chief)
    response = client.post(VERIFY, {"code": code.upper()})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(device__user=chief).count() == 9

    client.logout()
    sign_in(client, chief)
    again = client.post(VERIFY, {"code": code})
    assert again.status_code == 400
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_wrong_codes_make_the_next_try_wait(client, portal):
    chief = UserFactory(groups=[portal.groups.chiefs])
    device = with_app(chief)
    sign_in(client, chief)
    assert client.post(VERIFY, {"code": wrong(code_for(chief))}).status_code == 400
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    device.throttling_failure_count = 5  # the next try waits 16 seconds
    device.save()
    # Even the right code waits now (django-otp's throttling).
    response = client.post(VERIFY, {"code": code_for(chief)})
    assert response.status_code == 400
    assert "Bạn đã nhập sai nhiều lần" in response.content.decode()


def test_reporters_and_editors_are_offered_it_not_forced(client, portal):
    editor = UserFactory(groups=[portal.groups.editors])
    sign_in(client, editor)
    assert client.get("/admin/").status_code == 200
    account = client.get("/admin/account/").content.decode()
    assert ACCOUNT in account and "Chưa bật" in account
    page = client.get(ACCOUNT).content.decode()
    assert "Bật xác thực hai bước" in page

    client.get(ENROL)
    client.post(ENROL, {"code": pending_code(editor)})
    client.logout()
    sign_in(client, editor)
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": code_for(editor)})
    # An optional second factor may be turned off again; a required one may not.
    assert client.post("/admin/xac-thuc-hai-buoc/tat/").status_code == 302
    assert not devices.has_device(editor)
    # Both changes are in the security log, by the person, with the address.
    entries = SecurityLogEntry.objects.filter(
        object_id=str(editor.pk), action__startswith="congtin.twofactor."
    )
    assert [(e.action, e.user_id) for e in entries.order_by("pk")] == [
        (devices.ENROL_ACTION, editor.pk),
        (devices.TURN_OFF_ACTION, editor.pk),
    ]
    enrolled = entries.order_by("pk").first()
    assert enrolled.ip_address == "127.0.0.1"
    assert enrolled.message == "Bật xác thực hai bước."


def test_a_required_second_factor_cannot_be_turned_off(client, portal):
    chief = UserFactory(groups=[portal.groups.chiefs])
    client.force_login(chief)  # password and code (congtin/conftest.py)
    client.post("/admin/xac-thuc-hai-buoc/tat/")
    assert devices.has_device(chief)


def test_new_recovery_codes_replace_the_old(client, portal):
    chief = UserFactory(groups=[portal.groups.chiefs])
    old = devices.new_recovery_codes(chief)
    client.force_login(chief)
    response = client.post("/admin/xac-thuc-hai-buoc/ma-du-phong/tao-moi/")
    new = client.get(response["Location"]).context["codes"]
    tokens = set(StaticToken.objects.values_list("token", flat=True))
    assert tokens == set(new) and not tokens & set(old)
    assert SecurityLogEntry.objects.filter(
        action=devices.NEW_CODES_ACTION, object_id=str(chief.pk), user=chief
    ).exists()


def test_quan_tri_resets_a_second_factor_and_it_is_logged(client, portal, mailoutbox):
    admin = UserFactory(groups=[ensure_admin_group()])
    chief = UserFactory(groups=[portal.groups.chiefs], first_name="Lan")
    with_app(chief)
    devices.new_recovery_codes(chief)
    client.force_login(admin)
    listing = client.get("/admin/users/").content.decode()
    assert reset_url(chief) in listing and reset_url(admin) not in listing
    assert "Ứng dụng xác thực" in client.get(reset_url(chief)).content.decode()

    response = client.post(reset_url(chief))
    assert response.status_code == 302
    assert not devices.has_device(chief)
    entry = SecurityLogEntry.objects.get(action=devices.RESET_ACTION)
    assert entry.user_id == admin.pk and entry.object_id == str(chief.pk)
    assert entry.data["devices"] == 2
    assert "Đặt lại xác thực hai bước" in entry.message
    assert [m.to for m in mailoutbox] == [[chief.email]]
    assert "đặt lại xác thực hai bước" in mailoutbox[0].body
    # The next sign-in enrols again.
    client.logout()
    sign_in(client, chief)
    assert client.get("/admin/")["Location"].startswith(ENROL)


def test_reset_stays_within_the_actors_reach(client, portal):
    other = EditorialPortalFactory(name="Quận Khác", hostname="quankhac.localhost")
    manager = UserFactory(groups=[portal.groups.chiefs])
    manager.user_permissions.add(
        Permission.objects.get(content_type__app_label="auth", codename="change_user")
    )
    own_reporter = UserFactory(groups=[portal.groups.reporters])
    outside = UserFactory(groups=[other.groups.reporters])
    superuser = get_user_model().objects.create_superuser("goc", "g@x.vn", "x")
    chief = UserFactory(groups=[portal.groups.chiefs])
    for user in (own_reporter, outside, superuser, chief):
        with_app(user)
    client.force_login(manager)
    assert client.get(reset_url(own_reporter)).status_code == 200
    for refused in (outside, superuser, manager):
        assert client.post(reset_url(refused)).status_code == 404
    assert (
        client.get("/admin/xac-thuc-hai-buoc/dat-lai/99999999999999999999/").status_code
        == 404
    )
    assert devices.has_device(outside) and devices.has_device(superuser)

    client.force_login(chief)  # no right to manage users
    assert client.post(reset_url(own_reporter)).status_code == 404
    assert devices.has_device(own_reporter)
    assert not SecurityLogEntry.objects.filter(action=devices.RESET_ACTION).exists()


def test_django_admin_asks_for_the_second_factor_too(client):
    superuser = get_user_model().objects.create_superuser("goc", "g@x.vn", "x")
    anonymous = client.get("/django-admin/", follow=True)
    assert anonymous.redirect_chain[-1][0].startswith("/admin/login/?next=")

    sign_in(client, superuser)
    assert client.get("/django-admin/")["Location"].startswith(ENROL)
    with_app(superuser)
    assert client.get("/django-admin/")["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": code_for(superuser)})
    assert client.get("/django-admin/").status_code == 200


def test_public_pages_do_not_look_at_the_user():
    from django.test import RequestFactory

    from congtin.twofactor.middleware import SecondFactorMiddleware

    class Untouchable:
        def __getattr__(self, name):
            raise AssertionError("the user was looked at")

    request = RequestFactory().get("/tin-tuc/")
    request.user = Untouchable()
    middleware = SecondFactorMiddleware(lambda request: "page")
    assert middleware(request) == "page"


def test_on_public_pages_the_password_alone_is_a_reader(client, portal):
    def userbar_on_home() -> bool:
        response = client.get("/", HTTP_HOST="quanthu.localhost")
        assert response.status_code == 200
        return b"<wagtail-userbar" in response.content

    chief = UserFactory(groups=[portal.groups.chiefs])
    with_app(chief)
    sign_in(client, chief)
    assert not userbar_on_home()
    client.post(VERIFY, {"code": code_for(chief)})
    assert userbar_on_home()
    # Someone the second factor is only offered to, who has not taken it, is
    # signed in with the password, as in the admin.
    client.logout()
    sign_in(client, UserFactory(groups=[portal.groups.reporters]))
    assert userbar_on_home()


def test_the_servers_command_resets_and_logs():
    from django.core.management import CommandError, call_command

    superuser = get_user_model().objects.create_superuser("goc", "g@x.vn", "x")
    with_app(superuser)
    call_command("reset_second_factor", "goc", stdout=io.StringIO())
    assert not devices.has_device(superuser)
    assert SecurityLogEntry.objects.get(action=devices.RESET_ACTION).user is None
    with pytest.raises(CommandError):
        call_command("reset_second_factor", "khong-co")
