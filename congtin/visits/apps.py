from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "congtin.visits"
    label = "visits"
    verbose_name = "Lượt truy cập"
    default_auto_field = "django.db.models.BigAutoField"
