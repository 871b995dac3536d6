"""The demo accounts' authenticator secrets, known so anyone can sign in.

Every demo account that must have a second factor (chief editors, Quản trị,
the superuser: ``congtin.twofactor.policy``) gets an authenticator device whose
secret is derived from its username; ``manage.py demo_logins`` prints each one
as the base32 text to type into an app and as the otpauth:// address its QR
code holds. Demo only: this app is never installed in production.
"""

from base64 import b32encode

from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from congtin.demo.authenticator import demo_key
from congtin.twofactor import devices, policy


def ensure_demo_devices() -> None:
    for user in get_user_model().objects.order_by("username"):
        if policy.is_required(user) and not devices.has_device(user):
            TOTPDevice.objects.create(
                user=user, name=devices.APP, key=demo_key(user.username)
            )


def demo_logins():
    """(username, base32 secret, otpauth:// address) of each demo device."""
    for device in TOTPDevice.objects.filter(confirmed=True).select_related("user"):
        username = device.user.get_username()
        if device.key == demo_key(username):
            yield username, b32encode(device.bin_key).decode(), device.config_url
