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

import pytest
from django.db import connection
from django.db.utils import load_backend

# Nothing from the project's models at import time: each spawned worker imports
# this module before its own django.setup().

ADDRESS = "198.51.100.7"
SCOPE = "test.cross-process"


def _worker(database, limit, attempts, barrier, results):
    """One app-server process: its own Django set-up, then ``attempts`` posts."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congtin.settings.test")
    from django.conf import settings

    settings.DATABASES = {"default": database}
    settings.PUBLIC_FORMS_IP_LIMIT = limit
    settings.PUBLIC_FORMS_CONTACT_LIMIT = 10_000
    settings.PUBLIC_FORMS_FAILED_LOOKUP_LIMIT = 10_000
    import django

    django.setup()
    from django.test import RequestFactory

    from congtin.core import public_forms

    request = RequestFactory().post("/", REMOTE_ADDR=ADDRESS)
    barrier.wait(timeout=60)
    accepted = 0
    for _ in range(attempts):
        try:
            public_forms.consume(request, SCOPE)
            accepted += 1
        except public_forms.RateLimited:
            pass
        public_forms.record_failed_lookup(request, SCOPE)
    results.put(accepted)


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
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')
            cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    from congtin.core.shared_counters import SharedCounter

    wrapper = load_backend(settings["ENGINE"]).DatabaseWrapper(settings, "xproc")
    with wrapper.schema_editor(atomic=False) as editor:
        editor.create_model(SharedCounter)
    yield settings, wrapper
    wrapper.close()
    if connection.vendor != "sqlite":
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')


def _run_workers(database, limit, attempts, processes=2):
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(processes)
    results = context.Queue()
    workers = [
        context.Process(
            target=_worker, args=(database, limit, attempts, barrier, results)
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


def test_two_processes_share_one_limit(shared_database):
    database, wrapper = shared_database
    limit, attempts = 25, 40
    accepted = _run_workers(database, limit, attempts)
    # Exactly the limit in total, never the limit in each process.
    assert sum(accepted) == limit, accepted
    with wrapper.cursor() as cursor:
        cursor.execute(
            "SELECT key, value FROM core_sharedcounter WHERE key LIKE %s",
            [f"public_forms:{SCOPE}:%"],
        )
        counts = {key.split(":")[2]: value for key, value in cursor.fetchall()}
    # Every hit of both processes was counted once: none lost, none doubled.
    assert counts == {"ip": 2 * attempts, "miss": 2 * attempts}, counts

