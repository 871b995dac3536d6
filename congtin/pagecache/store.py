"""Where cached pages live: the ``shared`` cache alias, one entry per URL.

Each entry carries the page-cache version it was rendered under; it is served only
while that version is current. The version and the entry are read together in one
round trip (one ``get_many``), so a lookup costs one call to Redis or two file
reads; the WSGI door keeps the pages it found in its own memory besides
(``local.RecentPages``).
"""

import hashlib
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches

VERSION_KEY = "pagecache-version"

# Campaign and click identifiers make every shared link a different URL for the same
# page; they change nothing on it.
IGNORED_PARAMS = frozenset({"fbclid", "gclid", "zarsrc", "_hsenc", "_hsmi"})


def shared_cache():
    return caches["shared"]


@dataclass(frozen=True)
class Entry:
    """A page as it is sent again: ``headers`` are the final ones (caching headers
    included), so a hit only copies them."""

    version: int
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes
    etag: str
    stored_at: int


def new_version() -> int:
    """A version no earlier entry can carry, even if the version key itself was
    evicted (Redis under memory pressure, a culled cache file): milliseconds."""
    return int(time.time() * 1000)


def current_version(cache=None) -> int:
    cache = cache or shared_cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        version = new_version()
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY, version)
    return version


# Set for REPLICA_LAG_SECONDS after every change: while it is there, anonymous
# reads go to the primary (congtin.core.db_routers), so a page rendered just after
# a publish is not read from a replica that has not replayed it yet and kept.
RECENT_CHANGE_KEY = "pagecache-recent-change"


def changed_recently() -> bool:
    return shared_cache().get(RECENT_CHANGE_KEY) is not None


# Purges made by this process: its own copies of pages (``local.RecentPages``) stop
# being trusted at once, not only when they next read the version.
_moves_here = 0


def moves_here() -> int:
    return _moves_here


def move_version_on() -> None:
    global _moves_here
    cache = shared_cache()
    lag = getattr(settings, "REPLICA_LAG_SECONDS", 0)
    if lag:
        cache.set(RECENT_CHANGE_KEY, 1, lag)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, new_version(), None)
    _moves_here += 1


def entry_key(meta) -> str:
    """The key of the page a request asks for, from its WSGI environ (a Django
    request's ``META``): the WSGI entry point and the middleware must agree on it
    without a request object. The host is taken as sent; the middleware only
    stores a page after Django has accepted the host (``ALLOWED_HOSTS``)."""
    header = settings.SECURE_PROXY_SSL_HEADER
    if header and meta.get(header[0]) == header[1]:
        scheme = "https"
    else:
        scheme = meta.get("wsgi.url_scheme", "http")
    host = meta.get("HTTP_HOST") or meta.get("SERVER_NAME", "")
    path = meta.get("SCRIPT_NAME", "") + meta.get("PATH_INFO", "")
    query = meta.get("QUERY_STRING", "")
    if query:
        pairs = [
            (name, value)
            for name, value in parse_qsl(query, keep_blank_values=True)
            if name not in IGNORED_PARAMS and not name.startswith("utm_")
        ]
        query = urlencode(sorted(pairs))
    url = f"{scheme}://{host.lower()}{path}?{query}"
    return "pagecache:" + hashlib.sha256(url.encode("utf-8", "replace")).hexdigest()


def lookup(key: str) -> tuple[int, Entry | None]:
    """The current version and the entry under ``key`` if it is current."""
    cache = shared_cache()
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        version = current_version(cache)
    entry = found.get(key)
    if isinstance(entry, Entry) and entry.version == version:
        return version, entry
    return version, None


def save(key: str, entry: Entry, timeout: int) -> None:
    shared_cache().set(key, entry, timeout)
