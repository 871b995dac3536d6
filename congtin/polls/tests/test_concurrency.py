"""Votes cast at the same moment are all counted: 20 threads, each with its own
database connection (as app-server workers have), vote on one poll at once.

The test database itself cannot serve: on SQLite it lives in this process's
memory, shared through one connection; on PostgreSQL the test's rows sit in a
transaction nobody else sees. So the poll tables are made in a database of their
own, reached through an alias of its own, as core/tests/test_shared_limits.py
does for the rate-limit counters.
"""

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection, connections
from django.db.utils import load_backend
from django.utils import timezone

from congtin.polls import services
from congtin.polls.models import Poll, PollOption

ALIAS = "polls_race"
THREADS = 20


def connect(settings):
    """This thread's own connection under ``ALIAS``. Set on the connection handler
    of this thread only, not in DATABASES: the test case lets such a connection
    be used from threads (each app-server worker has its own)."""
    wrapper = load_backend(settings["ENGINE"]).DatabaseWrapper(settings, ALIAS)
    connections[ALIAS] = wrapper
    return wrapper


@pytest.fixture
def race_database(tmp_path, db):
    settings = {**connection.settings_dict}
    if connection.vendor == "sqlite":
        settings["NAME"] = str(Path(tmp_path) / "race.sqlite3")
    else:
        settings["NAME"] = f"{connection.settings_dict['NAME']}_polls_race"
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    wrapper = connect(settings)
    with wrapper.schema_editor(atomic=False) as editor:
        # Only the columns the count touches; no foreign key to the site table.
        editor.execute(
            "CREATE TABLE polls_poll (id integer PRIMARY KEY, voters integer NOT NULL)"
        )
        editor.execute(
            "CREATE TABLE polls_polloption (id integer PRIMARY KEY, "
            "poll_id integer NOT NULL, votes integer NOT NULL)"
        )
        editor.execute("INSERT INTO polls_poll VALUES (1, 0)")
        editor.execute("INSERT INTO polls_polloption VALUES (1, 1, 0), (2, 1, 0)")
    yield settings
    wrapper.close()
    del connections[ALIAS]
    if connection.vendor != "sqlite":
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}" WITH (FORCE)')


def test_twenty_simultaneous_votes_are_all_counted(race_database):
    now = timezone.now()
    poll = Poll(
        pk=1,
        site_id=1,
        kind=Poll.Kind.MULTIPLE,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=1),
    )
    barrier = threading.Barrier(THREADS)
    errors = []

    def voter(number):
        wrapper = connect(race_database)
        try:
            barrier.wait(timeout=30)
            # Half choose both options, half only the first.
            services.cast_vote(poll, [1, 2] if number % 2 else [1], using=ALIAS)
        except Exception as exc:  # reported below, with the thread's number
            errors.append(f"{number}: {exc!r}")
        finally:
            wrapper.close()

    threads = [threading.Thread(target=voter, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    voters = Poll.objects.using(ALIAS).values_list("voters", flat=True).get(pk=1)
    assert voters == THREADS
    votes = dict(PollOption.objects.using(ALIAS).order_by().values_list("pk", "votes"))
    assert votes == {1: THREADS, 2: THREADS // 2}
