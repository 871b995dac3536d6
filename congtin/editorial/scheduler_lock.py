"""One scheduler per installation, however many app servers start one.

``run_scheduler`` may run on every app server (the same service everywhere, no
host to single out). Two locks, both released by the database or the kernel when
their holder's process or connection dies, however it dies (no lease to renew,
no stale lock to clean up):

- the *leader* lock: the process holding it runs the rounds; the others are hot
  standbys that try again every ``STANDBY_POLL`` seconds, so one of them takes
  over within that time when the leader stops or dies;
- the *round* lock, held during each round, by the leader and by
  ``run_scheduler --once`` alike: a round never runs at the same time as another
  (two could publish the same revision twice), but one after the other is
  harmless (the second finds nothing left to do). So ``--once`` while a leader
  runs waits for the leader's round, if one is under way, then runs its own.

On PostgreSQL the locks are session-level advisory locks
(``pg_try_advisory_lock``) taken on a connection of their own, outside Django's
connection handling, which closes connections past ``CONN_MAX_AGE`` and would
drop them. Advisory locks belong to one database, so installations sharing a
PostgreSQL server do not see each other's. The connection keeps TCP keepalives
on both ends, so a leader cut off from the network loses its lock within about
25 seconds, and the leader checks that it still holds the lock before each
round. It must reach PostgreSQL directly or through session pooling (pgbouncer's
transaction pooling would lend the session to others).

On SQLite (one machine by nature) they are ``flock`` locks on two files next to
the database file, ``<database>-scheduler.lock`` and
``<database>-scheduler-round.lock``, which the kernel releases when the process
exits; the files stay (deleting a lock file someone holds would let a second
process lock a new file of the same name). The leader writes its host and process
number into its file for the standbys' log line.
"""

from __future__ import annotations

import atexit
import copy
import fcntl
import os
import shutil
import socket
import tempfile
import threading
import time
from abc import ABC, abstractmethod
from contextlib import contextmanager
from pathlib import Path

from django.db import DatabaseError, connections
from django.db.utils import load_backend

# Seconds between a standby's tries to become the leader.
STANDBY_POLL = 2.0
# Seconds between tries while a round waits for another one to finish.
ROUND_POLL = 0.2

# PostgreSQL advisory lock keys: (namespace, lock), two int4 keys.
NAMESPACE = 0x636F6E67  # "cong"
LEADER, ROUND = 1, 2
# The lock connection's application_name starts with this, then ``identity()``.
APPLICATION = "congtin-scheduler"

# A dead or unreachable peer is noticed after about idle + interval * count seconds.
KEEPALIVE_IDLE, KEEPALIVE_INTERVAL, KEEPALIVE_COUNT = 10, 5, 3


def identity() -> str:
    """This process, in ASCII (PostgreSQL's application_name is ASCII only)."""
    return f"{socket.gethostname()} {os.getpid()}"


def describe(holder: str) -> str:
    """A holder's ``identity()`` as the log shows it."""
    host, _, pid = holder.rpartition(" ")
    return f"máy {host}, tiến trình {pid}" if host and pid.isdigit() else holder


