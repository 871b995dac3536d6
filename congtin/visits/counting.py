"""Counting views and searches without writing a row per view.

Two places hold the counts until the scheduler folds them (:func:`fold`, every
minute) into ``DailyViews``, ``PortalDay`` and ``SearchDay``:

- Redis, when the ``shared`` cache is django-redis (``REDIS_URL``): one
  ``HINCRBY`` per view into one hash, which the fold renames away and reads whole.
- Otherwise a buffer in each web process, written into ``PendingCount`` (one
  ``INSERT ... ON CONFLICT DO UPDATE`` per distinct key, in one transaction) at
  most every ``VISITS_FLUSH_SECONDS`` or when it holds ``VISITS_BUFFER_KEYS``
  keys. A process that dies loses at most those seconds of counts: statistics,
  not accounts. The fold takes the rows with ``DELETE ... RETURNING``, so a flush
  running at the same moment either lands before (and is folded) or after (and
  is folded next minute); nothing is counted twice or lost.

Keys: a view is ``v``, its day and the page id; a search is ``s``, its day and
"site id|1 or 0 (found)|text".
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import connections, router, transaction
from django.utils import timezone

from congtin.core.vietnamese import canonical_tone_text, nfc

from .models import DailyViews, PendingCount, PortalDay, SearchDay

logger = logging.getLogger(__name__)

VIEW, SEARCH = "v", "s"
MAX_QUERY_LENGTH = 200

_buffer: Counter[tuple[str, str, str]] = Counter()
_lock = threading.Lock()
_last_flush = time.monotonic()


def normalise_query(text: str) -> str:
    """The search text as it is counted: NFC, lower case, one tone placement
    ("hoà" and "hòa" are one query), spaces collapsed, at most 200 characters."""
    text = " ".join(nfc(text).lower().split())
    return canonical_tone_text(text)[:MAX_QUERY_LENGTH].strip()


def _redis_key() -> str:
    # The shared cache's prefix: installations sharing a Redis keep apart.
    from django.core.cache import caches

    return f"{caches['shared'].key_prefix}:visits:pending"


def _redis():
    """The Redis client of the ``shared`` cache, or None when it is not Redis."""
    backend = settings.CACHES.get("shared", {}).get("BACKEND", "")
    if not backend.startswith("django_redis"):
        return None
    from django_redis import get_redis_connection

    return get_redis_connection("shared")


def _add(kind: str, key: str) -> None:
    day = timezone.localdate().isoformat()
    client = _redis()
    if client is not None:
        client.hincrby(_redis_key(), f"{kind}|{day}|{key}", 1)
        return
    global _last_flush
    with _lock:
        _buffer[(kind, day, key)] += 1
        due = (
            len(_buffer) >= settings.VISITS_BUFFER_KEYS
            or time.monotonic() - _last_flush >= settings.VISITS_FLUSH_SECONDS
        )
    if due:
        flush()


def record_view(page_id: int) -> None:
    """Count one reader's view of page ``page_id`` today."""
    _add(VIEW, str(page_id))


def record_search(site_id: int, query: str, found: bool) -> None:
    """Count one search on portal ``site_id``; ``found``: it had results."""
    query = normalise_query(query)
    if query:
        _add(SEARCH, f"{site_id}|{int(found)}|{query}")


