"""The workspace in the admin.

The manual: its pages under /admin/huong-dan/, and its item in the Help menu in
place of the links to wagtail.org, which an intranet admin may not reach and which
are in English. The day's work on the dashboard registers its hook in dashboard.py.
"""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import dashboard  # noqa: F401  (registers its hook on import)
from .manual import urls as manual_urls
from .manual.views import TITLE as MANUAL_TITLE


@hooks.register("register_admin_urls")
def manual_admin_urls():
    return [path("huong-dan/", include(manual_urls, namespace="workspace_manual"))]


@hooks.register("register_help_menu_item")
def manual_help_menu_item():
    return MenuItem(
        MANUAL_TITLE,
        reverse("workspace_manual:contents"),
        name="huong-dan-su-dung",
        icon_name="help",
        order=100,
    )


@hooks.register("construct_help_menu")
def drop_outside_help_links(request, menu_items):
    # Wagtail's "Editor Guide" and "What's new" open wagtail.org.
    menu_items[:] = [
        item for item in menu_items if not item.url.startswith(("http://", "https://"))
    ]
