"""The portal's spokespeople for the contact pages and the footer, and the link
to its press releases; kept with the page chrome (one cache read per page)."""

from django import template

from congtin.core import chrome
from congtin.portals.sites import portal_site_id
from congtin.portals.wagtail_compat import language_of

register = template.Library()


def _spokespeople(site_id: int | None) -> list:
    from ..models import Spokesperson

    if site_id is None:
        return []
    return chrome.cached(
        "spokespeople",
        site_id,
        lambda: list(
            Spokesperson.objects.filter(site_id=site_id, is_active=True).select_related(
                "appointment_document"
            )
        ),
    )


@register.inclusion_tag("press/includes/spokespeople.html")
def spokespeople(page, labels):
    """The active spokespeople of ``page``'s portal, in the page's language, or
    the page's own fields (``fallback``) when the portal has none recorded."""
    code = (language_of(page.locale_id) or "vi").split("-")[0]
    people = _spokespeople(portal_site_id(page))
    return {
        "people": [(person, person.position_in(code)) for person in people],
        "page": page,
        "labels": labels,
    }


@register.simple_tag(takes_context=True)
def footer_spokesperson(context):
    """The first active spokesperson of the reader's portal, or None."""
    from wagtail.models import Site

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    people = _spokespeople(site.pk if site is not None else None)
    return people[0] if people else None


@register.simple_tag(takes_context=True)
def press_releases_link(context):
    """URL of the reader's portal's "Thông cáo báo chí" page, or ""."""
    from ..models import PressReleaseIndexPage

    return chrome.first_page_url(
        context.get("request"), PressReleaseIndexPage, "press_releases_link"
    )
