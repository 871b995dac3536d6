"""Admin: the import tool in the menu. Procedures themselves are pages, edited in
the page explorer under each portal's "Thủ tục hành chính" page, with the portal's
workflow."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from congtin.core.admin_menus import IMPORT_MENU_HOOK

from . import admin_views


@hooks.register("register_admin_urls")
def register_procedures_admin_urls():
    return [
        path(
            "thu-tuc/nhap-tep/",
            admin_views.import_procedures,
            name="procedures_import",
        ),
    ]


class _ProcedureEditorMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(admin_views.indexes_for(request.user))


@hooks.register(IMPORT_MENU_HOOK)
def register_import_menu_item():
    return _ProcedureEditorMenuItem(
        "Nhập thủ tục hành chính",
        reverse("procedures_import"),
        icon_name="upload",
        order=265,
    )
