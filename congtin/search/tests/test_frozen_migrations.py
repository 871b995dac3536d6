"""The search migrations run their own frozen SQL, never the live backends."""

from importlib import import_module
from pathlib import Path

import pytest

from congtin.search.migrations import _vendor_sql

MIGRATIONS = Path(_vendor_sql.__file__).parent


def test_migrations_do_not_call_the_live_backends():
    for path in MIGRATIONS.glob("0*.py"):
        source = path.read_text()
        assert "backend_for" not in source, path.name
        assert ".install(" not in source, path.name


def test_every_vendor_can_be_installed_and_removed():
    assert (
        set(_vendor_sql.INSTALL)
        == set(_vendor_sql.UNINSTALL)
        == {
            "sqlite",
            "postgresql",
        }
    )


@pytest.mark.django_db
def test_0004_writes_every_entry_s_words_again():
    """The migration rebuilds the words of entries indexed by an earlier rule."""
    from types import SimpleNamespace

    from django.db import connection

    from congtin.search import backends
    from congtin.search.engine import SearchQuery, search
    from congtin.search.index import Document, put_many

    reindex = import_module("congtin.search.migrations.0004_whole_numbers")
    put_many(
        Document(kind="test.doc", object_id=i, title=title, body=body, url=f"/d/{i}/")
        for i, (title, body) in enumerate(
            [
                ("Dự toán", "Tổng mức 5.000.000.000 đồng"),
                ("Hỗ trợ", "Mỗi hộ 5.000.000"),
            ],
            start=1,
        )
    )
    # An index written by the earlier rule: the number's stretches as words too.
    earlier = "5z000 000z000 5z000z000 000z000z000 5z000z000z000"
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            backends.SQLiteBackend().clear()
            cursor.execute(
                f"INSERT INTO {backends.FTS_TABLE} (rowid, title_f, body_f, title_x, "
                "body_x) SELECT id, 'du toan', %s, 'dự toán', %s FROM "
                f"{backends.TABLE} WHERE object_id = 1",
                [earlier, earlier],
            )
        else:
            cursor.execute(
                f"UPDATE {backends.TABLE} SET folded = to_tsvector('simple', %s), "
                "exact = to_tsvector('simple', %s) WHERE object_id = 1",
                [earlier, earlier],
            )

    def found(text):
        return {h.entry.title for h in search(SearchQuery(text=text)).hits}

    assert "Dự toán" in found("5.000.000")
    reindex.reindex_words(None, SimpleNamespace(connection=connection))
    assert found("5.000.000") == {"Hỗ trợ"}
    assert found("5.000.000.000") == {"Dự toán"}
    assert found("hỗ trợ") == {"Hỗ trợ"}
