"""Admin: the portal's polls as a snippet, limited to the user's portals; the
scheduler's minute job that purges pages when a poll opens or closes."""

from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from congtin.core.admin_menus import OPINIONS_MENU_HOOK
from congtin.portals.policy import PortalPermissionPolicy
from congtin.portals.viewsets import PortalSnippetViewSet

from . import services
from .forms import PollAdminForm
from .models import Poll

# Registered before the viewset so every admin use asks the portal (module doc of
# congtin.portals.viewsets).
poll_policy = PortalPermissionPolicy(Poll, "site")
register_permission_policy(Poll, poll_policy)


class PollViewSet(PortalSnippetViewSet):
    model = Poll
    edit_handler = ObjectList(Poll.panels, base_form_class=PollAdminForm)
    icon = "list-ul"
    menu_label = "Thăm dò ý kiến"
    menu_order = 270
    # In the sidebar's "Ý kiến người dân" group (core/admin_menus.py).
    menu_hook = OPINIONS_MENU_HOOK
    list_display = ["question", "site", "opens_at", "closes_at", "voters", "live"]
    list_filter = ["site", "live", "on_home_page"]
    search_fields = ["question"]

    def list_queryset(self):
        return Poll.objects.select_related("site")


register_snippet(PollViewSet)


# The scheduler's per-minute hook (congtin.editorial.minute_jobs.EVERY_MINUTE).
@hooks.register("congtin_every_minute")
def announce_opened_and_closed_polls() -> str | None:
    moved = services.announce_state_changes()
    if not moved:
        return None
    return f"Đã làm mới bộ đệm trang: {moved} cuộc thăm dò ý kiến vừa mở hoặc kết thúc."
