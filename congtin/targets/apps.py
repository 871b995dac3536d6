from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "congtin.targets"
    label = "targets"
    verbose_name = "Chỉ tiêu chủ yếu"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from congtin.core import chrome
        from congtin.pagecache.purge import purge_on_change

        from .models import AnnualPlan, ReportedFigure, Target, TaskGroup

        # The footer shows the /chi-tieu/ link only on portals with a plan, and that
        # answer is cached with the page chrome: the first or last plan of a portal
        # must show or hide it at once.
        chrome.invalidate_on_change(AnnualPlan)
        # A figure shows on the targets pages and in every article that embeds it.
        purge_on_change(TaskGroup, Target, ReportedFigure)
