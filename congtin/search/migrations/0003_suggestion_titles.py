from django.db import migrations

from ._vendor_sql import TITLES_TABLE, install


def add_titles_index(apps, schema_editor):
    """SQLite: the titles-with-prefixes table for suggestions, filled from the entries
    already indexed (PostgreSQL's suggestions keep using title_folded)."""
    install(apps, schema_editor)
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    # The words are split and folded by the live rule on purpose: the titles table
    # must hold what today's searches look for, like every later index write.
    from congtin.search.backends import indexed_words

    with connection.cursor() as cursor:
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
