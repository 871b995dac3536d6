"""The four editorial roles, as Django groups with Wagtail permissions.

Each portal gets a reporter, an editor and a chief editor group whose page and
collection permissions stop at the portal's own home page and collection; one
administrator group ("Quản trị") covers the whole installation. Editors, chiefs
and Quản trị also get the model permissions on annual plans and their figures.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
)

from .models import PortalGroup, Role

ADMIN_GROUP_NAME = "Quản trị"

# Wagtail reads "add" as: create pages and edit the ones you own, never publish.
PAGE_PERMISSIONS = {
    Role.REPORTER: ["add_page"],
    Role.EDITOR: ["add_page", "change_page"],
    Role.CHIEF: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    Role.ADMIN: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
}
MEDIA = ("wagtailimages.image", "wagtaildocs.document")
COLLECTION_ACTIONS = {
    Role.REPORTER: ["add", "choose"],
    Role.EDITOR: ["add", "change", "choose"],
    Role.CHIEF: ["add", "change", "delete", "choose"],
    Role.ADMIN: ["add", "change", "delete", "choose"],
}
# Annual plans and their figures (congtin.targets). The snippets keep revisions but
# have no draft state, so there is no publish permission to give. Model permissions
# are global: congtin.targets.permissions limits them to the user's own portals.
TARGET_PERMISSIONS = {
    Role.REPORTER: [],
    Role.EDITOR: [
        "targets.change_annualplan",
        "targets.add_reportedfigure",
        "targets.change_reportedfigure",
    ],
    Role.CHIEF: [
        "targets.add_annualplan",
        "targets.change_annualplan",
        "targets.delete_annualplan",
        "targets.add_reportedfigure",
        "targets.change_reportedfigure",
        "targets.delete_reportedfigure",
    ],
}
TARGET_PERMISSIONS[Role.ADMIN] = TARGET_PERMISSIONS[Role.CHIEF]
# The administrators also manage people, sites and portal settings.
ADMIN_MODEL_PERMISSIONS = [
    "auth.add_user",
    "auth.change_user",
    "auth.delete_user",
    "auth.add_group",
    "auth.change_group",
    "wagtailcore.add_site",
    "wagtailcore.change_site",
    "wagtailcore.add_collection",
    "wagtailcore.change_collection",
    "wagtailcore.add_workflow",
    "wagtailcore.change_workflow",
    "wagtailcore.add_task",
    "wagtailcore.change_task",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
    "core.change_agencysettings",
]


@dataclass
class PortalGroups:
    reporters: Group
    editors: Group
    chiefs: Group


def permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def page_permission(codename: str) -> Permission:
    return Permission.objects.get(
        content_type=ContentType.objects.get_for_model(Page), codename=codename
    )


def grant_page(group: Group, page: Page, role: str) -> None:
    for codename in PAGE_PERMISSIONS[role]:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=page_permission(codename)
        )


def grant_collection(group: Group, collection: Collection, role: str) -> None:
    for model in MEDIA:
        app_label, model_name = model.split(".")
        for action in COLLECTION_ACTIONS[role]:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=permission(f"{app_label}.{action}_{model_name}"),
            )


def ensure_group(name: str, site: Site | None, role: str) -> Group:
    link = PortalGroup.objects.filter(site=site, role=role).select_related("group")
    link = link.first()
    if link is not None:
        return link.group
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(permission("wagtailadmin.access_admin"))
    PortalGroup.objects.create(group=group, site=site, role=role)
    return group


def grant_targets(group: Group, role: str) -> None:
    group.permissions.add(*(permission(p) for p in TARGET_PERMISSIONS[role]))


def ensure_portal_groups(
    name: str, site: Site, home: Page, collection: Collection
) -> PortalGroups:
    groups = {}
    for role in (Role.REPORTER, Role.EDITOR, Role.CHIEF):
        group = ensure_group(f"{name} - {role.label}", site, role)
        grant_page(group, home, role)
        grant_collection(group, collection, role)
        grant_targets(group, role)
        groups[role] = group
    return PortalGroups(groups[Role.REPORTER], groups[Role.EDITOR], groups[Role.CHIEF])


def ensure_admin_group() -> Group:
    group = ensure_group(ADMIN_GROUP_NAME, None, Role.ADMIN)
    grant_page(group, Page.get_first_root_node(), Role.ADMIN)
    grant_collection(group, Collection.get_first_root_node(), Role.ADMIN)
    group.permissions.add(*(permission(p) for p in ADMIN_MODEL_PERMISSIONS))
    grant_targets(group, Role.ADMIN)
    return group


def portal_sites_of(user) -> list[Site] | None:
    """The portals ``user`` works for; None means every portal (administrators)."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return None
    if not hasattr(user, "_portal_sites"):
        links = PortalGroup.objects.filter(group__user=user).select_related("site")
        if any(link.role == Role.ADMIN for link in links):
            user._portal_sites = None
        else:
            sites = {link.site_id: link.site for link in links if link.site}
            user._portal_sites = list(sites.values())
    return user._portal_sites


def portal_homes_q(user, field: str = "path"):
    """A Q() keeping pages inside ``user``'s portals; None when no limit applies."""
    from django.db.models import Q

    sites = portal_sites_of(user)
    if sites is None:
        return None
    query = Q(pk__in=[])
    for site in sites:
        query |= Q(**{f"{field}__startswith": site.root_page.path})
    return query
