"""PortalGroup now belongs to congtin.portals; its table stays where it is."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        # These read editorial.PortalGroup from the historical state.
        ("questions", "0002_portal_role_permissions"),
        ("targets", "0002_portal_role_permissions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PortalGroup")],
            database_operations=[],
        )
    ]
