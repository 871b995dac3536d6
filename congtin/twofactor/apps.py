from django.apps import AppConfig


class TwoFactorConfig(AppConfig):
    """The admin's second factor: an authenticator app's code (TOTP) after the
    password, with single-use recovery codes; required of those who publish or
    manage, offered to everyone else."""

    name = "congtin.twofactor"
    label = "twofactor"
    verbose_name = "Xác thực hai bước"
