"""Admin: the portal's spokespeople as a snippet, limited to the user's portals."""

from wagtail.admin.panels import ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from congtin.portals.policy import PortalPermissionPolicy
from congtin.portals.viewsets import PortalSnippetViewSet

from .forms import SpokespersonAdminForm
from .models import Spokesperson

# Registered before the viewset so every admin use asks the portal (module doc of
# congtin.portals.viewsets).
spokesperson_policy = PortalPermissionPolicy(Spokesperson, "site")
register_permission_policy(Spokesperson, spokesperson_policy)


class SpokespersonViewSet(PortalSnippetViewSet):
    model = Spokesperson
    edit_handler = ObjectList(
        Spokesperson.panels, base_form_class=SpokespersonAdminForm
    )
    icon = "user"
    menu_label = "Người phát ngôn"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "position", "site", "is_active"]
    list_filter = ["site", "is_active"]
    search_fields = ["name", "position"]

    def list_queryset(self):
        return Spokesperson.objects.select_related("site")


register_snippet(SpokespersonViewSet)
