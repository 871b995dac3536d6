"""One scheduler runs however many are started: a leader, standbys, one round at a time.

The locks are real: flock on files (SQLite), advisory locks on sessions of the
test database (PostgreSQL, in the PostgreSQL run). "Another scheduler" is a lock
object of its own (its own file descriptor or database session) or, where a dying
process is the point, a process of its own.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from congtin.editorial import scheduler, scheduler_lock
from congtin.editorial.management.commands import run_scheduler

ROOT = Path(__file__).resolve().parents[3]
ME = scheduler_lock.describe(scheduler_lock.identity())
STANDBY = "Một bộ lập lịch khác đang chạy"
STARTED = "Bộ lập lịch đã chạy"
TICK = "Lịch xuất bản: đã đăng"
STOPPED = "Bộ lập lịch đã dừng."
LOST = "không còn giữ khóa chạy chính"


def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's locks: tested in the PostgreSQL run (make test)")


def end_leaders_session():
    """What a dying leader's host or connection does: its session ends."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_locks"
            " WHERE locktype = 'advisory' AND granted AND classid = %s::oid"
            " AND objid = %s::oid AND database = (SELECT oid FROM pg_database"
            " WHERE datname = current_database())",
            [scheduler_lock.NAMESPACE, scheduler_lock.LEADER],
        )
        assert cursor.fetchall() == [(True,)]


def wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("waited 20 s in vain")
        time.sleep(0.02)


# --- SQLite: flock on files next to the database --------------------------------


def test_file_lock_has_one_leader_at_a_time(tmp_path):
    database = tmp_path / "db.sqlite3"
    first, second = (
        scheduler_lock.FileLocks(database),
        scheduler_lock.FileLocks(database),
    )
    try:
        assert first.try_lead() and first.leading()
        assert not second.try_lead() and not second.leading()
        assert second.leader() == ME
        first.release_lead()
        assert second.try_lead()
        assert not first.try_lead()
    finally:
        first.close()
        second.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.sqlite3-scheduler.lock"]


HOLDER = """
import sys, time
from congtin.editorial.scheduler_lock import FileLocks
locks = FileLocks(sys.argv[1])
print("leading" if locks.try_lead() else "standby", flush=True)
time.sleep(120)
"""


def test_file_lock_of_a_killed_leader_is_free_at_once(tmp_path):
    database = tmp_path / "db.sqlite3"
    leader = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(database)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    locks = scheduler_lock.FileLocks(database)
    try:
        assert leader.stdout is not None
        assert leader.stdout.readline().strip() == "leading"
        assert not locks.try_lead()
        host = scheduler_lock.identity().rpartition(" ")[0]
        assert locks.leader() == f"máy {host}, tiến trình {leader.pid}"
        leader.kill()  # no chance to clean up
        leader.wait(timeout=10)
        assert locks.try_lead()
        assert locks.leader() == ME
    finally:
        leader.kill()
        leader.wait(timeout=10)
        locks.close()


def test_file_lock_on_a_replaced_file_no_longer_leads(tmp_path):
    database = tmp_path / "db.sqlite3"
    first, second = (
        scheduler_lock.FileLocks(database),
        scheduler_lock.FileLocks(database),
    )
    try:
        assert first.try_lead()
        first.leader_path.unlink()  # e.g. a clean-up that removed it
        # Another process can now lock a new file of that name: the first must
        # stop leading rather than think it still holds the lock.
        assert second.try_lead()
        assert not first.leading()
    finally:
        first.close()
        second.close()


# --- PostgreSQL: advisory locks on sessions of their own ---------------------------


@pytest.mark.django_db
def test_advisory_lock_has_one_leader_until_its_session_ends():
    postgres_only()
    first = scheduler_lock.PostgresLocks()
    second = scheduler_lock.PostgresLocks()
    try:
        assert first.try_lead() and first.leading()
        assert not second.try_lead()
        assert second.leader() == ME
        # The leader's connection dies (a killed process, a network cut ended by
        # the keepalives, an administrator): the server releases the lock.
        end_leaders_session()
        wait_for(second.try_lead)
        assert not first.leading()
        assert first.error  # why, for the log
        assert not first.try_lead()
    finally:
        first.close()
        second.close()


@pytest.mark.django_db
def test_advisory_locks_stay_within_one_database():
    postgres_only()
    locks = scheduler_lock.PostgresLocks()
    try:
        assert locks.try_lead()
        with connection.cursor() as cursor:
            # Other test processes' locks (their own databases) are left out.
            cursor.execute(
                "SELECT l.database = (SELECT oid FROM pg_database"
                " WHERE datname = current_database()) FROM pg_locks l"
                " JOIN pg_stat_activity a ON a.pid = l.pid"
                " WHERE l.locktype = 'advisory' AND l.classid = %s::oid"
                " AND a.application_name = %s",
                [
                    scheduler_lock.NAMESPACE,
                    f"{scheduler_lock.APPLICATION} {scheduler_lock.identity()}",
                ],
            )
            assert cursor.fetchall() == [(True,)]
    finally:
        locks.close()


# --- Either database: the test database's own locks, through the command ----------


def other_scheduler():
    """Locks of "another scheduler" on the test database."""
    return scheduler_lock.for_database()


