from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "congtin.search"
    label = "portal_search"
    verbose_name = "Tìm kiếm"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import signals

        # Each app declares what it publishes in its own search_sources.py.
        autodiscover_modules("search_sources")
        signals.connect()
