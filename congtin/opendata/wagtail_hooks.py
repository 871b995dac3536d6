"""Admin: the figures import in the menu and on each report's and series' page.
Reports and series themselves are pages, edited under each portal's "Công khai
ngân sách" and "Thông tin thống kê" pages with the portal's workflow."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from congtin.core.admin_menus import IMPORT_MENU_HOOK

from . import admin_views
from .models import BudgetReportPage, StatisticSeriesPage


@hooks.register("register_admin_urls")
def register_opendata_admin_urls():
    return [
        path(
            "so-lieu-cong-khai/nhap-tep/",
            admin_views.import_figures,
            name="opendata_import",
        )
    ]


class _ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(admin_views.editable_pages(request.user))


@hooks.register(IMPORT_MENU_HOOK)
def register_import_menu_item():
    return _ImportMenuItem(
        "Nhập số liệu ngân sách, thống kê",
        reverse("opendata_import"),
        icon_name="table",
        order=265,
    )


class ImportButton(PageMenuItem):
    label = "Nhập số liệu từ tệp"
    icon_name = "upload"

    @property
    def url(self):
        return reverse("opendata_import") + f"?trang={self.page.pk}"

    def is_shown(self, user):
        return self.page.permissions_for_user(user).can_edit()


@hooks.register("register_page_header_buttons")
def import_button(page, user, view_name=None, next_url=None):
    if issubclass(
        page.specific_class or object, BudgetReportPage | StatisticSeriesPage
    ):
        yield ImportButton(page=page, priority=40)
