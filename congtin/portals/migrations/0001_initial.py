"""PortalGroup, moved from congtin.editorial: state only, the table already exists."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("editorial", "0002_portalgroup_moves_to_portals"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PortalGroup",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "role",
                            models.CharField(
                                choices=[
                                    ("reporter", "Phóng viên"),
                                    ("editor", "Biên tập viên"),
                                    ("chief", "Trưởng ban biên tập"),
                                    ("admin", "Quản trị"),
                                ],
                                max_length=16,
                                verbose_name="Vai trò",
                            ),
                        ),
                        (
                            "group",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="portal_role",
                                to="auth.group",
                            ),
                        ),
                        (
                            "site",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="portal_groups",
                                to="wagtailcore.site",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Nhóm của cổng",
                        "verbose_name_plural": "Nhóm của cổng",
                        "db_table": "editorial_portalgroup",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("site", "role"),
                                name="one_group_per_portal_role",
                            )
                        ],
                    },
                )
            ],
            database_operations=[],
        )
    ]
