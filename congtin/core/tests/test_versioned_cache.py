"""Versioned caches: entries go stale together; a request reads each version once."""

from django.core.cache import cache, caches

from congtin.versioned_cache import VersionedCache, versions_read_once


def test_entries_are_built_once_per_version_and_many_at_a_time():
    cache.clear()
    parts = VersionedCache("congtin:test-parts", 60)
    built = []

    def build(keys):
        built.append(list(keys))
        return {key: f"<{key}>" for key in keys}

    assert parts.cached_many("tag", ["1", "2", "1"], build) == {"1": "<1>", "2": "<2>"}
    assert parts.cached_many("tag", ["2", "3"], build) == {"2": "<2>", "3": "<3>"}
    assert built == [["1", "2"], ["3"]]
    assert parts.cached("one", 1, lambda: "a") == "a"
    parts.invalidate()
    assert parts.cached("one", 1, lambda: "b") == "b"
    assert parts.cached_many("tag", ["1"], build) == {"1": "<1>"}
    assert built[-1] == ["1"]


def test_a_request_reads_each_version_once_but_sees_its_own_changes():
    cache.clear()
    parts = VersionedCache("congtin:test-request", 60)
    with versions_read_once():
        first = parts.version()
        # Another process moves the version on: this request keeps what it read.
        caches["shared"].incr(parts.version_key)
        assert parts.version() == first
        # This request moves it on itself: it sees it at once.
        parts.invalidate()
        assert parts.version() == first + 2
    assert parts.version() == first + 2


def test_a_local_copy_answers_before_the_default_cache_and_follows_the_version(
    settings,
):
    """With a ``local`` alias (production, when the default cache is Redis), an
    entry read once is answered from the process's copy; a new version is not."""
    settings.CACHES = {
        **settings.CACHES,
        "local": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "test-local",
        },
    }
    local = caches["local"]
    cache.clear()
    local.clear()
    parts = VersionedCache("congtin:test-local", 60)
    assert parts.cached("one", 1, lambda: "a") == "a"
    assert parts.cached_many("tag", ["1"], lambda keys: {"1": "x"}) == {"1": "x"}
    cache.clear()  # the shared copies gone: the local ones still answer
    assert parts.cached("one", 1, lambda: "rebuilt") == "a"
    assert parts.cached_many("tag", ["1"], lambda keys: {"1": "y"}) == {"1": "x"}
    parts.invalidate()
    assert parts.cached("one", 1, lambda: "b") == "b"
    assert parts.cached_many("tag", ["1"], lambda keys: {"1": "z"}) == {"1": "z"}
    local.clear()  # filled from the default cache when only the local copy is gone
    assert parts.cached("one", 1, lambda: "c") == "b"
