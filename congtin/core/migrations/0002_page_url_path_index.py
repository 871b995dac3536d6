from django.db import migrations


class Migration(migrations.Migration):
    """Index Wagtail's page url_path: HomePage.route looks pages up by it."""

    dependencies = [("core", "0001_initial"), ("wagtailcore", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS congtin_page_url_path ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS congtin_page_url_path",
        )
    ]
