"""Admin form of an article: a poll of the article's own portal only."""

from congtin.core.forms import PortalPageForm
from congtin.portals.sites import portal_site_id


class ArticlePageForm(PortalPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("poll")
        if field is None:
            return
        page = self.instance if self.instance.pk else self.parent_page
        site_id = portal_site_id(page) if page is not None else None
        # Another portal's poll is neither offered nor accepted.
        field.queryset = field.queryset.filter(site_id=site_id)
        field.empty_label = "(Không có)"
