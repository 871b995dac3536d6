"""Which portals a user may act on, from the portal groups they belong to.

Superusers and members of the "Quản trị" group act on every portal (None below);
everyone else on the portals of their groups, optionally only in some roles.
"""

from django.db.models import Q
from wagtail.models import Site

from .models import PortalGroup, Role


def _links(user) -> list[PortalGroup]:
    # One query per request: the links are kept on the user object.
    if not hasattr(user, "_congtin_portal_links"):
        user._congtin_portal_links = list(
            PortalGroup.objects.filter(group__user=user).select_related(
                "site__root_page"
            )
        )
    return user._congtin_portal_links


def portals_for(user, roles=None) -> list[Site] | None:
    """The sites of the portals ``user`` acts on; None means every portal.

    ``roles`` limits the answer to groups of those roles (administrators and
    superusers still get None).
    """
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return None
    links = _links(user)
    if any(link.role == Role.ADMIN for link in links):
        return None
    sites = {
        link.site_id: link.site
        for link in links
        if link.site_id is not None and (roles is None or link.role in roles)
    }
    return list(sites.values())


def portal_ids_for(user, roles=None) -> list[int] | None:
    """Sorted ids of :func:`portals_for`; None means every portal."""
    sites = portals_for(user, roles)
    return None if sites is None else sorted(site.pk for site in sites)


def pages_q(user, field: str = "path", roles=None) -> Q | None:
    """A Q() keeping pages inside ``user``'s portals (of ``roles``, as in
    :func:`portals_for`); None when no limit applies."""
    sites = portals_for(user, roles)
    if sites is None:
        return None
    query = Q(pk__in=[])
    for site in sites:
        query |= Q(**{f"{field}__startswith": site.root_page.path})
    return query
