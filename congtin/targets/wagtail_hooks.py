"""Admin: plans and figures as snippets with revisions, text extraction and imports."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from congtin.editorial.roles import portal_sites_of

from . import admin_views
from .models import AnnualPlan, ReportedFigure


def _limit_to_portals(queryset, request, field):
    """Editors see the plans of their own portals; administrators see all."""
    sites = portal_sites_of(request.user)
    if sites is None:
        return queryset
    return queryset.filter(**{f"{field}__in": [site.pk for site in sites]})


class AnnualPlanViewSet(SnippetViewSet):
    model = AnnualPlan
    icon = "list-ol"
    menu_label = "Kế hoạch năm"
    list_display = ["__str__", "theme", "declared_target_count"]
    list_filter = ["year", "site"]
    search_fields = ["theme", "resolution_number"]

    def get_queryset(self, request):
        queryset = AnnualPlan.objects.select_related("site", "site__root_page")
        return _limit_to_portals(queryset, request, "site")


class FigureCreateView(CreateView):
    def form_valid(self, form):
        # Who entered a figure is recorded, never typed.
        form.instance.entered_by = self.request.user
        return super().form_valid(form)


class ReportedFigureViewSet(SnippetViewSet):
    model = ReportedFigure
    icon = "table"
    menu_label = "Số liệu thực hiện"
    add_view_class = FigureCreateView
    list_display = [
        "__str__",
        "reported_on",
        "is_illustrative",
        "entered_by",
    ]
    list_filter = ["period", "basis", "is_illustrative"]

    def get_queryset(self, request):
        queryset = ReportedFigure.objects.select_related(
            "target", "target__plan", "target__plan__site"
        )
        return _limit_to_portals(queryset, request, "target__plan__site")


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


@hooks.register("register_admin_menu_item")
def register_parse_menu_item():
    return _PlanEditorMenuItem(
        "Đọc chỉ tiêu từ văn bản",
        reverse("targets_parse_text"),
        icon_name="doc-full",
        order=251,
    )


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return _PlanEditorMenuItem(
        "Nhập chỉ tiêu, số liệu từ tệp",
        reverse("targets_import"),
        icon_name="upload",
        order=252,
    )
