"""Admin: the reader comment moderation queue, shown to the portals' editors and chiefs."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from congtin.core.admin_menus import OPINIONS_MENU_HOOK
from congtin.editorial.minute_jobs import EVERY_MINUTE, once_a_day

from . import admin_views
from .permissions import is_moderator

EMAILS_PURGED_KEY = "reader-comments-emails-purged"


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


@hooks.register(OPINIONS_MENU_HOOK)
def register_queue_menu_item():
    return _ModeratorMenuItem(
        "Ý kiến bạn đọc",
        reverse("reader_comments_queue"),
        icon_name="comment",
        order=265,
    )


def purge_emails_daily() -> str | None:
    """The scheduler's per-minute hook: empties the e-mails past their retention
    at the first tick of each local day, so no cron job is needed for it."""
    return once_a_day(EMAILS_PURGED_KEY, _purge_and_say)


def _purge_and_say() -> str | None:
    from .management.commands.purge_reader_comment_emails import purge

    purged = purge()
    if purged:
        return f"Đã xóa thư điện tử của {purged} người gửi ý kiến bạn đọc."
    return None


hooks.register(EVERY_MINUTE, purge_emails_daily)
