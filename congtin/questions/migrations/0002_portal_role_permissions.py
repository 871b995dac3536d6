"""Give existing portal groups the questions permissions new groups get.

``questions.permissions.grant_on_new_group`` grants them to groups created later;
groups of installations made before this app existed are brought level here. The
table is frozen on purpose: a migration must not change meaning later.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

QUESTION = ["view_question", "change_question", "delete_question"]
TOPIC = ["add_topic", "change_topic", "delete_topic"]
BY_ROLE = {
    "reporter": ["view_question"],
    "editor": ["view_question", "change_question"],
    "chief": QUESTION,
    "admin": QUESTION + TOPIC,
}


def grant(apps, schema_editor):
    PortalGroup = apps.get_model("editorial", "PortalGroup")
    links = list(PortalGroup.objects.select_related("group"))
    if not links:
        return
    # Django creates permissions after the whole migrate run; create ours now.
    create_permissions(
        global_apps.get_app_config("questions"),
        apps=apps,
        verbosity=0,
        using=schema_editor.connection.alias,
    )
    Permission = apps.get_model("auth", "Permission")
    permissions = {
        p.codename: p
        for p in Permission.objects.filter(
            content_type__app_label="questions", codename__in=QUESTION + TOPIC
        )
    }
    for link in links:
        codenames = BY_ROLE.get(link.role, [])
        link.group.permissions.add(*(permissions[c] for c in codenames))


def revoke(apps, schema_editor):
    PortalGroup = apps.get_model("editorial", "PortalGroup")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="questions", codename__in=QUESTION + TOPIC
    )
    for link in PortalGroup.objects.select_related("group"):
        link.group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("editorial", "0001_initial"),
        ("questions", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
