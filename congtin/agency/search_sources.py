"""The agency's own pages in the portal search ("Giới thiệu"): organisation and units,
leaders, contact and public services, in Vietnamese and in English."""

from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing

from congtin.core.models import AgencySettings
from congtin.search.pages import PageSource
from congtin.search.registry import register

from .models import (
    AgencyPage,
    ContactPage,
    LeaderPage,
    LeadersPage,
    OrganisationPage,
    PublicServicesPage,
    UnitPage,
)

# Text fields read for each page type, in this order.
FIELDS = {
    OrganisationPage: ("intro", "body"),
    UnitPage: ("functions", "head_name", "head_title", "address", "phone", "email"),
    LeadersPage: ("intro",),
    LeaderPage: ("position", "duties", "phone", "email"),
    ContactPage: ("intro", "spokesperson_name", "spokesperson_title", "body"),
    PublicServicesPage: ("intro", "links"),
}


def _text(page, name) -> str:
    value = getattr(page, name)
    if hasattr(value, "stream_block"):
        return "\n".join(value.stream_block.get_searchable_content(value))
    if isinstance(page._meta.get_field(name), RichTextField):
        return get_text_for_indexing(value or "")
    return str(value or "")


@register
class AgencyPageSource(PageSource):
    kind = "agency.page"
    label = "Giới thiệu"
    model = AgencyPage
    rebuild_order = ("path",)

    def pages(self):
        # Specific, so each page is read with its own fields and matches this source.
        return Page.objects.type(*FIELDS).specific()

    def body(self, page) -> str:
        parts = [_text(page, name) for name in FIELDS.get(type(page), ())]
        if isinstance(page, ContactPage):
            # The agency's address and numbers live in its settings, not on the page.
            site = page.get_site()
            if site is not None:
                settings = AgencySettings.for_site(site)
                parts += [
                    settings.address,
                    settings.phone,
                    settings.fax,
                    settings.email,
                ]
        return "\n".join(part for part in parts if part)
