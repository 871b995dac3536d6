from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "congtin.consultations"
    label = "consultations"
    verbose_name = "Lấy ý kiến dự thảo"
