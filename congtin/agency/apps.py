from django.apps import AppConfig


class AgencyConfig(AppConfig):
    name = "congtin.agency"
    label = "agency"
    verbose_name = "Giới thiệu cơ quan"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from congtin.core import chrome

        from .models import RelatedPortalLink, RelatedPortals

        # The footer's related-portal links are cached with the page chrome.
        chrome.invalidate_on_change(RelatedPortals, RelatedPortalLink)
