from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "congtin.targets"
    label = "targets"
    verbose_name = "Chỉ tiêu chủ yếu"
    default_auto_field = "django.db.models.BigAutoField"
