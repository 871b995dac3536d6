"""Admin: banners and link blocks as snippets limited to the user's portals; the
emergency alert as its own page for those who may raise it; the scheduler jobs."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from congtin.editorial.minute_jobs import EVERY_MINUTE
from congtin.portals.forms import PortalSiteAdminForm
from congtin.portals.policy import PortalPermissionPolicy
from congtin.portals.viewsets import PortalSnippetViewSet

from . import admin_views, alerts, schedule
from .models import Banner, LinkBlock

# Registered before the viewsets so every admin use asks the portal (module doc of
# congtin.portals.viewsets).
register_permission_policy(Banner, PortalPermissionPolicy(Banner, "site"))
register_permission_policy(LinkBlock, PortalPermissionPolicy(LinkBlock, "site"))


class BannerViewSet(PortalSnippetViewSet):
    model = Banner
    edit_handler = ObjectList(Banner.panels, base_form_class=PortalSiteAdminForm)
    icon = "image"
    menu_label = "Banner"
    list_display = [
        "title",
        "slot",
        "site",
        "sort_order",
        "shows_from",
        "shows_until",
        BooleanColumn("is_active", label="Đang dùng"),
        "clicks",
    ]
    list_filter = ["site", "slot", "is_active"]
    search_fields = ["title", "alt_text"]

    def list_queryset(self):
        return Banner.objects.select_related("site")


class LinkBlockViewSet(PortalSnippetViewSet):
    model = LinkBlock
    edit_handler = ObjectList(LinkBlock.panels, base_form_class=PortalSiteAdminForm)
    icon = "link"
    menu_label = "Khối liên kết"
    list_display = [
        "title",
        "slot",
        "site",
        "sort_order",
        BooleanColumn("is_active", label="Đang dùng"),
    ]
    list_filter = ["site", "slot", "is_active"]
    search_fields = ["title"]

    def list_queryset(self):
        return LinkBlock.objects.select_related("site")


class BannersGroup(SnippetViewSetGroup):
    items = (BannerViewSet, LinkBlockViewSet)
    menu_icon = "image"
    menu_label = "Banner và liên kết"
    menu_name = "banners"
    menu_order = 270


register_snippet(BannersGroup)


@hooks.register("register_admin_urls")
def register_alert_urls():
    return [
        path("canh-bao-khan/", admin_views.alert_view, name="banners_alert"),
        path("canh-bao-khan/<id:pk>/ha/", admin_views.lower_view, name="banners_lower"),
    ]


class AlertMenuItem(MenuItem):
    def is_shown(self, request):
        return alerts.may_raise(request.user)


@hooks.register("register_admin_menu_item")
def register_alert_menu_item():
    return AlertMenuItem(
        admin_views.TITLE,
        reverse("banners_alert"),
        name="emergency-alert",
        icon_name="warning",
        order=265,
    )


hooks.register(EVERY_MINUTE, alerts.lower_expired)
hooks.register(EVERY_MINUTE, schedule.purge_at_boundaries)
