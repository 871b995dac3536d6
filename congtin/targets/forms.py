"""Admin forms of plans and figures: choices stop at the user's own portals."""

from wagtail.admin.forms import WagtailAdminModelForm

from congtin.portals.policy import site_ids_of


class PlanAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sites = site_ids_of(self.for_user) if self.for_user else None
        field = self.fields.get("site")
        if field is not None and sites is not None:
            # A portal editor files plans under their own portals only; a posted
            # id of another portal fails validation like any unknown choice.
            field.queryset = field.queryset.filter(pk__in=sites)


class FigureAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("target")
        if field is None:
            return
        # Each choice's label names its plan and unit: fetch them in the same query.
        queryset = field.queryset.select_related("plan__site").order_by(
            "-plan__year", "plan__site__site_name", "sort_order", "pk"
        )
        sites = site_ids_of(self.for_user) if self.for_user else None
        if sites is not None:
            queryset = queryset.filter(plan__site__in=sites)
        field.queryset = queryset
