"""The portal's face in the admin: whose emblem and name a screen shows."""

from django import template
from wagtail.models import Site

from congtin.core.models import AgencySettings
from congtin.portals.access import portals_for

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_agency(context) -> AgencySettings | None:
    """The agency settings of the portal the signed-in person works for.

    A person of one portal sees that portal's emblem and name wherever they sign
    in; everyone else (administrators, people of several portals, the sign-in
    page) the portal of the address they opened.
    """
    request = context.get("request")
    if request is None:
        return None
    # The tab, the favicon, the menu and the welcome each ask: one look-up a request.
    if not hasattr(request, "_congtin_admin_agency"):
        request._congtin_admin_agency = _agency_for(request)
    return request._congtin_admin_agency


def _agency_for(request) -> AgencySettings | None:
    site = None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        sites = portals_for(user)
        if sites is not None and len(sites) == 1:
            site = sites[0]
    if site is None:
        site = Site.find_for_request(request)
    return AgencySettings.for_site(site) if site is not None else None
