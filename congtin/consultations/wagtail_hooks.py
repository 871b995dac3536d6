"""Admin: the comment moderation queue, shown to the portals' editors and chiefs."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from congtin.core.admin_menus import OPINIONS_MENU_HOOK

from . import admin_views
from .permissions import is_moderator


@hooks.register("register_admin_urls")
def register_consultations_admin_urls():
    return [
        path("gop-y-du-thao/", admin_views.queue, name="consultations_queue"),
        path(
            "gop-y-du-thao/duyet/", admin_views.moderate, name="consultations_moderate"
        ),
        path(
            "gop-y-du-thao/<id:pk>/", admin_views.detail, name="consultations_comment"
        ),
        path(
            "gop-y-du-thao/<id:pk>/tep/",
            admin_views.attachment,
            name="consultations_attachment",
        ),
    ]


class _ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register(OPINIONS_MENU_HOOK)
def register_queue_menu_item():
    return _ModeratorMenuItem(
        "Góp ý dự thảo",
        reverse("consultations_queue"),
        icon_name="comment",
        order=260,
    )
