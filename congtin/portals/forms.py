"""Admin form of a portal-scoped snippet: the portal chosen among the user's own."""

from wagtail.admin.forms import WagtailAdminModelForm

from .policy import site_ids_of


class PortalSiteAdminForm(WagtailAdminModelForm):
    """Offers and accepts only the user's portals in the ``site`` field; a user of
    one portal gets it chosen for a new object. A posted id of another portal fails
    validation like any unknown choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sites = site_ids_of(self.for_user) if self.for_user else None
        field = self.fields.get("site")
        if field is None or sites is None:
            return
        field.queryset = field.queryset.filter(pk__in=sites)
        if len(sites) == 1 and not self.instance.pk:
            field.initial = next(iter(sites))
