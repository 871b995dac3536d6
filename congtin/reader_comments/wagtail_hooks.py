"""Admin: the reader comment moderation queue, shown to the portals' editors and chiefs."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .permissions import is_moderator


@hooks.register("register_admin_urls")
def register_reader_comments_admin_urls():
    return [
        path("y-kien-ban-doc/", admin_views.queue, name="reader_comments_queue"),
        path(
            "y-kien-ban-doc/duyet/",
            admin_views.moderate,
            name="reader_comments_moderate",
        ),
        path(
            "y-kien-ban-doc/xuat-csv/",
            admin_views.export_csv,
            name="reader_comments_export",
        ),
        path(
            "y-kien-ban-doc/<id:pk>/",
            admin_views.detail,
            name="reader_comments_comment",
        ),
    ]


class _ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return _ModeratorMenuItem(
        "Ý kiến bạn đọc",
        reverse("reader_comments_queue"),
        icon_name="comment",
        order=265,
    )
