"""Admin form of a poll: one of the user's own portals."""

from wagtail.admin.forms import WagtailAdminModelForm

from congtin.portals.policy import site_ids_of


class PollAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sites = site_ids_of(self.for_user) if self.for_user else None
        field = self.fields.get("site")
        if field is None or sites is None:
            return
        # A posted id of another portal fails validation like any unknown choice.
        field.queryset = field.queryset.filter(pk__in=sites)
        if len(sites) == 1 and not self.instance.pk:
            field.initial = next(iter(sites))
