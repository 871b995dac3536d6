"""Replay what a slow fixture wrote to the database instead of building it again.

``load_demo`` creates its pages through Wagtail's tree, revisions and workflows, which
takes seconds; most tests only need the rows it leaves. The first test that asks for a
demo builds it and records, table by table, the rows the build added, changed and
removed. A later test that starts from the same database state (same row counts in
every table, same day) replays those rows with plain INSERT and DELETE statements in
its own transaction, which the test's rollback undoes like anything else. When the
state differs (a test made rows of its own first), the fixture is built the slow way.

FTS5 tables on SQLite are not copied: Wagtail's own is kept by triggers on its entry
table, which the replayed rows fire; congtin's are contentless (no text to copy back),
so the replayed search entries are indexed again with the search backend.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db import connection, transaction
from django.utils import timezone

from congtin.search.backends import SQLiteBackend
from congtin.search.models import SearchEntry

SKIPPED = {"django_migrations", "sqlite_sequence"}
SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")


@dataclass
class TableChange:
    table: str
    columns: list[str]
    key: str | None  # primary key column; None: the whole row is the key
    removed: list = field(default_factory=list)  # keys
    written: list[tuple] = field(default_factory=list)  # whole rows


@dataclass
class Snapshot:
    changes: list[TableChange]
    search_entry_ids: list[int]

    @property
    def replayable(self) -> bool:
        """A row removed from a table without a primary key cannot be named."""
        return all(change.key or not change.removed for change in self.changes)


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


_TABLES: dict[str, list] = {}


def _tables() -> list[tuple[str, list[str], str | None]]:
    """(table, columns, key column) of every table whose rows are copied; the schema
    does not change during a test session, so it is read once per database."""
    database = f"{connection.vendor}:{connection.settings_dict['NAME']}"
    if database not in _TABLES:
        _TABLES[database] = _read_schema()
    return _TABLES[database]


def _read_schema() -> list[tuple[str, list[str], str | None]]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        virtual = set()
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND sql LIKE 'CREATE VIRTUAL TABLE%'"
            )
            virtual = {row[0] for row in cursor.fetchall()}
        tables = []
        for name in sorted(names):
            if (
                name in SKIPPED
                or name in virtual
                or any(name == v + s for v in virtual for s in SHADOW_SUFFIXES)
            ):
                continue
            columns = [
                c.name
                for c in connection.introspection.get_table_description(cursor, name)
            ]
            key = connection.introspection.get_primary_key_column(cursor, name)
            tables.append((name, columns, key))
    return tables


def _select(table: str, columns: list[str]) -> str:
    if connection.vendor == "postgresql":
        # As text, so every value (jsonb, tsvector, arrays) goes back in unchanged.
        listed = ", ".join(f"{_quote(c)}::text" for c in columns)
    else:
        # A function result has no declared type, so Django's converters leave the
        # stored value alone (a time stays text, which sqlite3 can bind again).
        listed = ", ".join(f"ifnull({_quote(c)}, NULL)" for c in columns)
    return f"SELECT {listed} FROM {_quote(table)}"


def _read(tables) -> dict[str, dict]:
    rows = {}
    with connection.cursor() as cursor:
        for table, columns, key in tables:
            cursor.execute(_select(table, columns))
            position = columns.index(key) if key else None
            rows[table] = {
                (row if position is None else row[position]): row
                for row in cursor.fetchall()
            }
    return rows


def fingerprint() -> tuple:
    """The database state a snapshot can be replayed on: today's date and the number
    of rows in every copied table, in one query."""
    tables = _tables()
    counts = ", ".join(f"(SELECT count(*) FROM {_quote(t)})" for t, _, _ in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return (str(timezone.localdate()), tuple(cursor.fetchone()))


def record(build: Callable[[], None]) -> Snapshot:
    """Run ``build`` and return the rows it changed."""
    tables = _tables()
    before = _read(tables)
    build()
    after = _read(tables)
    changes = []
    search_ids = []
    for table, columns, key in tables:
        old, new = before[table], after[table]
        removed = [k for k, row in old.items() if new.get(k) != row]
        written = [row for k, row in new.items() if old.get(k) != row]
        if not (removed or written):
            continue
        changes.append(TableChange(table, columns, key, removed, written))
        if table == SearchEntry._meta.db_table:
            search_ids = [row[columns.index(key)] for row in written]
    return Snapshot(changes, [int(pk) for pk in search_ids])


def replay(snapshot: Snapshot) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for change in snapshot.changes:
            table = _quote(change.table)
            if change.removed:
                column = _quote(change.key)
                cast = "::text" if connection.vendor == "postgresql" else ""
                cursor.executemany(
                    f"DELETE FROM {table} WHERE {column}{cast} = %s",
                    [(k,) for k in change.removed],
                )
            if change.written:
                listed = ", ".join(map(_quote, change.columns))
                marks = ", ".join(["%s"] * len(change.columns))
                cursor.executemany(
                    f"INSERT INTO {table} ({listed}) VALUES ({marks})", change.written
                )
        if connection.vendor == "postgresql":
            _advance_sequences(cursor, snapshot)
    if connection.vendor == "sqlite" and snapshot.search_entry_ids:
        entries = SearchEntry.objects.filter(pk__in=snapshot.search_entry_ids)
        SQLiteBackend().add(entries.values_list("pk", "title", "body"))
    # Signals did not run, so nothing invalidated what earlier tests cached.
    for cache in caches.all():
        cache.clear()


def _advance_sequences(cursor, snapshot: Snapshot) -> None:
    """Keep each id sequence beyond the replayed ids (a flush may have reset it)."""
    for change in snapshot.changes:
        if not change.key or not change.written:
            continue
        cursor.execute(
            "SELECT pg_get_serial_sequence(%s, %s)", [change.table, change.key]
        )
        sequence = cursor.fetchone()[0]
        if sequence is None:
            continue
        cursor.execute(
            f"SELECT setval(%s, GREATEST((SELECT max({_quote(change.key)}) "
            f"FROM {_quote(change.table)}), (SELECT last_value FROM {sequence})))",
            [sequence],
        )


class Recorder:
    """Snapshots by name and by the database state they start from."""

    def __init__(self):
        self._snapshots: dict[tuple, Snapshot] = {}

    def run(self, name: str, build: Callable[[], None]) -> None:
        state = (name, connection.vendor, fingerprint())
        snapshot = self._snapshots.get(state)
        if snapshot is None:
            self._snapshots[state] = record(build)
        elif snapshot.replayable:
            replay(snapshot)
        else:
            build()
