from django.db import migrations


def install_full_text(apps, schema_editor):
    # install() is idempotent: it brings an existing database's full-text objects to
    # the current design (here: no GIN index on the exact-form vector).
    from congtin.search.backends import backend_for

    with schema_editor.connection.cursor() as cursor:
        backend_for(schema_editor.connection.vendor).install(cursor)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_initial")]

    operations = [migrations.RunPython(install_full_text, migrations.RunPython.noop)]
