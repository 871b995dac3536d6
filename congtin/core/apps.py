from django.apps import AppConfig

# Registers the <id:...> path converter before any URL pattern or routable page
# (whose routes are built when models are imported) can use it.
from . import params  # noqa: F401


class CoreConfig(AppConfig):
    name = "congtin.core"
    label = "core"
    verbose_name = "Cổng thông tin"

    def ready(self):
        from django.db.models.signals import pre_save

        from .text_normalization import normalize_instance_text

        pre_save.connect(normalize_instance_text, dispatch_uid="congtin-nfc")

        from . import chrome

        chrome.connect_signals()
