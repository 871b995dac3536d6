"""A person's second factor, on django-otp's own devices.

The authenticator app is a ``TOTPDevice`` named ``APP``; the recovery codes are
the tokens of a ``StaticDevice`` named ``RECOVERY``, each deleted when used. A
device is unconfirmed until its first code has been typed at enrolment.
"""

from base64 import b32encode

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

APP = "Ứng dụng xác thực"
RECOVERY = "Mã dự phòng"
RECOVERY_CODE_COUNT = 10
RESET_ACTION = "congtin.twofactor.reset"
# A person's own changes, in the security log with the reset (accounts' log of
# users): labels in wagtail_hooks.py.
ENROL_ACTION = "congtin.twofactor.enrol"
NEW_CODES_ACTION = "congtin.twofactor.new_codes"
TURN_OFF_ACTION = "congtin.twofactor.turn_off"
# Longer than any code (6 digits, or a 16-letter recovery code with spaces):
# nothing longer is looked up.
MAX_CODE_LENGTH = 32


def has_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def pending_app(user) -> TOTPDevice:
    """The unconfirmed authenticator device being enrolled, made on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP, confirmed=False)
    return device


def qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an inline SVG QR code."""
    # Imported here: only enrolment draws one, and every app server process would
    # otherwise hold the library.
    import segno

    qr = segno.make(device.config_url, error="m")
    return qr.svg_inline(scale=5, border=2, title="Mã QR của ứng dụng xác thực")


def secret_base32(device: TOTPDevice) -> str:
    """The secret as authenticator apps ask to type it, in groups of four."""
    text = b32encode(device.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalise(code: str) -> str:
    return "".join(code.split()).lower()[:MAX_CODE_LENGTH]


@transaction.atomic
def confirm_app(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the enrolment with the app's first code; the new recovery codes.

    None when the code is wrong. Any older app of the same person is replaced.
    """
    if not device.verify_token(normalise(code)):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Fresh recovery codes; the earlier ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes: list[str] = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        # Digits alone would be read as an app code (``match``).
        if not code.isdigit() and code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def match(user, code: str):
    """The confirmed device that accepts ``code`` (used up), or None.

    Each device counts its failures and makes the next try wait longer
    (django-otp's throttling), so guessing is slowed on each one.
    """
    code = normalise(code)
    if not code:
        return None
    for device in devices_for_user(user, confirmed=True):
        # Digits are an app code, letters a recovery code: a try counts as a
        # failure only against the kind it can be.
        if isinstance(device, TOTPDevice) != code.isdigit():
            continue
        if device.verify_token(code):
            return device
    return None


def throttled(user) -> bool:
    """Whether every device of ``user`` is waiting after too many wrong codes."""
    devices = list(devices_for_user(user, confirmed=True))
    return bool(devices) and not any(d.verify_is_allowed()[0] for d in devices)


def remove_all(user) -> int:
    """Delete every device of ``user``, unconfirmed ones too; how many there were."""
    count = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        count += 1
    return count


def log_own_change(user, action: str) -> None:
    """Record a change ``user`` made to their own second factor."""
    # request.user is a lazy object in a lazy object (authentication, then
    # django-otp); Wagtail's log() looks up the log model of the outer one's
    # content only, and would drop the entry: the account itself is logged.
    from .notices import tell_owner  # notices reads this module's action names

    account = get_user_model()._default_manager.get(pk=user.pk)
    log(instance=account, action=action, user=account)
    tell_owner(account, action)


@transaction.atomic
def reset(user, actor) -> None:
    """Remove ``user``'s second factor for ``actor``, in Wagtail's audit log."""
    removed = remove_all(user)
    log(
        instance=user,
        action=RESET_ACTION,
        user=actor,
        data={"username": user.get_username(), "devices": removed},
    )
    from .notices import tell_owner  # notices reads this module's action names

    tell_owner(user, RESET_ACTION)
