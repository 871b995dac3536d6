"""Whole copies of the test database, so a test process builds costly data once.

Transactional tests (live server, browser) commit what they do and are flushed
after; each used to build the demo again (seconds, more on PostgreSQL). Now the
first one builds it, the database is copied, and the next ones get the copy back:

- SQLite: the in-memory test database through SQLite's online backup API;
- PostgreSQL: ``CREATE DATABASE ... TEMPLATE`` (a file copy, a fraction of a second).

Under pytest-xdist on PostgreSQL the migrations run once for the whole run, into a
template database the workers' test databases are copied from (``TEST["TEMPLATE"]``),
instead of once in each worker.
"""

import sqlite3

from django.db import connection, connections


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _pg_copy(source: str, target: str) -> None:
    """Replace ``target`` by a copy of ``source`` (no session may use ``source``)."""
    connections.close_all()
    with connection._nodb_cursor() as cursor:
        # Threads of earlier tests (live servers, mail) may have left idle sessions.
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [source],
        )
        cursor.execute(f"DROP DATABASE IF EXISTS {_quote(target)} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {_quote(target)} TEMPLATE {_quote(source)}")


def _pg_drop(name: str) -> None:
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)")


class Snapshots:
    """Named copies of the test database, taken and put back whole."""

    def __init__(self) -> None:
        self._saved: dict[str, object] = {}

    def __bool__(self) -> bool:
        return bool(self._saved)

    def save(self, key: str) -> None:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(copy)
            self._saved[key] = copy
        else:
            name = connection.settings_dict["NAME"]
            snapshot = f"{name}_{key}"
            _pg_copy(name, snapshot)
            self._saved[key] = snapshot

    def restore(self, key: str) -> bool:
        """Put the copy ``key`` back in place of the test database; False if none."""
        saved = self._saved.get(key)
        if saved is None:
            return False
        if isinstance(saved, sqlite3.Connection):
            connection.ensure_connection()
            saved.backup(connection.connection)
        else:
            _pg_copy(str(saved), connection.settings_dict["NAME"])
        return True

    def drop_all(self) -> None:
        for saved in self._saved.values():
            if isinstance(saved, sqlite3.Connection):
                saved.close()
            else:
                _pg_drop(str(saved))
        self._saved.clear()


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def migrated_template() -> str:
    """Create a migrated PostgreSQL database for the workers' test databases to copy.

    Django's own test database creation makes it (the migrations and their data, as
    for any test database), under another name; the settings are put back after.
    """
    test_settings = connection.settings_dict.setdefault("TEST", {})
    name = f"test_{connection.settings_dict['NAME']}_template"
    original = (connection.settings_dict["NAME"], test_settings.get("NAME"))
    test_settings["NAME"] = name
    try:
        connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
    finally:
        connection.close()
        connection.settings_dict["NAME"], test_settings["NAME"] = original
        from django.conf import settings

        settings.DATABASES[connection.alias]["NAME"] = original[0]
    return name


def drop_template(name: str) -> None:
    _pg_drop(name)
