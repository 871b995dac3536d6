"""Who sees the compliance report, and of which portals.

Quản trị and superusers see every portal. A chief editor sees their own portals;
the city portal's chief editor sees every portal, since the city answers for its
component portals' compliance. Nobody else sees the report.
"""

from __future__ import annotations

from wagtail.models import Site

from congtin.portals.access import portals_for
from congtin.portals.models import Role


def all_sites() -> list[Site]:
    """Every portal, the city first, then by name."""
    sites = Site.objects.select_related("root_page").order_by(
        "-is_default_site", "site_name", "pk"
    )
    return list(sites)


def report_sites(user) -> list[Site]:
    """The portals ``user`` may see in the report (empty: may not see it)."""
    sites = portals_for(user, roles=[Role.CHIEF])
    if sites is None or any(site.is_default_site for site in sites):
        return all_sites() if user.is_authenticated and user.is_active else []
    ids = {site.pk for site in sites}
    return [site for site in all_sites() if site.pk in ids]


def may_view(user) -> bool:
    """Whether ``user`` sees the report at all (no query for the list of portals)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return portals_for(user, roles=[Role.CHIEF]) != []
