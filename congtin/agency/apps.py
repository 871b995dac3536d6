from django.apps import AppConfig


class AgencyConfig(AppConfig):
    name = "congtin.agency"
    label = "agency"
    verbose_name = "Giới thiệu cơ quan"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from congtin.core import chrome

        from .models import RelatedPortalLink, RelatedPortals

        # The footer's related-portal links are cached with the page chrome.
        for model in (RelatedPortals, RelatedPortalLink):
            post_save.connect(
                chrome.invalidate, sender=model, dispatch_uid=f"congtin-chrome-{model}"
            )
            post_delete.connect(
                chrome.invalidate,
                sender=model,
                dispatch_uid=f"congtin-chrome-d-{model}",
            )