class Background:
    """Runs ``steps`` in a thread while the command runs in the test's (main)
    thread; the signal handlers only work there."""

    def __init__(self, steps):
        self.failure = None

        def run():
            try:
                steps()
            except BaseException as exc:  # reported by the test, not lost
                self.failure = exc
                os.kill(os.getpid(), signal.SIGTERM)

        self.thread = threading.Thread(target=run, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.thread.join(timeout=30)
        if self.failure:
            raise self.failure


@pytest.mark.django_db
def test_standby_logs_once_then_takes_over_when_the_leader_stops(monkeypatch):
    monkeypatch.setattr(scheduler_lock, "STANDBY_POLL", 0.05)
    polls = []
    for cls in (scheduler_lock.FileLocks, scheduler_lock.PostgresLocks):
        monkeypatch.setattr(cls, "try_lead", counted(cls.try_lead, polls))
    leader = other_scheduler()
    assert leader.try_lead()
    out = StringIO()

    def steps():
        wait_for(lambda: STANDBY in out.getvalue())
        wait_for(lambda: len(polls) >= 6)
        assert TICK not in out.getvalue()  # a standby runs no round
        leader.close()  # the leader stops
        wait_for(lambda: TICK in out.getvalue())
        os.kill(os.getpid(), signal.SIGTERM)

    with Background(steps):
        call_command("run_scheduler", "--interval", "600", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == (
        f"{STANDBY} ({ME}): tiến trình này chờ dự phòng và sẽ tiếp quản khi bộ kia "
        "dừng."
    )
    assert sum(STANDBY in line for line in lines) == 1
    assert lines[1].startswith(STARTED)  # took over, and ran a round at once
    assert TICK in lines[2]
    assert lines[-1] == STOPPED
    # Stopped, it holds nothing.
    after = other_scheduler()
    try:
        assert after.try_lead()
        with after.round(timeout=0) as held:
            assert held
    finally:
        after.close()


def counted(method, calls):
    def counting(self):
        calls.append(1)
        return method(self)

    return counting


@pytest.mark.django_db
def test_leader_that_lost_its_lock_stands_down(monkeypatch):
    monkeypatch.setattr(scheduler_lock, "STANDBY_POLL", 0.05)
    out, err = StringIO(), StringIO()
    rival = other_scheduler()

    def steps():
        wait_for(lambda: TICK in out.getvalue())
        # The leader's lock goes away behind its back; a rival takes it before
        # the leader's next round.
        if connection.vendor == "postgresql":
            end_leaders_session()
        else:
            Path(f"{scheduler_lock.for_database().leader_path}").unlink()
        assert rival.try_lead()
        wait_for(lambda: STANDBY in out.getvalue())
        os.kill(os.getpid(), signal.SIGTERM)

    try:
        with Background(steps):
            call_command("run_scheduler", "--interval", "0.5", stdout=out, stderr=err)
    finally:
        rival.close()
    assert LOST in err.getvalue()
    lines = out.getvalue().splitlines()
    ticks_before = lines.index(next(line for line in lines if STANDBY in line))
    # No round after standing down.
    assert not any(TICK in line for line in lines[ticks_before:])


@pytest.mark.django_db
def test_once_runs_beside_a_leader_but_never_during_its_round(monkeypatch):
    leader = other_scheduler()
    assert leader.try_lead()
    try:
        out = StringIO()
        # A leader between rounds: --once runs its round at once.
        call_command("run_scheduler", "--once", stdout=out)
        assert TICK in out.getvalue()

        # The leader is in a round: --once waits for it to end.
        held, ended, started = threading.Event(), [], []
        run_tick = scheduler.run_tick
        monkeypatch.setattr(
            scheduler,
            "run_tick",
            lambda **kw: started.append(time.monotonic()) or run_tick(**kw),
        )

        def leader_round():
            with leader.round() as got:
                assert got
                held.set()
                time.sleep(0.5)
                ended.append(time.monotonic())

        thread = threading.Thread(target=leader_round)
        thread.start()
        held.wait(10)
        out = StringIO()
        call_command("run_scheduler", "--once", stdout=out)
        thread.join()
        assert TICK in out.getvalue()
        assert ended[0] <= started[0]

        # A round that does not end: --once gives up, saying why, and fails.
        monkeypatch.setattr(run_scheduler, "ONCE_WAIT", 0.3)
        with leader.round() as got:
            assert got
            with pytest.raises(CommandError, match="vẫn chưa đến lượt"):
                call_command("run_scheduler", "--once", stdout=StringIO())
    finally:
        leader.close()


@pytest.mark.django_db
def test_a_lock_that_cannot_be_taken_says_why_and_runs_nothing(monkeypatch, tmp_path):
    # The database file's folder is gone (or not writable): no lock, no round.
    monkeypatch.setattr(
        scheduler_lock,
        "for_database",
        lambda: scheduler_lock.FileLocks(tmp_path / "gone" / "db.sqlite3"),
    )
    monkeypatch.setattr(scheduler_lock, "STANDBY_POLL", 0.05)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="Không lấy được khóa của bộ lập lịch"):
        call_command("run_scheduler", "--once", stdout=out, stderr=err)
    assert TICK not in out.getvalue()

    polls = []
    monkeypatch.setattr(
        scheduler_lock.FileLocks,
        "try_lead",
        counted(scheduler_lock.FileLocks.try_lead, polls),
    )

    def steps():
        wait_for(lambda: len(polls) >= 5)
        os.kill(os.getpid(), signal.SIGTERM)

    out, err = StringIO(), StringIO()
    with Background(steps):
        call_command("run_scheduler", stdout=out, stderr=err)
    # Once, not at every try; and no claim that another scheduler runs.
    assert err.getvalue().count("Không lấy được khóa của bộ lập lịch") == 1
    assert "gone" in err.getvalue()
    assert out.getvalue().splitlines() == [STOPPED]
