from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "congtin.opendata"
    label = "opendata"
    verbose_name = "Ngân sách và thống kê"
    default_auto_field = "django.db.models.BigAutoField"
