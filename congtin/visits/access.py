"""Who sees the visits report, and of which portals: everyone who works on a
portal (any role) sees that portal's figures; Quản trị and superusers see every
portal. A city editor does not see a district's figures, nor the reverse."""

from __future__ import annotations

from wagtail.models import Site

from congtin.portals.access import portals_for


def report_sites(user) -> list[Site]:
    """The portals ``user`` may see in the report, the city first (empty: none)."""
    sites = portals_for(user)
    everything = Site.objects.select_related("root_page").order_by(
        "-is_default_site", "site_name", "pk"
    )
    if sites is None:
        return list(everything)
    ids = {site.pk for site in sites}
    return [site for site in everything if site.pk in ids] if ids else []


def may_view(user) -> bool:
    """Whether ``user`` sees the report at all (no query for the portals)."""
    return portals_for(user) != []
