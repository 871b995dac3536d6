"""The database's own copy, by vendor: SQLite's online backup, PostgreSQL's pg_dump.

Both are the whole database as it is, byte for byte or object for object: tables,
sequences, the search index's generated columns, triggers and FTS5 tables, the
treebeard paths, revisions, content types with their ids (which generic relations
and revisions point at), sessions and the task queue. Django's dumpdata/loaddata
would not be: it knows models only (the search index's FTS5 tables and tsvector
columns, made by SQL in the search migrations, are not models); content types are
created afresh by `migrate` with other ids than the ones rows point at unless
every key is natural; the index must be rebuilt after it; and loaddata reads a
JSON file whole into memory. So an archive is restored on the vendor that made it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.recorder import MigrationRecorder

from .archive import DATABASE_DIR, BackupError

VENDORS = ("sqlite", "postgresql")


class DatabaseError(BackupError):
    """The dump or the load failed."""


def member_name(vendor: str) -> str:
    """The dump's name in the archive."""
    suffix = {"sqlite": "sqlite3", "postgresql": "pgdump"}[vendor]
    return f"{DATABASE_DIR}/db.{suffix}"


def check_vendor(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in VENDORS:
        raise DatabaseError(
            f"Không hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.",
            f"Backups of a {connection.vendor} database are not supported.",
        )
    return connection.vendor


def dump(connection: BaseDatabaseWrapper, target: Path) -> None:
    """Write the whole database to the file ``target``, consistent as of one moment
    while others keep writing."""
    if check_vendor(connection) == "sqlite":
        if connection.in_atomic_block:
            # SQLite answers "locked" to a backup of a database its own connection
            # is writing to, and Python's backup would wait for ever.
            raise DatabaseError(
                "Không sao lưu trong một giao dịch đang mở.",
                "A backup cannot run inside an open transaction.",
            )
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            # One step (pages=-1): the copy is of one moment, under a read lock.
            connection.connection.backup(copy)
        finally:
            copy.close()
        return
    _run_pg(
        "pg_dump",
        connection,
        ["--format=custom", "--no-password", f"--file={target}"],
    )


def load(connection: BaseDatabaseWrapper, source: Path) -> None:
    """Replace the database's content by the dump ``source``."""
    if check_vendor(connection) == "sqlite":
        connection.ensure_connection()
        dumped = sqlite3.connect(source)
        try:
            dumped.backup(connection.connection)
        finally:
            dumped.close()
        return
    # Our own session must hold no lock on a table pg_restore drops.
    connection.close()
    _run_pg(
        "pg_restore",
        connection,
        [
            # Objects the target already has (a database where only `migrate` ran)
            # are dropped first; everything in one transaction, all or nothing.
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            # The installation's own role owns what is restored.
            "--no-owner",
            "--no-privileges",
            "--no-password",
        ],
        restore_from=source,
    )


def _run_pg(
    program: str,
    connection: BaseDatabaseWrapper,
    options: list[str],
    restore_from: Path | None = None,
) -> None:
    executable = shutil.which(program)
    if executable is None:
        raise DatabaseError(
            f"Không tìm thấy {program}: cài gói postgresql-client (cùng phiên bản "
            f"chính với máy chủ PostgreSQL hoặc mới hơn).",
            f"{program} not found: install postgresql-client (the PostgreSQL "
            f"server's major version or newer).",
        )
    settings_dict = connection.settings_dict
    # psql's connection options from Django's own client (user, host, port; the
    # password and TLS settings go in the environment, not on the command line).
    args, env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    connect, database = args[1:-1], args[-1]
    if restore_from is None:
        command = [executable, *options, *connect, database]
    else:
        command = [executable, *options, *connect, f"--dbname={database}"]
        command.append(str(restore_from))
    result = subprocess.run(
        command,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()[-2000:]
        raise DatabaseError(
            f"{program} không thành công (mã {result.returncode}): {message}",
            f"{program} failed (exit status {result.returncode}).",
        )


def applied_migrations(connection: BaseDatabaseWrapper) -> dict[str, list[str]]:
    """The migrations applied to the database, by app label."""
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return {}
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(recorder.applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


_CONTENT_TABLES = {
    "auth_user": ("người dùng", "users"),
    "wagtailimages_image": ("ảnh", "images"),
    "wagtaildocs_document": ("tài liệu", "documents"),
    "wagtailcore_revision": ("phiên bản", "revisions"),
    "questions_question": ("câu hỏi", "questions"),
}
# `migrate` alone makes Wagtail's root page and its "Welcome" page, both plain
# wagtailcore pages at depth 1 and 2: any other page is content.
_PAGES = (
    "SELECT COUNT(*) FROM wagtailcore_page WHERE depth > 2 OR content_type_id NOT IN"
    " (SELECT id FROM django_content_type"
    " WHERE app_label = 'wagtailcore' AND model = 'page')"
)


def content_found(connection: BaseDatabaseWrapper) -> list[tuple[int, str, str]]:
    """What the database holds beyond a new installation's (no tables, or only
    what the migrations made), e.g. ``[(3, "người dùng", "users")]``."""
    tables = set(connection.introspection.table_names())
    queries = [
        (f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}", label)
        for table, label in _CONTENT_TABLES.items()
        if table in tables
    ]
    if {"wagtailcore_page", "django_content_type"} <= tables:
        queries.append((_PAGES, ("trang", "pages")))
    found = []
    with connection.cursor() as cursor:
        for query, label in queries:
            cursor.execute(query)
            count = cursor.fetchone()[0]
            if count:
                found.append((count, *label))
    return found
