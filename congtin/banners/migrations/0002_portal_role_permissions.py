"""Give existing portal groups the banner and link block permissions new portals get.

``editorial.roles.ensure_portal_groups`` grants them to groups it creates; groups of
installations made before the banners app existed are brought level here. The table
is frozen on purpose: a migration must not change meaning when portal_parts.py
changes later.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = [
    f"{action}_{model}"
    for model in ("banner", "linkblock")
    for action in ("add", "change", "delete")
]
BY_ROLE = {
    "reporter": [],
    "editor": ["change_banner", "change_linkblock"],
    "chief": ALL,
    "admin": ALL,
}


def grant(apps, schema_editor):
    PortalGroup = apps.get_model("portals", "PortalGroup")
    links = list(PortalGroup.objects.select_related("group"))
    if not links:
        return
    # Django creates permissions after the whole migrate run; create ours now.
    create_permissions(
        global_apps.get_app_config("banners"),
        apps=apps,
        verbosity=0,
        using=schema_editor.connection.alias,
    )
    Permission = apps.get_model("auth", "Permission")
    permissions = {
        p.codename: p
        for p in Permission.objects.filter(
            content_type__app_label="banners", codename__in=ALL
        )
    }
    for link in links:
        link.group.permissions.add(*(permissions[c] for c in BY_ROLE.get(link.role, [])))


def revoke(apps, schema_editor):
    PortalGroup = apps.get_model("portals", "PortalGroup")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="banners", codename__in=ALL
    )
    for link in PortalGroup.objects.select_related("group"):
        link.group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("portals", "0001_initial"),
        ("banners", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
