"""Whole copies of the test database, so a test process builds costly data once.

Each demo variant is built once, committed, and the database is copied; a test that
needs another starting state gets the copy back instead of a new build:

- SQLite: the in-memory test database through SQLite's online backup API;
- PostgreSQL: ``CREATE DATABASE ... TEMPLATE`` (a file copy, a fraction of a second).

Under pytest-xdist the migrations run and each demo variant is built once for the
whole run, in the controller, into templates the workers copy (PostgreSQL's
``TEST["TEMPLATE"]`` and databases; files restored into SQLite's in-memory
database), instead of once in each worker.
"""

import os
import sqlite3
import tempfile
from typing import Any

from django.db import connection, connections
from django.db.backends.signals import connection_created


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


def copy_database(source: str, target: str) -> None:
    """PostgreSQL: a new database ``target``, a copy of ``source``, which no session
    may use. Unlike a snapshot's restore it leaves this process's connections
    alone, so a test may call it inside its transaction."""
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {_quote(target)} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {_quote(target)} TEMPLATE {_quote(source)}")


def drop_database(name: str) -> None:
    """PostgreSQL: drop ``name``, ending the sessions still connected to it."""
    _pg_drop(name)


class Snapshots:
    """Named copies of the test database, taken and put back whole."""

    def __init__(self) -> None:
        self._saved: dict[str, object] = {}
        # Copies made by the run's controller: used here, dropped by it.
        self._adopted: set[str] = set()

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

    def database(self, key: str) -> str | None:
        """PostgreSQL: the database holding the copy ``key``, which no session uses
        (``copy_database`` can make another from it); None on SQLite."""
        saved = self._saved.get(key)
        return saved if isinstance(saved, str) else None

    def adopt(self, key: str, template: str) -> None:
        """Use ``template`` (see ``build_templates``) as the copy ``key``."""
        if connection.vendor == "sqlite":
            self._saved[key] = sqlite3.connect(template, check_same_thread=False)
        else:
            self._saved[key] = template
        self._adopted.add(key)

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
        for key, saved in self._saved.items():
            if isinstance(saved, sqlite3.Connection):
                saved.close()
            elif key not in self._adopted:
                _pg_drop(str(saved))
        self._saved.clear()
        self._adopted.clear()


def build_templates(build, variants: dict[str, Any]) -> dict[str, str]:
    """In the controller of a parallel run: the migrated database under ``"plain"``,
    and each of ``variants`` (key: argument of ``build``) built on a copy of it.

    Django's own test database creation migrates (the migrations and their data, as
    for any test database). PostgreSQL keeps each as a database under another name;
    SQLite's in-memory database is written to temporary files.
    """
    if connection.vendor == "sqlite":
        return _sqlite_templates(build, variants)
    return _pg_templates(build, variants)


def _sqlite_templates(build, variants) -> dict[str, str]:
    original = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, serialize=False)
    connection.ensure_connection()
    migrated = sqlite3.connect(":memory:")
    connection.connection.backup(migrated)
    templates = {"plain": _sqlite_file(migrated)}
    for key, variant in variants.items():
        migrated.backup(connection.connection)
        clear_caches()
        build(variant)
        templates[key] = _sqlite_file(connection.connection)
    migrated.close()
    connection.creation.destroy_test_db(original, verbosity=0)
    return templates


def _sqlite_file(source: sqlite3.Connection) -> str:
    handle, path = tempfile.mkstemp(prefix="congtin-template-", suffix=".sqlite3")
    os.close(handle)
    target = sqlite3.connect(path)
    source.backup(target)
    target.close()
    return path


def _pg_templates(build, variants) -> dict[str, str]:
    from django.conf import settings

    test_settings = connection.settings_dict.setdefault("TEST", {})
    plain = f"test_{connection.settings_dict['NAME']}_template"
    original_names = (connection.settings_dict["NAME"], test_settings.get("NAME"))
    test_settings["NAME"] = plain
    templates = {"plain": plain}
    try:
        connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
        for key, variant in variants.items():
            templates[key] = f"{plain}_{key}"
            _pg_copy(plain, templates[key])
            connection.settings_dict["NAME"] = templates[key]
            clear_caches()
            build(variant)
            connections.close_all()
    finally:
        connection.close()
        connection.settings_dict["NAME"], test_settings["NAME"] = original_names
        settings.DATABASES[connection.alias]["NAME"] = original_names[0]
    return templates


def clear_caches() -> None:
    """Empty every configured cache: a rollback or a database put back does not
    reach them, and they may hold another test's pages."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


def use_template(template: str) -> None:
    """Make this process's test database a copy of ``template``: Django's test
    database creation then finds every migration applied and has nothing to run."""
    from django.conf import settings

    if connection.vendor != "sqlite":
        settings.DATABASES["default"].setdefault("TEST", {})["TEMPLATE"] = template
        return

    def restore(sender, connection, **kwargs):
        # The in-memory test database comes into being with its first connection,
        # the one the migrate command opens: fill it before the command reads it.
        if connection.alias == "default" and connection.is_in_memory_db():
            connection_created.disconnect(restore)
            source = sqlite3.connect(template)
            source.backup(connection.connection)
            source.close()

    connection_created.connect(restore, weak=False)


def drop_templates(templates: dict[str, str]) -> None:
    for template in templates.values():
        if connection.vendor == "sqlite":
            os.unlink(template)
        else:
            _pg_drop(template)
