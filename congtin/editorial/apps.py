from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "congtin.editorial"
    label = "editorial"
    verbose_name = "Biên tập"

    def ready(self):
        from . import notifications, withdrawal

        notifications.connect_signals()
        withdrawal.connect_signals()
