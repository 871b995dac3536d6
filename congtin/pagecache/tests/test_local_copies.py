"""The WSGI door keeps the pages it found in its own memory, bounded by bytes, and
still sees every purge within PAGE_CACHE_VERSION_SECONDS (at once for its own)."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory, override_settings

from congtin.news.models import ArticlePage
from congtin.pagecache import store
from congtin.pagecache.local import RecentPages
from congtin.pagecache.wsgi import PageCacheApplication


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def page_cache():
    store.shared_cache().clear()
    with override_settings(
        PAGE_CACHE_SECONDS=600,
        PAGE_CACHE_VERSION_SECONDS=0.2,
        PAGE_CACHE_LOCAL_BYTES=4_000_000,
    ):
        yield


@pytest.fixture
def door(page_cache, monkeypatch):
    """The door in front of Django, on a clock the test moves, counting the lookups
    it makes in the shared cache."""
    django = WSGIHandler()
    door = PageCacheApplication(django)
    door.clock = Clock()
    door.recent = RecentPages(
        max_bytes=4_000_000, version_seconds=0.2, page_seconds=600, clock=door.clock
    )
    door.lookups = 0
    lookup = store.lookup

    def counted(key):
        door.lookups += 1
        return lookup(key)

    monkeypatch.setattr(store, "lookup", counted)
    return door


def get(door, path, method="GET", **headers):
    started = []
    factory = RequestFactory()
    request = (factory.head if method == "HEAD" else factory.get)(
        path, HTTP_HOST="localhost", **headers
    )
    # As Django's test client does: the end of a request would otherwise close the
    # test's database connection, and its transaction with it (PostgreSQL).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(door(request.environ, lambda *args: started.append(args)))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    status, header_list = started[-1][:2]
    return status, dict(header_list), body


pytestmark = [pytest.mark.django_db]


def test_a_page_read_again_is_answered_from_memory(demo, door):
    _, rendered, page = get(door, demo["url"])
    assert rendered["X-Page-Cache"] == "miss"
    status, headers, body = get(door, demo["url"])  # from the shared cache
    assert (status, headers["X-Page-Cache"]) == ("200 OK", "hit")
    lookups = door.lookups
    for _ in range(3):
        status, headers, body = get(door, demo["url"])
        assert (status, headers["X-Page-Cache"], body) == ("200 OK", "hit", page)
    assert door.lookups == lookups
    for name in ("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Type"):
        assert headers[name] == rendered[name]
    # Revalidation and HEAD are answered from memory too.
    status, headers, body = get(door, demo["url"], HTTP_IF_NONE_MATCH=rendered["ETag"])
    assert (status, body) == ("304 Not Modified", b"")
    assert headers["ETag"] == rendered["ETag"] and "Content-Type" not in headers
    status, headers, body = get(door, demo["url"], method="HEAD")
    assert (status, body) == ("200 OK", b"")
    assert door.lookups == lookups


def test_a_purge_elsewhere_is_seen_within_the_version_delay(demo, door):
    get(door, "/")
    get(door, "/")
    # Another process moves the version on: this one has not read it yet.
    store.shared_cache().incr(store.VERSION_KEY)
    door.clock.now += 0.1
    assert get(door, "/")[1]["X-Page-Cache"] == "hit"
    door.clock.now += 0.1
    assert get(door, "/")[1]["X-Page-Cache"] == "miss"
    assert get(door, "/")[1]["X-Page-Cache"] == "hit"


def test_a_purge_here_is_seen_at_once(demo, door, django_capture_on_commit_callbacks):
    get(door, demo["url"])
    get(door, demo["url"])
    article = ArticlePage.objects.get(pk=demo["article"].pk)
    article.title = "Tiêu đề mới của bài viết"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    _, headers, body = get(door, demo["url"])
    assert headers["X-Page-Cache"] == "miss"
    assert "Tiêu đề mới của bài viết" in body.decode()


def test_a_page_is_not_kept_longer_than_the_shared_cache_keeps_it(demo, door):
    import time

    now = time.time()
    door.recent._wall_clock = lambda: now
    get(door, "/")
    get(door, "/")
    lookups = door.lookups
    get(door, "/")
    assert door.lookups == lookups
    now += 601
    door.clock.now += 0.1  # the version is still trusted: only the age counts
    get(door, "/")
    assert door.lookups == lookups + 1


def entry(version, size, body=b"x"):
    return store.Entry(
        version=version,
        status=200,
        headers=(("Content-Type", "text/html; charset=utf-8"),),
        content=body * size,
        etag='"e"',
        stored_at=2_000_000_000,
    )


def test_memory_is_bounded_by_bytes_and_keeps_the_latest_read():
    clock = Clock()
    recent = RecentPages(
        max_bytes=100, version_seconds=0.2, page_seconds=600, clock=clock
    )
    recent.seen(7)
    for key in "abc":
        recent.keep(key, entry(7, 40))
    assert recent.size == 80 and len(recent) == 2
    assert recent.get("a") is None
    assert recent.get("b") is not None  # now the latest read
    recent.keep("d", entry(7, 40))
    assert recent.get("b") is not None and recent.get("c") is None
    assert recent.size == 80
    # A page larger than the whole bound is sent but not kept.
    big = recent.keep("e", entry(7, 101))
    assert big.hit_headers[-1] == ("X-Page-Cache", "hit")
    assert recent.get("e") is None and recent.size == 80


def test_a_new_version_drops_every_page_and_an_old_entry_is_not_kept():
    clock = Clock()
    recent = RecentPages(
        max_bytes=1000, version_seconds=0.2, page_seconds=600, clock=clock
    )
    recent.seen(7)
    recent.keep("a", entry(7, 10))
    recent.keep("b", entry(6, 10))
    assert recent.get("b") is None
    assert recent.get("a") is not None
    recent.seen(8)
    assert recent.get("a") is None and recent.size == 0
    clock.now += 0.2
    recent.keep("a", entry(8, 10))
    assert recent.get("a") is None  # the version read 0.2 s ago is not trusted


def test_zero_turns_memory_off():
    recent = RecentPages(max_bytes=1000, version_seconds=0, page_seconds=600)
    recent.seen(7)
    recent.keep("a", entry(7, 10))
    assert recent.get("a") is None
