"""The four editorial roles, as Django groups with Wagtail permissions.

Each portal gets a reporter, an editor and a chief editor group whose page and
collection permissions stop at the portal's own home page and collection; one
administrator group ("Quản trị") covers the whole installation. Each group also
gets the model permissions the apps declare for its role (congtin.portals.registry).
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
    Task,
    Workflow,
)

from congtin.portals.models import PortalGroup, Role
from congtin.portals.registry import permissions_for

ADMIN_GROUP_NAME = "Quản trị"

# Wagtail reads "add" as: create pages and edit the ones you own, never publish.
PAGE_PERMISSIONS: dict[str, list[str]] = {
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
COLLECTION_ACTIONS: dict[str, list[str]] = {
    Role.REPORTER: ["add", "choose"],
    Role.EDITOR: ["add", "change", "choose"],
    Role.CHIEF: ["add", "change", "delete", "choose"],
    Role.ADMIN: ["add", "change", "delete", "choose"],
}


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
    link = (
        PortalGroup.objects.filter(site=site, role=role).select_related("group").first()
    )
    if link is not None:
        return link.group
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(permission("wagtailadmin.access_admin"))
    PortalGroup.objects.create(group=group, site=site, role=role)
    return group


def grant_models(group: Group, role: str) -> None:
    """The model permissions every app declares for ``role`` (portal_parts.py)."""
    group.permissions.add(*(permission(p) for p in permissions_for(role)))


def ensure_portal_groups(
    name: str, site: Site, home: Page, collection: Collection
) -> PortalGroups:
    groups = {}
    for role in (Role.REPORTER, Role.EDITOR, Role.CHIEF):
        group = ensure_group(f"{name} - {role.label}", site, role)
        grant_page(group, home, role)
        grant_collection(group, collection, role)
        grant_models(group, role)
        groups[role] = group
    return PortalGroups(groups[Role.REPORTER], groups[Role.EDITOR], groups[Role.CHIEF])


# Wagtail's migrations create two groups and a workflow with English names; an
# installation's administrators read them in Vietnamese. Renamed only while they
# keep Wagtail's names (an administrator's own names stay).
WAGTAIL_DEFAULT_NAMES = {
    Group: {
        "Moderators": "Kiểm duyệt viên (mặc định của Wagtail)",
        "Editors": "Biên tập viên (mặc định của Wagtail)",
    },
    Workflow: {"Moderators approval": "Duyệt bởi kiểm duyệt viên (mặc định)"},
    Task: {"Moderators approval": "Kiểm duyệt viên duyệt (mặc định)"},
}


def name_wagtail_defaults_in_vietnamese() -> None:
    for model, names in WAGTAIL_DEFAULT_NAMES.items():
        for english, vietnamese in names.items():
            model.objects.filter(name=english).update(name=vietnamese)


def ensure_admin_group() -> Group:
    name_wagtail_defaults_in_vietnamese()
    group = ensure_group(ADMIN_GROUP_NAME, None, Role.ADMIN)
    grant_page(group, Page.get_first_root_node(), Role.ADMIN)
    grant_collection(group, Collection.get_first_root_node(), Role.ADMIN)
    grant_models(group, Role.ADMIN)
    return group
