"""Admin: the import tool in the menu and the staff download of documents' files
(views.py). Documents themselves are pages, edited in the page explorer under each
portal's "Văn bản" page, with the portal's workflow."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from congtin.core.admin_menus import IMPORT_MENU_HOOK

from . import admin_views, views


@hooks.register("register_admin_urls")
def register_documents_admin_urls():
    return [
        path(
            "van-ban/nhap-tep/",
            admin_views.import_documents,
            name="documents_import",
        ),
        path("van-ban/tep/<path:name>", views.staff_download, name="documents_file"),
    ]


class _DocumentEditorMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(admin_views.indexes_for(request.user))


@hooks.register(IMPORT_MENU_HOOK)
def register_import_menu_item():
    return _DocumentEditorMenuItem(
        "Nhập văn bản từ tệp",
        reverse("documents_import"),
        icon_name="upload",
        order=260,
    )