class SchedulerLocks(ABC):
    """The leader and round locks of one database. Every method is safe to call
    when the database is unreachable: it answers False or None and keeps the
    reason in ``error`` for the log."""

    error: str | None = None

    @abstractmethod
    def try_lead(self) -> bool:
        """Become the leader if no one is; True if this process now is."""

    @abstractmethod
    def leading(self) -> bool:
        """Whether this process still holds the leader lock."""

    @abstractmethod
    def leader(self) -> str | None:
        """Who holds the leader lock (``describe``d), if known."""

    @abstractmethod
    def release_lead(self) -> None: ...

    @abstractmethod
    def _try_round(self) -> bool: ...

    @abstractmethod
    def _release_round(self) -> None: ...

    @abstractmethod
    def close(self) -> None:
        """Release everything this process holds."""

    @contextmanager
    def round(self, timeout: float | None = None, stop: threading.Event | None = None):
        """Hold the round lock for the block; wait for another round to finish.

        Yields True once held, or False when ``timeout`` seconds passed, ``stop``
        was set first or the lock cannot be taken at all (``error`` says why); the
        block should then not run a round.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        held = self._try_round()
        while not held:
            if self.error or (stop is not None and stop.is_set()):
                break
            if deadline is not None and time.monotonic() >= deadline:
                break
            (stop or threading.Event()).wait(ROUND_POLL)
            held = self._try_round()
        try:
            yield held
        finally:
            if held:
                self._release_round()


class PostgresLocks(SchedulerLocks):
    """Session-level advisory locks on a connection of their own."""

    def __init__(self, alias: str = "default"):
        settings_dict = copy.deepcopy(connections[alias].settings_dict)
        options = settings_dict.setdefault("OPTIONS", {})
        # A pooled connection would go back to the pool, and the lock with it.
        options.pop("pool", None)
        # An idle session timeout set for the role would end the session, and
        # the server-side keepalives end it when the leader's host is cut off.
        server = (
            "-c idle_session_timeout=0 -c idle_in_transaction_session_timeout=0 "
            f"-c tcp_keepalives_idle={KEEPALIVE_IDLE} "
            f"-c tcp_keepalives_interval={KEEPALIVE_INTERVAL} "
            f"-c tcp_keepalives_count={KEEPALIVE_COUNT}"
        )
        options["options"] = f"{options.get('options', '')} {server}".strip()
        options.update(
            keepalives=1,
            keepalives_idle=KEEPALIVE_IDLE,
            keepalives_interval=KEEPALIVE_INTERVAL,
            keepalives_count=KEEPALIVE_COUNT,
            application_name=f"{APPLICATION} {identity()}"[:63],
        )
        options.setdefault("connect_timeout", 10)
        settings_dict["CONN_HEALTH_CHECKS"] = False
        backend = load_backend(settings_dict["ENGINE"])
        self._wrapper = backend.DatabaseWrapper(settings_dict, f"{alias}-scheduler")
        # Used by one thread at a time, not always the one that made it.
        self._wrapper.inc_thread_sharing()
        self._leading = False
        self.error = None

    def _query(self, sql: str, params=()):
        try:
            with self._wrapper.cursor() as cursor:
                cursor.execute(sql, params)
                row = cursor.fetchone()
        except DatabaseError as exc:
            # A broken connection: start afresh next time. Whatever it held was
            # released with the session.
            self.error = f"{type(exc).__name__}: {exc}".strip()
            self._leading = False
            self._wrapper.close()
            raise
        self.error = None
        return row

    def try_lead(self) -> bool:
        try:
            (self._leading,) = self._query(
                "SELECT pg_try_advisory_lock(%s, %s)", (NAMESPACE, LEADER)
            )
        except DatabaseError:
            return False
        return self._leading

    def leading(self) -> bool:
        if not self._leading:
            return False
        try:
            (count,) = self._query(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                " AND pid = pg_backend_pid() AND granted"
                " AND classid = %s::oid AND objid = %s::oid AND objsubid = 2",
                (NAMESPACE, LEADER),
            )
        except DatabaseError:
            return False
        self._leading = count > 0
        return self._leading

    def leader(self) -> str | None:
        try:
            row = self._query(
                "SELECT a.application_name FROM pg_locks l"
                " JOIN pg_stat_activity a ON a.pid = l.pid"
                " WHERE l.locktype = 'advisory' AND l.granted"
                " AND l.database = (SELECT oid FROM pg_database"
                " WHERE datname = current_database())"
                " AND l.classid = %s::oid AND l.objid = %s::oid AND l.objsubid = 2",
                (NAMESPACE, LEADER),
            )
        except DatabaseError:
            return None
        if not row or not row[0]:
            return None
        return describe(row[0].removeprefix(APPLICATION).strip())

    def release_lead(self) -> None:
        if self._leading:
            self._leading = False
            try:
                self._query("SELECT pg_advisory_unlock(%s, %s)", (NAMESPACE, LEADER))
            except DatabaseError:
                pass

    def _try_round(self) -> bool:
        try:
            (held,) = self._query(
                "SELECT pg_try_advisory_lock(%s, %s)", (NAMESPACE, ROUND)
            )
        except DatabaseError:
            return False
        return held

    def _release_round(self) -> None:
        try:
            self._query("SELECT pg_advisory_unlock(%s, %s)", (NAMESPACE, ROUND))
        except DatabaseError:
            pass

    def close(self) -> None:
        # Ending the session releases every advisory lock it holds.
        self._leading = False
        self._wrapper.close()


class FileLocks(SchedulerLocks):
    """``flock`` on ``<database>-scheduler.lock`` and ``-scheduler-round.lock``."""

    def __init__(self, database: str | os.PathLike):
        self.leader_path = Path(f"{database}-scheduler.lock")
        self.round_path = Path(f"{database}-scheduler-round.lock")
        self._leader_fd: int | None = None
        self._round_fd: int | None = None
        self.error = None

    def _lock(self, path: Path) -> int | None:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o640)
        except OSError as exc:
            self.error = f"{path}: {exc.strerror}"
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return None
        self.error = None
        return fd

    def try_lead(self) -> bool:
        if self._leader_fd is not None:
            return self.leading()
        fd = self._lock(self.leader_path)
        if fd is None:
            return False
        self._leader_fd = fd
        os.ftruncate(fd, 0)
        os.pwrite(fd, identity().encode(), 0)
        return True

    def leading(self) -> bool:
        if self._leader_fd is None:
            return False
        try:
            # A lock on a file since deleted or replaced guards nothing: another
            # process may already hold the file now at that path.
            same = os.stat(self.leader_path).st_ino == os.fstat(self._leader_fd).st_ino
        except OSError:
            same = False
        if not same:
            self.release_lead()
        return same

    def leader(self) -> str | None:
        try:
            text = self.leader_path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return describe(text) if text else None

    def release_lead(self) -> None:
        if self._leader_fd is not None:
            fd, self._leader_fd = self._leader_fd, None
            os.close(fd)

    def _try_round(self) -> bool:
        self._round_fd = self._lock(self.round_path)
        return self._round_fd is not None

    def _release_round(self) -> None:
        if self._round_fd is not None:
            fd, self._round_fd = self._round_fd, None
            os.close(fd)

    def close(self) -> None:
        self.release_lead()
        self._release_round()


_directory: Path | None = None


def _process_directory() -> Path:
    """A directory of this process's own, removed when it exits."""
    global _directory
    if _directory is None:
        _directory = Path(tempfile.mkdtemp(prefix="congtin-scheduler-"))
        atexit.register(shutil.rmtree, _directory, True)
    return _directory


def for_database(alias: str = "default") -> SchedulerLocks:
    """The scheduler's locks for the database ``alias``."""
    connection = connections[alias]
    if connection.vendor == "postgresql":
        return PostgresLocks(alias)
    if connection.vendor == "sqlite":
        name = connection.settings_dict["NAME"]
        if str(name) == ":memory:" or "mode=memory" in str(name):
            # Only this process sees an in-memory database: lock per process.
            return FileLocks(_process_directory() / "memory")
        return FileLocks(name)
    raise NotImplementedError(f"no scheduler lock for {connection.vendor}")
