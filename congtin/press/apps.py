from django.apps import AppConfig


class PressConfig(AppConfig):
    name = "congtin.press"
    label = "press"
    verbose_name = "Phát ngôn và thông cáo báo chí"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from congtin.core import chrome

        from .models import Spokesperson

        # The footer and every contact page show the portal's spokespeople, kept
        # with the page chrome: a change shows at once.
        chrome.invalidate_on_change(Spokesperson)
