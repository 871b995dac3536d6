"""Which permissions a person holds, and so may pass on to a group or an account.

A group gives its members four kinds of permission, one table each: model
permissions (``Group.permissions``), page permissions on a page and everything
below it (``GroupPagePermission``), collection permissions on a collection and
everything below it (``GroupCollectionPermission``), and site-setting permissions
on one site (``GroupSitePermission``; the same model permission given globally
covers every site). ``Grant`` is one such permission, ``grants_of(groups)`` what
groups give, ``Holdings(user)`` what a user holds. A non-superuser may pass on a
grant only when they hold it (``Holdings.holds``): the same permission, on the
same page, collection or site or on one above it. Superusers hold everything.

``group_admin`` uses this for group editing, ``user_admin`` for group membership.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
)

MODEL, PAGE, COLLECTION, SITE = "model", "page", "collection", "site"


@dataclass(frozen=True)
class Grant:
    """One permission a group gives, on a page, collection or site when scoped."""

    kind: str
    permission: int
    target: int | None = None
    # The page's or collection's tree path: a grant there covers what lies below.
    path: str = field(default="", compare=False)
    label: str = field(default="", compare=False)


def _codename(permission: Permission) -> str:
    return f"{permission.content_type.app_label}.{permission.codename}"


def model_grant(permission: Permission) -> Grant:
    return Grant(MODEL, permission.pk, label=_codename(permission))


def page_grant(page, permission: Permission) -> Grant:
    label = f"{permission.codename} tại trang “{page.title}”"
    return Grant(PAGE, permission.pk, page.pk, page.path, label)


def collection_grant(collection, permission: Permission) -> Grant:
    label = f"{_codename(permission)} tại thư mục “{collection.name}”"
    return Grant(COLLECTION, permission.pk, collection.pk, collection.path, label)


def site_grant(site, permission: Permission) -> Grant:
    label = f"{_codename(permission)} tại cổng “{site.site_name or site.hostname}”"
    return Grant(SITE, permission.pk, site.pk, label=label)


def grants_of(groups: Iterable[Group]) -> dict[int, set[Grant]]:
    """Every grant of each group, by group id, in four queries whatever the number."""
    ids = [group.pk for group in groups]
    grants: dict[int, set[Grant]] = {pk: set() for pk in ids}
    through = Group.permissions.through.objects.filter(group_id__in=ids)
    for row in through.select_related("permission__content_type"):
        grants[row.group_id].add(model_grant(row.permission))
    pages = GroupPagePermission.objects.filter(group_id__in=ids)
    for row in pages.select_related("page", "permission"):
        grants[row.group_id].add(page_grant(row.page, row.permission))
    collections = GroupCollectionPermission.objects.filter(group_id__in=ids)
    for row in collections.select_related("collection", "permission__content_type"):
        grants[row.group_id].add(collection_grant(row.collection, row.permission))
    sites = GroupSitePermission.objects.filter(group_id__in=ids)
    for row in sites.select_related("site", "permission__content_type"):
        grants[row.group_id].add(site_grant(row.site, row.permission))
    return grants


class Holdings:
    """What ``user`` holds, read once; ``holds(grant)`` then asks no query."""

    def __init__(self, user):
        self.everything = user.is_active and user.is_superuser
        self.model: set[int] = set()
        self.tree: dict[str, list[tuple[int, str]]] = {PAGE: [], COLLECTION: []}
        self.sites: set[tuple[int, int]] = set()
        if self.everything or not (user.is_active and user.is_authenticated):
            return
        self.model = set(
            Permission.objects.filter(Q(group__user=user) | Q(user=user)).values_list(
                "pk", flat=True
            )
        )
        self.tree[PAGE] = list(
            GroupPagePermission.objects.filter(group__user=user).values_list(
                "permission_id", "page__path"
            )
        )
        self.tree[COLLECTION] = list(
            GroupCollectionPermission.objects.filter(group__user=user).values_list(
                "permission_id", "collection__path"
            )
        )
        self.sites = set(
            GroupSitePermission.objects.filter(group__user=user).values_list(
                "permission_id", "site_id"
            )
        )

    def holds(self, grant: Grant) -> bool:
        if self.everything:
            return True
        if grant.kind == MODEL:
            return grant.permission in self.model
        if grant.kind in (PAGE, COLLECTION):
            return any(
                permission == grant.permission and grant.path.startswith(path)
                for permission, path in self.tree[grant.kind]
            )
        if grant.kind == SITE:
            # Wagtail's SitePermissionPolicy: a global permission covers every site.
            return (
                grant.permission in self.model
                or (grant.permission, grant.target) in self.sites
            )
        return False

    def lacking(self, grants: Iterable[Grant]) -> list[Grant]:
        """The grants not held, in a stable order for messages."""
        return sorted(
            (grant for grant in grants if not self.holds(grant)),
            key=lambda grant: grant.label,
        )


def describe(grants: Iterable[Grant], limit: int = 8) -> str:
    """The grants' labels joined for a message, at most ``limit`` of them."""
    labels = [grant.label for grant in grants]
    shown = "; ".join(labels[:limit])
    if len(labels) > limit:
        shown += f"; và {len(labels) - limit} quyền khác"
    return shown
