"""Counters that every app-server process sees, kept in the database.

The public forms count submissions per address, failed code lookups, and mark
challenge solutions as used. Django's default cache here is local memory, one per
process, so with two app server workers each worker would count on its own and every
limit would double. Without Redis these counts live in one small table instead:
each change is a single ``INSERT ... ON CONFLICT ... DO UPDATE ... RETURNING``
statement, atomic on SQLite (3.35+) and PostgreSQL alike, so two processes adding
at the same moment both count and each learns the exact new value.

What a caller may rely on:

- :func:`hit` adds one to a counter and returns the new value; a counter lives
  ``window`` seconds from its first hit, then starts again from 1.
- :func:`value` is the current value (0 when missing or expired).
- :func:`claim` is true for exactly one caller per key within ``ttl`` seconds
  (the "used once" marker of a challenge solution).

Expired rows are deleted now and then by the writes themselves (about one write
in :data:`PURGE_EVERY`), through the index on ``expires_at``; nothing else needs
to run. The statements always go to the primary database, never to a replica.
"""

from __future__ import annotations

import secrets
import time

from django.db import connections, models, router

#: About one write in this many also deletes the expired rows; 0 never does
#: (the tests, whose query counts must not depend on a random draw).
PURGE_EVERY = 200


class SharedCounter(models.Model):
    """One counter or marker; ``key`` is a short hashed name given by the caller."""

    key = models.CharField(max_length=120, primary_key=True)
    value = models.BigIntegerField(default=0)
    # Unix time: compared with time.time() in plain SQL, the same on every backend.
    expires_at = models.FloatField(db_index=True)

    class Meta:
        app_label = "core"
        verbose_name = "Bộ đếm dùng chung"
        verbose_name_plural = "Bộ đếm dùng chung"

    def __str__(self):
        return f"{self.key}={self.value}"


def _alias() -> str:
    # Writes and their reads go to the primary: a replica may lag behind a count.
    return router.db_for_write(SharedCounter)


def _names(connection):
    quote = connection.ops.quote_name
    return (
        quote(SharedCounter._meta.db_table),
        quote("key"),
        quote("value"),
        quote("expires_at"),
    )


def hit(key: str, window: float, using: str | None = None) -> int:
    """Add one to ``key`` and return the new value, atomically across processes.

    A missing or expired counter starts again at 1 and lives ``window`` seconds.
    """
    connection = connections[using or _alias()]
    table, key_col, value_col, expires_col = _names(connection)
    now = time.time()
    # Every SET expression reads the row as it was before this statement, on both
    # SQLite and PostgreSQL, so the CASEs agree on whether the row had expired.
    sql = (
        f"INSERT INTO {table} ({key_col}, {value_col}, {expires_col}) "
        f"VALUES (%s, 1, %s) "
        f"ON CONFLICT ({key_col}) DO UPDATE SET "
        f"{value_col} = CASE WHEN {table}.{expires_col} <= %s THEN 1 "
        f"ELSE {table}.{value_col} + 1 END, "
        f"{expires_col} = CASE WHEN {table}.{expires_col} <= %s "
        f"THEN EXCLUDED.{expires_col} ELSE {table}.{expires_col} END "
        f"RETURNING {value_col}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, now + window, now, now])
        new_value = cursor.fetchone()[0]
        if PURGE_EVERY and secrets.randbelow(PURGE_EVERY) == 0:
            cursor.execute(f"DELETE FROM {table} WHERE {expires_col} <= %s", [now])
    return int(new_value)


def value(key: str, using: str | None = None) -> int:
    """The current value of ``key``; 0 when it is missing or has expired."""
    connection = connections[using or _alias()]
    table, key_col, value_col, expires_col = _names(connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {value_col} FROM {table} "
            f"WHERE {key_col} = %s AND {expires_col} > %s",
            [key, time.time()],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def claim(key: str, ttl: float, using: str | None = None) -> bool:
    """True for the first caller of ``key`` within ``ttl`` seconds, False after."""
    return hit(key, ttl, using) == 1


def purge_expired(using: str | None = None) -> int:
    """Delete every expired row now; the number deleted."""
    deleted, _ = (
        SharedCounter.objects.using(using or _alias())
        .filter(expires_at__lte=time.time())
        .delete()
    )
    return deleted
