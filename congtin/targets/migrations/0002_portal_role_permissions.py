"""Give existing portal groups the targets permissions new portals get.

``editorial.roles.ensure_portal_groups`` grants them to groups it creates; groups of
installations made before the targets app existed are brought level here, so an
upgrade needs no manual step. The table is frozen on purpose: a migration must not
change meaning when roles.py changes later.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

PLAN = ["add_annualplan", "change_annualplan", "delete_annualplan"]
FIGURE = ["add_reportedfigure", "change_reportedfigure", "delete_reportedfigure"]
BY_ROLE = {
    "reporter": [],
    "editor": ["change_annualplan", "add_reportedfigure", "change_reportedfigure"],
    "chief": PLAN + FIGURE,
    "admin": PLAN + FIGURE,
}


def _permissions(apps, schema_editor, codenames):
    # Django creates permissions after the whole migrate run; create ours now so
    # they can be granted within it (the same call is a no-op when they exist).
    create_permissions(
        global_apps.get_app_config("targets"),
        apps=apps,
        verbosity=0,
        using=schema_editor.connection.alias,
    )
    Permission = apps.get_model("auth", "Permission")
    return {
        p.codename: p
        for p in Permission.objects.filter(
            content_type__app_label="targets", codename__in=codenames
        )
    }


def grant(apps, schema_editor):
    PortalGroup = apps.get_model("editorial", "PortalGroup")
    links = list(PortalGroup.objects.select_related("group"))
    if not links:
        return
    permissions = _permissions(apps, schema_editor, PLAN + FIGURE)
    for link in links:
        codenames = BY_ROLE.get(link.role, [])
        link.group.permissions.add(*(permissions[c] for c in codenames))


def revoke(apps, schema_editor):
    PortalGroup = apps.get_model("editorial", "PortalGroup")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="targets", codename__in=PLAN + FIGURE
    )
    for link in PortalGroup.objects.select_related("group"):
        link.group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("editorial", "0001_initial"),
        ("targets", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
