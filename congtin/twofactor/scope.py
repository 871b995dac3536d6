"""Whose second factor an administrator may reset.

Only someone who manages users (``auth.change_user``, Quản trị), never their own
(someone else confirms it is really them), never a superuser's unless they are
one (the user admin's rule, ``editorial.user_admin.may_manage``), and only
people of the portals the actor acts on (``portals_for``; every portal for
Quản trị and superusers).
"""

from congtin.editorial.user_admin import may_manage
from congtin.portals.access import portals_for
from congtin.portals.models import PortalGroup


def may_reset(actor, account) -> bool:
    if not actor.has_perm("auth.change_user") or actor.pk == account.pk:
        return False
    if not may_manage(actor, account):
        return False
    sites = portals_for(actor)
    if sites is None:
        return True
    return PortalGroup.objects.filter(
        group__user=account, site__in=[site.pk for site in sites]
    ).exists()
