from django.apps import AppConfig


class PortalsConfig(AppConfig):
    name = "congtin.portals"
    label = "portals"
    verbose_name = "Cổng thành phần"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import registry, wagtail_compat

        wagtail_compat.install()
        registry.autodiscover()
