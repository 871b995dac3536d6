from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "congtin.schedule"
    label = "schedule"
    verbose_name = "Lịch công tác"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from .adjustments import mark_adjustments

        page_published.connect(mark_adjustments, dispatch_uid="congtin-schedule-adjust")
