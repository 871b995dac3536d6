from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "congtin.contact"
    label = "contact"
    verbose_name = "Liên hệ"
    default_auto_field = "django.db.models.BigAutoField"
