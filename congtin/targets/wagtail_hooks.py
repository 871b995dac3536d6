"""Admin: plans and figures as snippets with revisions, text extraction and imports."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import StatusFlagColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSetGroup

from congtin.core.admin_menus import IMPORT_MENU_HOOK
from congtin.portals.policy import PortalPermissionPolicy
from congtin.portals.viewsets import PortalSnippetViewSet

from . import admin_views
from .forms import FigureAdminForm, PlanAdminForm
from .models import AnnualPlan, ReportedFigure

# Registered before the viewsets so Wagtail never builds its fallback policy, and so
# every admin use of these models (buttons, bulk delete, choosers) asks the portal.
plan_policy = PortalPermissionPolicy(AnnualPlan, "site")
figure_policy = PortalPermissionPolicy(ReportedFigure, "target__plan__site")
register_permission_policy(AnnualPlan, plan_policy)
register_permission_policy(ReportedFigure, figure_policy)


class AnnualPlanViewSet(PortalSnippetViewSet):
    model = AnnualPlan
    edit_handler = ObjectList(AnnualPlan.panels, base_form_class=PlanAdminForm)
    icon = "list-ol"
    menu_label = "Kế hoạch năm"
    list_display = ["__str__", "theme", "declared_target_count"]
    list_filter = ["year", "site"]
    search_fields = ["theme", "resolution_number"]

    def list_queryset(self):
        return AnnualPlan.objects.select_related("site", "site__root_page")


class FigureCreateView(CreateView):
    def form_valid(self, form):
        # Who entered a figure is recorded, never typed.
        form.instance.entered_by = self.request.user
        return super().form_valid(form)


class ReportedFigureViewSet(PortalSnippetViewSet):
    model = ReportedFigure
    edit_handler = ObjectList(ReportedFigure.panels, base_form_class=FigureAdminForm)
    icon = "table"
    menu_label = "Số liệu thực hiện"
    add_view_class = FigureCreateView
    list_display = [
        "__str__",
        "reported_on",
        # A bare boolean would be listed as "True"/"False".
        StatusFlagColumn(
            "is_illustrative", label="Dữ liệu minh họa", true_label="Minh họa"
        ),
        "entered_by",
    ]
    list_filter = ["period", "basis", "is_illustrative"]

    def list_queryset(self):
        return ReportedFigure.objects.select_related(
            "target", "target__plan", "target__plan__site"
        )


class TargetsGroup(SnippetViewSetGroup):
    items = (AnnualPlanViewSet, ReportedFigureViewSet)
    menu_icon = "list-ol"
    menu_label = "Chỉ tiêu chủ yếu"
    menu_name = "targets"
    menu_order = 250


register_snippet(TargetsGroup)


@hooks.register("register_admin_urls")
def register_targets_admin_urls():
    return [
        path(
            "targets/doc-van-ban/",
            admin_views.parse_text,
            name="targets_parse_text",
        ),
        path("targets/nhap-tep/", admin_views.import_file, name="targets_import"),
    ]


class _PlanEditorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("targets.change_annualplan")


@hooks.register(IMPORT_MENU_HOOK)
def register_parse_menu_item():
    return _PlanEditorMenuItem(
        "Đọc chỉ tiêu từ văn bản",
        reverse("targets_parse_text"),
        icon_name="doc-full",
        order=251,
    )


@hooks.register(IMPORT_MENU_HOOK)
def register_import_menu_item():
    return _PlanEditorMenuItem(
        "Nhập chỉ tiêu, số liệu từ tệp",
        reverse("targets_import"),
        icon_name="upload",
        order=252,
    )
