from django.apps import AppConfig


class PortalsConfig(AppConfig):
    name = "congtin.portals"
    label = "portals"
    verbose_name = "Cổng thành phần"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import registry, wagtail_compat

        # First: Wagtail's apps, whose ready() runs after this one, import it.
        wagtail_compat.keep_out_unmounted_api()
        wagtail_compat.install()
        registry.autodiscover()
