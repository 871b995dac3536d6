"""Admin forms: a spokesperson of one's own portals; a release's spokesperson
from its own portal."""

from wagtail.admin.forms import WagtailAdminModelForm

from congtin.core.forms import PortalPageForm
from congtin.portals.policy import site_ids_of
from congtin.portals.sites import portal_site_id


class PressReleaseForm(PortalPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("spokesperson")
        if field is None:
            return
        page = self.instance if self.instance.pk else self.parent_page
        site_id = portal_site_id(page) if page is not None else None
        # Another portal's spokesperson is neither offered nor accepted.
        field.queryset = field.queryset.filter(site_id=site_id)
        field.empty_label = "(Không ghi)"


class SpokespersonAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sites = site_ids_of(self.for_user) if self.for_user else None
        field = self.fields.get("site")
        if field is None or sites is None:
            return
        # A portal's staff keep their own portals' spokespeople only; a posted id
        # of another portal fails validation like any unknown choice.
        field.queryset = field.queryset.filter(pk__in=sites)
        if len(sites) == 1 and not self.instance.pk:
            field.initial = next(iter(sites))
