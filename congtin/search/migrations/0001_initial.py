import django.db.models.deletion
from django.db import migrations, models

from ._vendor_sql import install, uninstall


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=40, verbose_name="Loại")),
                ("object_id", models.BigIntegerField()),
                ("section_id", models.IntegerField(blank=True, null=True)),
                ("title", models.TextField(verbose_name="Tiêu đề")),
                ("body", models.TextField(blank=True, verbose_name="Nội dung")),
                ("url", models.CharField(max_length=1000)),
                ("date", models.DateTimeField(blank=True, null=True)),
                ("content_type", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype")),
                ("site", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="wagtailcore.site")),
            ],
            options={
                "verbose_name": "Mục chỉ mục tìm kiếm",
                "verbose_name_plural": "Chỉ mục tìm kiếm",
                "indexes": [
                    models.Index(fields=["date"], name="search_entry_date"),
                    models.Index(fields=["site", "date"], name="search_entry_site_date"),
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "object_id"), name="search_entry_unique_object"),
                ],
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
