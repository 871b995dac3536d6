from django.apps import AppConfig


class PortalImportConfig(AppConfig):
    name = "congtin.portal_import"
    label = "portal_import"
    verbose_name = "Nhập bài từ cổng cũ"
    default_auto_field = "django.db.models.BigAutoField"
