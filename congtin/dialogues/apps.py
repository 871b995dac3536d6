from django.apps import AppConfig


class DialoguesConfig(AppConfig):
    name = "congtin.dialogues"
    label = "dialogues"
    verbose_name = "Đối thoại trực tuyến"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