def _upsert(
    table: str,
    conflict: tuple[str, ...],
    columns: tuple[str, ...],
    adds,
    rows,
    using: str,
) -> None:
    """INSERT rows; on conflict with ``conflict`` add the ``adds`` columns."""
    if not rows:
        return
    connection = connections[using]
    quote = connection.ops.quote_name
    table_q = quote(table)
    sets = ", ".join(
        f"{quote(col)} = {table_q}.{quote(col)} + EXCLUDED.{quote(col)}" for col in adds
    )
    sql = (
        f"INSERT INTO {table_q} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({', '.join(quote(c) for c in conflict)}) DO UPDATE SET {sets}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def flush() -> int:
    """Write this process's buffer into ``PendingCount``; the number of keys."""
    global _last_flush
    with _lock:
        items = list(_buffer.items())
        _buffer.clear()
        _last_flush = time.monotonic()
    if not items:
        return 0
    using = router.db_for_write(PendingCount)
    connection = connections[using]
    try:
        # The beacon's WSGI door runs outside Django's request cycle, which would
        # otherwise drop a connection the database server has closed.
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
        with transaction.atomic(using=using):
            _upsert(
                PendingCount._meta.db_table,
                ("kind", "day", "key"),
                ("kind", "day", "key", "count"),
                ("count",),
                [(kind, day, key, count) for (kind, day, key), count in items],
                using,
            )
    except Exception:
        # Counting must never break the beacon; the counts go back for next time.
        logger.exception("visits: flush failed, kept for the next one")
        with _lock:
            _buffer.update(dict(items))
    return len(items)


# A worker that stops (a deploy, a restart) writes what it still holds.
atexit.register(flush)


def _take_pending(using: str) -> Counter[tuple[str, str, str]]:
    taken: Counter[tuple[str, str, str]] = Counter()
    connection = connections[using]
    table = connection.ops.quote_name(PendingCount._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f'DELETE FROM {table} RETURNING "kind", "day", "key", "count"')
        for kind, day, key, count in cursor.fetchall():
            taken[(kind, str(day), key)] += int(count)
    client = _redis()
    if client is not None:
        pending = _redis_key()
        folding = f"{pending}:{time.time_ns()}"
        try:
            client.rename(pending, folding)
        except Exception:  # no such key: nothing counted since the last fold
            return taken
        for field, count in client.hgetall(folding).items():
            kind, day, key = field.decode().split("|", 2)
            taken[(kind, day, key)] += int(count)
        client.delete(folding)
    return taken


def _site_of_url_paths(url_paths: dict[int, str]) -> dict[int, int]:
    """The portal of each page by its ``url_path``, deepest root first. Wagtail's
    site root paths include each translation of a home page, so an English page
    (its own tree) counts for its portal."""
    from wagtail.models import Site

    roots = sorted(
        Site.get_site_root_paths(), key=lambda root: len(root.root_path), reverse=True
    )
    found = {}
    for page_id, url_path in url_paths.items():
        for root in roots:
            if url_path.startswith(root.root_path):
                found[page_id] = root.site_id
                break
    return found


def fold() -> str:
    """Add every pending count to the daily tables; a note for the scheduler's
    log. Pages and portals that no longer exist are dropped."""
    from wagtail.models import Page, Site

    flush()
    using = router.db_for_write(DailyViews)
    with transaction.atomic(using=using):
        taken = _take_pending(using)
        if not taken:
            return ""
        views: Counter[tuple[int, str]] = Counter()
        searches: Counter[tuple[int, str, str]] = Counter()
        empty: Counter[tuple[int, str, str]] = Counter()
        for (kind, day, key), count in taken.items():
            if kind == VIEW and key.isdigit():
                views[(int(key), day)] += count
            elif kind == SEARCH:
                site, found, query = key.split("|", 2)
                searches[(int(site), day, query)] += count
                if found == "0":
                    empty[(int(site), day, query)] += count
        url_paths = dict(
            Page.objects.filter(pk__in={page for page, _ in views}).values_list(
                "pk", "url_path"
            )
        )
        site_of = _site_of_url_paths(url_paths)
        page_rows = []
        portal: Counter[tuple[int, str]] = Counter()
        for (page, day), count in views.items():
            if page in site_of:
                page_rows.append((site_of[page], page, day, count))
                portal[(site_of[page], day)] += count
        _upsert(
            DailyViews._meta.db_table,
            ("page_id", "day"),
            ("site_id", "page_id", "day", "views"),
            ("views",),
            page_rows,
            using,
        )
        _upsert(
            PortalDay._meta.db_table,
            ("site_id", "day"),
            ("site_id", "day", "views"),
            ("views",),
            [(site, day, count) for (site, day), count in portal.items()],
            using,
        )
        sites = set(Site.objects.values_list("pk", flat=True))
        _upsert(
            SearchDay._meta.db_table,
            ("site_id", "day", "query"),
            ("site_id", "day", "query", "searches", "empty"),
            ("searches", "empty"),
            [
                (site, day, query, count, empty[(site, day, query)])
                for (site, day, query), count in searches.items()
                if site in sites
            ],
            using,
        )
    total = sum(count for (kind, _, _), count in taken.items() if kind == VIEW)
    return f"visits: {total} lượt xem đã cộng" if total else ""


def add_views(rows) -> None:
    """Add ``rows`` of (site id, page id, day, views) straight into the daily
    tables: the demo's illustrative figures."""
    using = router.db_for_write(DailyViews)
    page_rows = [
        (site, page, day.isoformat(), views) for site, page, day, views in rows
    ]
    portal: Counter[tuple[int, str]] = Counter()
    for site, _, day, views in page_rows:
        portal[(site, day)] += views
    _upsert(
        DailyViews._meta.db_table,
        ("page_id", "day"),
        ("site_id", "page_id", "day", "views"),
        ("views",),
        page_rows,
        using,
    )
    _upsert(
        PortalDay._meta.db_table,
        ("site_id", "day"),
        ("site_id", "day", "views"),
        ("views",),
        [(site, day, views) for (site, day), views in portal.items()],
        using,
    )
