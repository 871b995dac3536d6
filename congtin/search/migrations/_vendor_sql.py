"""The SQL of the search index's full-text objects, frozen as the migrations ran it.

The migrations execute these statements rather than calling the live backends, so an
old migration keeps doing what it did when the backends change: a new design of the
full-text objects comes with a new migration and its own SQL here. Every statement
is idempotent, as a migration replayed on a database that already has the objects
must be.
"""

TABLE = "portal_search_searchentry"
FTS_TABLE = "portal_search_fts"
TITLES_TABLE = "portal_search_titles"

INSTALL = {
    "sqlite": [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
        "title_f, body_f, title_x, body_x, content='', "
        "tokenize='unicode61 remove_diacritics 0')",
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TITLES_TABLE} USING fts5("
        "title_f, content='', prefix='1 2 3', "
        "tokenize='unicode61 remove_diacritics 0')",
    ],
    "postgresql": [
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        "DO $$ BEGIN "
        "IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'congtin_vi') THEN "
        "CREATE TEXT SEARCH CONFIGURATION congtin_vi (COPY = simple); "
        "ALTER TEXT SEARCH CONFIGURATION congtin_vi ALTER MAPPING FOR "
        "asciiword, word, numword, asciihword, hword, numhword, "
        "hword_asciipart, hword_part, hword_numpart WITH unaccent, simple; "
        "END IF; END $$",
        f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS folded tsvector, "
        "ADD COLUMN IF NOT EXISTS exact tsvector, "
        "ADD COLUMN IF NOT EXISTS title_folded tsvector",
        f"CREATE INDEX IF NOT EXISTS portal_search_folded_gin ON {TABLE} "
        "USING gin (folded)",
        f"CREATE INDEX IF NOT EXISTS portal_search_title_folded_gin ON {TABLE} "
        "USING gin (title_folded)",
        # `exact` only ranks, it is never searched: no index on it.
        "DROP INDEX IF EXISTS portal_search_exact_gin",
    ],
}

UNINSTALL = {
    "sqlite": [
        f"DROP TABLE IF EXISTS {FTS_TABLE}",
        f"DROP TABLE IF EXISTS {TITLES_TABLE}",
    ],
    "postgresql": [
        f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS folded, "
        "DROP COLUMN IF EXISTS exact, DROP COLUMN IF EXISTS title_folded",
    ],
}


def run(schema_editor, statements: dict[str, list[str]]) -> None:
    """Execute the statements written for the database's vendor."""
    vendor = schema_editor.connection.vendor
    if vendor not in statements:
        raise NotImplementedError(f"congtin search does not support {vendor}")
    with schema_editor.connection.cursor() as cursor:
        for statement in statements[vendor]:
            cursor.execute(statement)


def install(apps, schema_editor):
    run(schema_editor, INSTALL)


def uninstall(apps, schema_editor):
    run(schema_editor, UNINSTALL)


# 0004: every entry's words written again (numbers with separators indexed whole).
# Each statement takes the rows of (id, title folded, body folded, title exact, body
# exact) words, space-separated, as the migration computes them.
REINDEX_CLEAR = {
    "sqlite": [
        f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('delete-all')",
        f"INSERT INTO {TITLES_TABLE} ({TITLES_TABLE}) VALUES ('delete-all')",
    ],
    "postgresql": [],
}
REINDEX_ROW = {
    "sqlite": [
        f"INSERT INTO {FTS_TABLE} (rowid, title_f, body_f, title_x, body_x) "
        "VALUES (%(id)s, %(tf)s, %(bf)s, %(tx)s, %(bx)s)",
        f"INSERT INTO {TITLES_TABLE} (rowid, title_f) VALUES (%(id)s, %(tf)s)",
    ],
    "postgresql": [
        f"UPDATE {TABLE} SET "
        "folded = setweight(to_tsvector('simple', %(tf)s), 'A') "
        "|| to_tsvector('simple', %(bf)s), "
        "exact = setweight(to_tsvector('simple', %(tx)s), 'A') "
        "|| to_tsvector('simple', %(bx)s), "
        "title_folded = to_tsvector('simple', %(tf)s) "
        "WHERE id = %(id)s",
    ],
}
