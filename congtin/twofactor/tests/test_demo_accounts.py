"""The demo's accounts: those who must have a second factor have the demo's
authenticator secret, printed by ``demo_logins``; its codes sign them in."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.http import HttpRequest

from congtin.demo.authenticator import DemoAuthenticator
from congtin.demo.management.commands.load_demo import DEMO_ADMIN_PASSWORD
from congtin.twofactor import devices

pytestmark = pytest.mark.django_db


def test_accounts_that_must_have_it_get_the_demo_secret(demo):
    with_device = {
        user.username
        for user in get_user_model().objects.all()
        if devices.has_device(user)
    }
    assert with_device == {
        "admin",
        "quantri",
        "haiphong.truongban",
        "lechan.truongban",
    }
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    printed = out.getvalue()
    for username in with_device:
        assert username in printed
    assert "otpauth://totp/" in printed and "secret=" in printed


def test_the_demo_authenticator_signs_in_twice_within_a_step(client, demo):
    authenticator = DemoAuthenticator()
    for _ in range(2):
        client.logout()
        assert client.login(
            request=HttpRequest(),
            username="lechan.truongban",
            password=DEMO_ADMIN_PASSWORD,
        )
        assert client.get("/admin/").status_code == 302
        response = client.post(
            "/admin/xac-thuc-hai-buoc/",
            {"code": authenticator.code("lechan.truongban")},
        )
        assert response.status_code == 302
        assert client.get("/admin/").status_code == 200
