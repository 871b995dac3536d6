from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "congtin.pagecache"
    label = "pagecache"
    verbose_name = "Bộ đệm trang"

    def ready(self):
        from . import purge

        purge.connect_signals()
