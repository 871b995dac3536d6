"""The pages one process served lately, kept in its own memory for the WSGI door.

A busy day is the same few pages read again and again; reading each from the shared
cache (a file: open, unpickle, decompress; or a Redis round trip) was most of what a
hit cost. ``RecentPages`` keeps the last pages found there, up to
``PAGE_CACHE_LOCAL_BYTES`` of bodies, with the WSGI status line and headers of a hit
made once, and trusts the version it last read for ``PAGE_CACHE_VERSION_SECONDS``:
a purge anywhere is seen here that much later at most, well within the promise that
a reader sees a change within 1 second on every app server. A purge made by this
process is seen at once (``store.moves_here``).
"""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from . import store
from .middleware import status_line


@dataclass(frozen=True, slots=True)
class KeptPage:
    entry: store.Entry
    status: str
    hit_headers: list[tuple[str, str]]
    expires: float  # time.time() after which the shared cache no longer has it


class RecentPages:
    """A bounded LRU of pages by their page-cache key, all of one version.

    Safe with several threads (granian's ``--blocking-threads``): one lock, held
    for a few dictionary operations.
    """

    def __init__(
        self,
        max_bytes: int,
        version_seconds: float,
        page_seconds: int,
        clock=time.monotonic,
        wall_clock=time.time,
    ):
        self.max_bytes = max_bytes
        self.version_seconds = version_seconds
        self.page_seconds = page_seconds
        self._clock = clock
        self._wall_clock = wall_clock
        self._pages: OrderedDict[str, KeptPage] = OrderedDict()
        self._bytes = 0
        self._version: int | None = None
        self._version_read_at = float("-inf")
        self._moves_seen = store.moves_here()
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        """Bytes of the bodies kept."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._pages)

    def get(self, key: str) -> KeptPage | None:
        """The page kept under ``key``, if the version read lately is still the one
        it was rendered under and the shared cache would still have it."""
        if not self._pages or not self._version_is_fresh():
            return None
        page = self._pages.get(key)
        if page is None:
            return None
        with self._lock:
            if page.entry.version != self._version:  # a thread saw a new one since
                return None
            if page.expires <= self._wall_clock():
                self._drop(key)
                return None
            if key in self._pages:
                self._pages.move_to_end(key)
        return page

    def seen(self, version: int) -> None:
        """``version`` was just read from the shared cache: trust it for a while."""
        with self._lock:
            self._version_read_at = self._clock()
            self._moves_seen = store.moves_here()
            if version != self._version:
                self._version = version
                self._pages.clear()
                self._bytes = 0

    def keep(self, key: str, entry: store.Entry) -> KeptPage:
        """Keeps ``entry``, found in the shared cache under the version last
        ``seen``, and returns it ready to send."""
        page = KeptPage(
            entry=entry,
            status=status_line(entry.status),
            hit_headers=[*entry.headers, ("X-Page-Cache", "hit")],
            expires=entry.stored_at + self.page_seconds,
        )
        size = len(entry.content)
        with self._lock:
            if entry.version != self._version or size > self.max_bytes:
                return page
            self._drop(key)
            self._pages[key] = page
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, oldest = self._pages.popitem(last=False)
                self._bytes -= len(oldest.entry.content)
        return page

    def _version_is_fresh(self) -> bool:
        if store.moves_here() != self._moves_seen:
            return False
        return self._clock() - self._version_read_at < self.version_seconds

    def _drop(self, key: str) -> None:
        page = self._pages.pop(key, None)
        if page is not None:
            self._bytes -= len(page.entry.content)
