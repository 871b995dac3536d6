"""Signing in with the second factor, for tests and the screenshot script.

``verify_client`` does for a test client what typing the code does in the browser:
it asks the middleware's own question (has the person a device? must they have
one?), enrols a real authenticator device if they must and have none, and marks
the session verified through ``django_otp.login`` with that device. ``code_for``
computes the code the person's app would show (``django_otp.oath.totp``), one
step ahead when the current one was used already, as a second sign-in within
the same 30 seconds needs.
"""

import time

import django_otp
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import devices, policy


def app_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def enrolled_device(user) -> TOTPDevice:
    """The person's authenticator device, enrolled now if they had none."""
    device = app_device(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=devices.APP)
    return device


def verify_client(client, user) -> None:
    """Complete the second factor of ``client``'s session, signed in as ``user``."""
    if not (devices.has_device(user) or policy.is_required(user)):
        return  # nothing asked of this person after the password
    device = enrolled_device(user)
    request = HttpRequest()
    request.session = client.session
    request.user = user
    django_otp.login(request, device)
    request.session.save()


def code_for(user_or_username) -> str:
    """The code the person's authenticator app shows now, not used yet."""
    user = user_or_username
    if isinstance(user, str):
        user = get_user_model().objects.get(username=user)
    device = app_device(user)
    if device is None:
        raise LookupError(f"{user} has no authenticator device")
    while True:
        now = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        for offset in range(device.tolerance + 1):
            if now.t() + offset > device.last_t:
                token = totp(
                    device.bin_key,
                    device.step,
                    device.t0,
                    device.digits,
                    device.drift + offset,
                )
                return f"{token:0{device.digits}d}"
        time.sleep(1)  # every acceptable step used: wait for the next
