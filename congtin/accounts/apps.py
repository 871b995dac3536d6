from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "congtin.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"

    def ready(self):
        from . import signals

        signals.connect()
