from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from congtin.editorial.minute_jobs import EVERY_MINUTE

from . import access, admin_views, counting


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_view(request.user)


@hooks.register("register_admin_urls")
def visits_admin_urls():
    return [
        path("luot-truy-cap/", admin_views.report, name="visits_report"),
        path("luot-truy-cap/csv/", admin_views.report_csv, name="visits_report_csv"),
    ]


@hooks.register("register_reports_menu_item")
def visits_menu_item():
    return ReportMenuItem(
        admin_views.TITLE,
        reverse("visits_report"),
        name="visits-report",
        icon_name="view",
        order=1060,
    )


hooks.register(EVERY_MINUTE, counting.fold)
