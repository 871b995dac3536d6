"""Cached entries that all go stale together when anything they depend on changes.

Not an app: the portals app and core both keep such a cache (site lookups, the page
chrome), and the portals app imports no other congtin app.
"""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches

# The versions read during the current request, by prefix: a page reads a dozen
# cached parts, and each would otherwise read its version again (a round trip to
# Redis each). A request sees the versions as they were when it first read them,
# except the ones it moved on itself.
_request_versions: ContextVar[dict[str, int] | None] = ContextVar(
    "congtin_request_versions", default=None
)


@contextmanager
def versions_read_once() -> Iterator[None]:
    """Within this block (one request), each cache's version is read once."""
    token = _request_versions.set({})
    try:
        yield
    finally:
        _request_versions.reset(token)


class VersionedCache:
    """Entries under ``prefix`` in the default cache, each built at most once per
    version and kept ``timeout`` seconds.

    :meth:`invalidate` moves the version on instead of deleting entries (a cache
    cannot delete by prefix). The versions live in the ``shared`` cache, which
    every process on every app server reads (Redis, or files on a machine without
    it), so every process builds afresh at once even where the entries themselves
    are kept per process; old entries are left to expire. Keys:
    ``{prefix}-version`` holds the version, ``{prefix}:{name}:{key}:{version}`` an
    entry. A version starts at the clock in milliseconds, so a version key lost to
    eviction never brings back entries of an earlier one.
    """

    def __init__(self, prefix: str, timeout: int):
        self.prefix = prefix
        self.timeout = timeout
        self.version_key = f"{prefix}-version"

    def version(self) -> int:
        memo = _request_versions.get()
        if memo is not None and self.prefix in memo:
            return memo[self.prefix]
        versions = caches["shared"]
        value = versions.get(self.version_key)
        if value is None:
            value = int(time.time() * 1000)
            if not versions.add(self.version_key, value, None):
                value = versions.get(self.version_key, value)
        if memo is not None:
            memo[self.prefix] = value
        return value

    def invalidate(self, **kwargs) -> None:
        """Every entry is stale from now; takes a signal's arguments, so it can be
        connected as a receiver."""
        memo = _request_versions.get()
        if memo is not None:
            memo.pop(self.prefix, None)
        versions = caches["shared"]
        try:
            versions.incr(self.version_key)
        except ValueError:
            versions.set(self.version_key, int(time.time() * 1000), None)

    def _entry_key(self, name: str, key, version: int) -> str:
        return f"{self.prefix}:{name}:{key}:{version}"

    def cached(self, name: str, key, build: Callable[[], Any]) -> Any:
        """The entry ``name`` for ``key``, from ``build()`` when missing. A build
        that gives ``None`` is not kept."""
        cache_key = self._entry_key(name, key, self.version())
        local = _local_cache()
        if local is not None:
            value = local.get(cache_key)
            if value is not None:
                return value
        value = cache.get(cache_key)
        if value is None:
            value = build()
            cache.set(cache_key, value, self.timeout)
        if local is not None and value is not None:
            local.set(cache_key, value, self.timeout)
        return value

    def cached_many(
        self, name: str, keys, build_many: Callable[[list], dict]
    ) -> dict[Any, Any]:
        """The entries ``name`` for ``keys``, by key, with one cache read; the
        missing ones from one ``build_many(missing_keys)``, which answers a dict.
        Values that are ``None`` are not kept."""
        version = self.version()
        cache_keys = {key: self._entry_key(name, key, version) for key in keys}
        local = _local_cache()
        found = local.get_many(list(cache_keys.values())) if local is not None else {}
        wanted = [ck for ck in cache_keys.values() if ck not in found]
        if wanted:
            shared = cache.get_many(wanted)
            if local is not None and shared:
                local.set_many(shared, self.timeout)
            found.update(shared)
        values = {key: found[ck] for key, ck in cache_keys.items() if ck in found}
        missing = [key for key in cache_keys if key not in values]
        if missing:
            built = build_many(missing)
            kept = {
                cache_keys[key]: value
                for key, value in built.items()
                if key in cache_keys and value is not None
            }
            cache.set_many(kept, self.timeout)
            if local is not None:
                local.set_many(kept, self.timeout)
            values.update(built)
        return values


def _local_cache():
    """The ``local`` cache alias when there is one: a copy of the entries in each
    process, read before the default cache. Production sets it when the default
    cache is Redis: an entry's key carries its version, so a copy can never be
    stale, and a page reads some twenty entries, each a round trip to Redis."""
    if "local" not in settings.CACHES:
        return None
    return caches["local"]
