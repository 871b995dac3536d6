from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "congtin.schedule"
    label = "schedule"
    verbose_name = "Lịch công tác"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from congtin.pagecache.purge import purge_on_change

        from .adjustments import mark_adjustments
        from .models import ScheduleEntry

        page_published.connect(mark_adjustments, dispatch_uid="congtin-schedule-adjust")
        # Entries are saved with their week's page, which purges on publish; an
        # entry changed on its own (a fix in the shell, a data migration) too.
        purge_on_change(ScheduleEntry)
