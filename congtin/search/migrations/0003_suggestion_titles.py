from django.db import migrations


def add_titles_index(apps, schema_editor):
    """SQLite: the titles-with-prefixes table for suggestions, filled from the entries
    already indexed (PostgreSQL's suggestions keep using title_folded)."""
    from congtin.search.backends import TITLES_TABLE, backend_for, indexed_words

    connection = schema_editor.connection
    backend = backend_for(connection.vendor)
    with connection.cursor() as cursor:
        backend.install(cursor)
        if connection.vendor != "sqlite":
            return
        cursor.execute(f"INSERT INTO {TITLES_TABLE} ({TITLES_TABLE}) VALUES ('delete-all')")
        cursor.execute("SELECT id, title FROM portal_search_searchentry")
        rows = [
            (pk, " ".join(w[1] for w in indexed_words(title)))
            for pk, title in cursor.fetchall()
        ]
        cursor.executemany(
            f"INSERT INTO {TITLES_TABLE} (rowid, title_f) VALUES (%s, %s)", rows
        )


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0002_install_again")]

    operations = [migrations.RunPython(add_titles_index, migrations.RunPython.noop)]
