"""Limits hold across app-server processes on the embedded default (no Redis).

Two real Python processes, each with its own Django and its own database
connection (as two gunicorn workers have), submit from the same address at the
same moment against one database. Django's default cache here is local memory,
so limits kept there would be counted per process and doubled.
"""

import multiprocessing
import os
import queue
from pathlib import Path

import altcha
import pytest
from django.db import connection
from django.db.utils import load_backend

# Nothing from the project's models at import time: each spawned worker imports
# this module before its own django.setup().

ADDRESS = "198.51.100.7"
SCOPE = "test.cross-process"


def _worker(database, limit, attempts, payload, barrier, results):
    """One app-server process: its own Django set-up, then ``attempts`` posts and
    one try at spending the proof-of-work ``payload``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congtin.settings.test")
    from django.conf import settings

    settings.DATABASES = {"default": database}
    settings.PUBLIC_FORMS_IP_LIMIT = limit
    settings.PUBLIC_FORMS_CONTACT_LIMIT = 10_000
    settings.PUBLIC_FORMS_FAILED_LOOKUP_LIMIT = 10_000
    import django

    django.setup()
    from django.test import RequestFactory

    from congtin.core import challenge, public_forms

    request = RequestFactory().post("/", REMOTE_ADDR=ADDRESS)
    barrier.wait(timeout=60)
    solved = challenge.check_pow(payload, SCOPE) is None
    accepted = 0
    for _ in range(attempts):
        try:
            public_forms.consume(request, SCOPE)
            accepted += 1
        except public_forms.RateLimited:
            pass
        public_forms.record_failed_lookup(request, SCOPE)
    results.put((accepted, solved))


@pytest.fixture
def shared_database(tmp_path, db):
    """A database of its own holding only the counter table, on the test's backend.

    The test database itself cannot serve: on SQLite it lives in this process's
    memory, on PostgreSQL the test's rows sit in a transaction nobody else sees.
    """
    settings = {**connection.settings_dict}
    if connection.vendor == "sqlite":
        settings["NAME"] = str(Path(tmp_path) / "shared.sqlite3")
    else:
        settings["NAME"] = f"{connection.settings_dict['NAME']}_xproc"
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    from congtin.core.shared_counters import SharedCounter

    wrapper = load_backend(settings["ENGINE"]).DatabaseWrapper(settings, "xproc")
    with wrapper.schema_editor(atomic=False) as editor:
        editor.create_model(SharedCounter)
    yield settings, wrapper
    wrapper.close()
    if connection.vendor != "sqlite":
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}" WITH (FORCE)')


def _run_workers(database, limit, attempts, payload, processes=2):
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(processes)
    results = context.Queue()
    workers = [
        context.Process(
            target=_worker,
            args=(database, limit, attempts, payload, barrier, results),
        )
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    accepted = []
    try:
        while len(accepted) < processes:
            try:
                accepted.append(results.get(timeout=1))
            except queue.Empty:
                # A worker that died would otherwise leave this waiting for ever.
                assert all(w.is_alive() or w.exitcode == 0 for w in workers)
    finally:
        for worker in workers:
            worker.join(timeout=30)
    assert all(worker.exitcode == 0 for worker in workers)
    return accepted


def test_two_processes_share_one_limit_and_one_use(shared_database, settings):
    from congtin.core import challenge
    from congtin.core.tests.challenge_helpers import light

    light(settings)
    issued = altcha.Challenge.from_dict(challenge.new_pow_challenge(SCOPE))
    payload = altcha.Payload(issued, altcha.solve_challenge(issued)).to_base64()
    database, wrapper = shared_database
    limit, attempts = 25, 40
    outcomes = _run_workers(database, limit, attempts, payload)
    accepted = [count for count, _ in outcomes]
    # Exactly the limit in total, never the limit in each process.
    assert sum(accepted) == limit, accepted
    # The same solution, sent to both at once, is accepted by one of them only.
    assert sorted(solved for _, solved in outcomes) == [False, True]
    with wrapper.cursor() as cursor:
        cursor.execute(
            "SELECT key, value FROM core_sharedcounter WHERE key LIKE %s",
            [f"public_forms:{SCOPE}:%"],
        )
        counts = {key.split(":")[2]: value for key, value in cursor.fetchall()}
    # Every hit of both processes was counted once: none lost, none doubled.
    assert counts == {"ip": 2 * attempts, "miss": 2 * attempts}, counts


@pytest.mark.redis
def test_with_redis_configured_counts_and_markers_stay_in_redis(settings, db):
    from django.core.cache import caches
    from django.test import RequestFactory

    from congtin.conftest import port_open, require
    from congtin.core import public_forms
    from congtin.core.public_forms import ratelimits
    from congtin.core.shared_counters import SharedCounter

    require(port_open("127.0.0.1", 6379), "Redis")
    settings.CACHES = {
        **settings.CACHES,
        "public_forms": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            # This run's own: the SQLite and PostgreSQL runs share the server.
            "KEY_PREFIX": f"congtin-shared-test-{os.getpid()}",
        },
    }
    settings.PUBLIC_FORMS_CACHE = "public_forms"
    settings.PUBLIC_FORMS_IP_LIMIT = 1
    redis = caches["public_forms"]
    redis.delete_pattern("*")
    request = RequestFactory().post("/", REMOTE_ADDR=ADDRESS)
    try:
        public_forms.consume(request, SCOPE)
        with pytest.raises(public_forms.RateLimited):
            public_forms.consume(request, SCOPE)
        assert public_forms.claim("public_forms:pow:abc", 60)
        assert not public_forms.claim("public_forms:pow:abc", 60)
        assert redis.get(ratelimits._key(SCOPE, "ip", ADDRESS)) == 2
        assert not SharedCounter.objects.exists()
    finally:
        redis.delete_pattern("*")


def test_expired_counters_are_purged_by_a_write_and_live_ones_kept(db, monkeypatch):
    from congtin.core import shared_counters
    from congtin.core.shared_counters import SharedCounter

    shared_counters.hit("test:expired", 60)
    shared_counters.hit("test:live", 60)
    SharedCounter.objects.filter(key="test:expired").update(expires_at=0)
    monkeypatch.setattr(shared_counters, "PURGE_EVERY", 1)  # this write purges
    assert shared_counters.hit("test:live", 60) == 2
    assert set(SharedCounter.objects.values_list("key", flat=True)) == {"test:live"}
    # Without the purge an expired counter still reads 0 and starts again at 1.
    monkeypatch.setattr(shared_counters, "PURGE_EVERY", 0)
    SharedCounter.objects.filter(key="test:live").update(expires_at=0)
    assert shared_counters.value("test:live") == 0
    assert shared_counters.hit("test:live", 60) == 1
