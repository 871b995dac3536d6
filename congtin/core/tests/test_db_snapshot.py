"""Replaying the demo's rows leaves the database as building the demo does."""

import os

from django.core.management import call_command
from django.db import transaction

from congtin.core.tests import db_snapshot
from congtin.demo.management.commands.load_demo import PARTS


def _build():
    call_command(
        "load_demo", port=80, without=list(PARTS), stdout=open(os.devnull, "w")
    )


def test_replayed_rows_equal_built_rows_and_search_finds_them(db):
    from congtin.search.engine import SearchQuery, search

    tables = db_snapshot._tables()
    with transaction.atomic():
        snapshot = db_snapshot.record(_build)
        built = db_snapshot._read(tables)
        transaction.set_rollback(True)
    assert db_snapshot._read(tables) != built
    assert snapshot.replayable and snapshot.search_entry_ids

    db_snapshot.replay(snapshot)

    assert db_snapshot._read(tables) == built
    # The search index beside the rows (SQLite's FTS5) was filled again.
    results = search(SearchQuery(text="giai phong mat bang le chan"))
    assert results.total >= 1
    assert "Lê Chân" in results.hits[0].entry.title


def test_a_database_in_another_state_gets_a_real_build(db):
    from wagtail.models import Site

    recorder = db_snapshot.Recorder()
    calls = []

    def build():
        calls.append(1)
        _build()

    with transaction.atomic():
        recorder.run("demo", build)
        transaction.set_rollback(True)
    Site.objects.create(hostname="khac.localhost", root_page_id=1)
    recorder.run("demo", build)
    assert len(calls) == 2
