"""Admin: the "answer live" screens, the question list, and the clock's purge.

Questions are a snippet viewset limited to the user's portals (404 for another
portal's question); nobody adds one in the admin. "Đối thoại trực tuyến" in the
menu opens the list of dialogues, each with its "answer live" screen.
"""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from congtin.core.admin_menus import OPINIONS_MENU_HOOK
from congtin.editorial.minute_jobs import EVERY_MINUTE
from congtin.portals.viewsets import PortalSnippetViewSet

from . import admin_views, clock, retention
from .models import DialogueQuestion
from .permissions import question_policy

# Registered before the viewset so every admin use asks the portal.
register_permission_policy(DialogueQuestion, question_policy)

PANELS = [
    MultiFieldPanel(
        [
            FieldPanel("dialogue", read_only=True),
            FieldRowPanel(
                [
                    FieldPanel("name", read_only=True),
                    FieldPanel("place", read_only=True),
                ]
            ),
            FieldPanel("contact", read_only=True),
            FieldPanel("created_at", read_only=True),
            FieldPanel("text", read_only=True),
        ],
        heading="Câu hỏi (thông tin liên hệ không công khai)",
    ),
    MultiFieldPanel(
        [
            FieldPanel("status"),
            FieldPanel("answer"),
            FieldPanel("answered_by"),
        ],
        heading="Xử lý",
    ),
]


class DialogueQuestionViewSet(PortalSnippetViewSet):
    model = DialogueQuestion
    edit_handler = ObjectList(PANELS)
    icon = "comment"
    menu_label = "Câu hỏi đối thoại"
    add_to_admin_menu = False
    list_display = ["__str__", "dialogue", "status", "created_at", "site"]
    list_filter = ["status", "site"]
    search_fields = ["name", "text", "answer"]
    copy_view_enabled = False

    def list_queryset(self):
        return DialogueQuestion.objects.select_related("dialogue", "site")


register_snippet(DialogueQuestionViewSet)


@hooks.register("register_admin_urls")
def register_dialogues_admin_urls():
    return [
        path("doi-thoai/", admin_views.dialogue_list, name="dialogues_list"),
        path("doi-thoai/<id:pk>/", admin_views.live, name="dialogues_live"),
        path("doi-thoai/<id:pk>/xu-ly/", admin_views.act, name="dialogues_act"),
    ]


class _StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return question_policy.user_has_permission(request.user, "view")


@hooks.register(OPINIONS_MENU_HOOK)
def register_dialogues_menu_item():
    return _StaffMenuItem(
        "Đối thoại trực tuyến",
        reverse("dialogues_list"),
        icon_name="comment",
        order=262,
    )


hooks.register(EVERY_MINUTE, clock.purge_on_start_or_end)
hooks.register(EVERY_MINUTE, retention.erase_daily)
