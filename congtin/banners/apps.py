from django.apps import AppConfig


class BannersConfig(AppConfig):
    name = "congtin.banners"
    label = "banners"
    verbose_name = "Banner, liên kết và cảnh báo khẩn"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from congtin.core import chrome

        from .models import Banner, EmergencyAlert, LinkBlock, LinkBlockItem

        # Banners, link blocks and the emergency alert are read with the page
        # chrome (no query per page once warm): any change rebuilds it and empties
        # the page cache of every portal.
        chrome.invalidate_on_change(Banner, LinkBlock, LinkBlockItem, EmergencyAlert)
