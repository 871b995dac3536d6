from django.db import migrations

from ._vendor_sql import REINDEX_CLEAR, REINDEX_ROW, TABLE, run

BATCH = 500


def reindex_words(apps, schema_editor):
    """Write every entry's words again: a number with separators ("5.000.000") is now
    one word, no longer also its stretches ("5z000", "000z000"), which made
    "5.000.000" find "5.000.000.000".

    The words are split and folded by the live rule on purpose, as in 0003: the index
    must hold what today's searches look for. `rebuild_search_index` does the same
    from the content itself.
    """
    connection = schema_editor.connection
    from congtin.search.backends import word_lists

    run(schema_editor, REINDEX_CLEAR)
    statements = REINDEX_ROW[connection.vendor]
    last = 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                f"SELECT id, title, body FROM {TABLE} WHERE id > %s ORDER BY id LIMIT %s",
                [last, BATCH],
            )
            rows = cursor.fetchall()
            if not rows:
                break
            values = [
                dict(zip(("id", "tf", "bf", "tx", "bx"), (pk, *word_lists(t, b))))
                for pk, t, b in rows
            ]
            for statement in statements:
                cursor.executemany(statement, values)
            last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0003_suggestion_titles")]

    operations = [migrations.RunPython(reindex_words, migrations.RunPython.noop)]
