"""Signed-in sessions: idle expiry, browser-close cookies, other sessions ended
by a password change; anonymous readers untouched."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from congtin.accounts import security_log
from congtin.accounts.models import SecurityLogEntry
from congtin.twofactor.testing import verify_client

from .helpers import (
    PASSWORD,
    account,
    browser,
    change_password,
    sign_in,
    signed_in,
)

pytestmark = pytest.mark.django_db

HOME = "/admin/"


def signed_in_client(user, address="198.51.100.7"):
    """Signed in with the password and the second factor an administrator owes."""
    client = browser(address)
    assert sign_in(client, user.username, PASSWORD).status_code == 302
    verify_client(client, user)
    return client


def test_an_idle_session_ends_and_an_active_one_goes_on():
    user = account("bientap.lechan", is_superuser=True)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = signed_in_client(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        # Ends with the browser: no expiry date on the cookie.
        assert not cookie["expires"] and not cookie["max-age"]
    # Active every 20 minutes for an hour: still signed in.
    for minutes in (20, 40, 60):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get(HOME).status_code == 200
    # Then 31 minutes without a request.
    with time_machine.travel(start + timedelta(minutes=91), tick=False):
        response = client.get(HOME)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
        assert not signed_in(client)
    assert SecurityLogEntry.objects.filter(
        action=security_log.SESSION_EXPIRED, object_id=str(user.pk)
    ).exists()


def test_anonymous_requests_get_no_session_nor_cookie(settings):
    response = browser().get("/robots.txt")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    # Nor is the session read: that alone would make shared caches vary on Cookie.
    assert "Cookie" not in response.get("Vary", "")


def test_a_password_change_ends_the_other_sessions():
    user = account("bientap.lechan", is_superuser=True)
    office = signed_in_client(user, "198.51.100.7")
    home = signed_in_client(user, "203.0.113.20")
    new = "Song-cam-xanh-ngat-2031"
    assert change_password(office, PASSWORD, new).status_code == 302
    # The session that changed it stays signed in; the other one is out.
    assert office.get(HOME).status_code == 200
    response = home.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert not signed_in(home)


def test_a_password_reset_ends_every_session_and_is_logged():
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = account("bientap.lechan", is_superuser=True)
    office = signed_in_client(user)
    user.refresh_from_db()  # the token covers the last sign-in's time
    stranger = browser("203.0.113.30", agent="Điện thoại")
    link = reverse(
        "wagtailadmin_password_reset_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    form_url = stranger.get(link)["Location"]
    new = "Nang-vang-tren-pho-2031"
    response = stranger.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert office.get(HOME).status_code == 302
    reset = SecurityLogEntry.objects.get(action=security_log.PASSWORD_RESET)
    assert (reset.object_id, reset.user, reset.ip_address, reset.user_agent) == (
        str(user.pk),
        None,
        "203.0.113.30",
        "Điện thoại",
    )


def test_remember_me_does_not_outlive_the_browser():
    user = account("bientap.lechan", is_superuser=True)
    client = browser()
    page = client.get("/admin/login/").content.decode()
    assert 'name="remember"' not in page
    response = client.post(
        "/admin/login/",
        {"username": user.username, "password": PASSWORD, "remember": "on"},
    )
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["expires"] and not cookie["max-age"]
