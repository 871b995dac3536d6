"""Give existing "Quản trị" groups the permission to switch reader comments on.

New groups get it from ``portal_parts.py``; groups of installations made before this
app existed are brought level here. The names are frozen on purpose: a migration
must not change meaning later.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAME = "change_readercommentsettings"


def grant(apps, schema_editor):
    PortalGroup = apps.get_model("portals", "PortalGroup")
    links = list(PortalGroup.objects.filter(role="admin").select_related("group"))
    if not links:
        return
    # Django creates permissions after the whole migrate run; create ours now.
    create_permissions(
        global_apps.get_app_config("reader_comments"),
        apps=apps,
        verbosity=0,
        using=schema_editor.connection.alias,
    )
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="reader_comments", codename=CODENAME
    )
    for link in links:
        link.group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    PortalGroup = apps.get_model("portals", "PortalGroup")
    permissions = Permission.objects.filter(
        content_type__app_label="reader_comments", codename=CODENAME
    )
    for link in PortalGroup.objects.filter(role="admin").select_related("group"):
        link.group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("portals", "0001_initial"),
        ("reader_comments", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
