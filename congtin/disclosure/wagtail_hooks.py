from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from congtin.editorial.minute_jobs import EVERY_MINUTE

from . import access, admin_views, digest


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_view(request.user)


@hooks.register("register_admin_urls")
def disclosure_admin_urls():
    return [
        path("disclosure/", admin_views.report, name="disclosure_report"),
        path("disclosure/csv/", admin_views.report_csv, name="disclosure_report_csv"),
    ]


@hooks.register("register_reports_menu_item")
def disclosure_menu_item():
    return ReportMenuItem(
        admin_views.TITLE,
        reverse("disclosure_report"),
        name="disclosure-report",
        icon_name="tasks",
        order=1050,
    )


hooks.register(EVERY_MINUTE, digest.send_weekly)
