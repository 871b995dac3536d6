"""The per-minute jobs: Wagtail's scheduled publishing and expiry, run on the minute.

An article set to go live at 06:00 must be public at 06:00, so the jobs run right
after each wall-clock minute boundary rather than a minute after the process
happened to start; the timing is APScheduler's (``CronTrigger(second=0)``), only the
round itself is written here. Wagtail publishes only revisions whose approved go-live time is
strictly earlier than now, and an approved go-live time exists only once the
revision has been approved (a publisher's "Publish" or the workflow's last step):
a draft with a go-live date of its own is never published from here.

Other apps add their own per-minute work as Wagtail hooks named ``EVERY_MINUTE``
(in their ``wagtail_hooks.py``), so the scheduler needs to know none of them: each
is called with no argument after the commands and may return a short Vietnamese
line for the log. One that fails is recorded like a failing command.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.utils import timezone
from wagtail import hooks

from .minute_jobs import EVERY_MINUTE

# Management commands run on every tick, in order, each with its arguments.
TASKS: tuple[tuple[str, ...], ...] = (("publish_scheduled",),)

DEFAULT_INTERVAL = 60
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

PUBLISHED_ACTION = "wagtail.publish.scheduled"
EXPIRED_ACTION = "wagtail.unpublish.scheduled"


@dataclass
class TickResult:
    started: datetime
    seconds: float = 0.0
    published: int = 0
    expired: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _log_entry_models():
    from wagtail.models import ModelLogEntry, PageLogEntry

    return (PageLogEntry, ModelLogEntry)


def _last_log_ids() -> dict:
    ids = {}
    for model in _log_entry_models():
        last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
        ids[model] = last or 0
    return ids


def _count_since(last_ids: dict, action: str) -> int:
    return sum(
        model.objects.filter(pk__gt=last_ids[model], action=action).count()
        for model in _log_entry_models()
    )


def close_old_connections() -> None:
    """Drop connections the server closed or that are past ``CONN_MAX_AGE``.

    Django does this around each request; a long-lived process has to do it
    itself. Unlike ``django.db.close_old_connections``, a connection inside an
    atomic block (a caller's transaction, a test) is left open, not cut off.
    """
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()


def run_tick(tasks: Iterable[tuple[str, ...]] | None = None, stdout=None) -> TickResult:
    """Run every task, then every ``EVERY_MINUTE`` hook, once; a failing one is
    recorded and the others still run.

    Counts come from Wagtail's own log entries for scheduled publishing and
    expiry written during this tick.
    """
    result = TickResult(started=timezone.localtime())
    began = time.monotonic()
    close_old_connections()
    try:
        last_ids = _last_log_ids()
    except Exception:
        # Counting is only for the log line; if the database is unreachable the
        # task below fails too and says why.
        last_ids = None
    for task in TASKS if tasks is None else tasks:
        name, *args = task
        try:
            call_command(name, *args, stdout=stdout)
        except Exception:
            result.errors.append((name, traceback.format_exc()))
        finally:
            close_old_connections()
    for function in hooks.get_hooks(EVERY_MINUTE):
        try:
            note = function()
        except Exception:
            result.errors.append((function.__name__, traceback.format_exc()))
        else:
            if note:
                result.notes.append(note)
        finally:
            close_old_connections()
    if last_ids is not None:
        try:
            result.published = _count_since(last_ids, PUBLISHED_ACTION)
            result.expired = _count_since(last_ids, EXPIRED_ACTION)
        except Exception:
            pass
    close_old_connections()
    result.seconds = time.monotonic() - began
    return result


def describe(result: TickResult) -> str:
    """One short line for the log, e.g. in the journal."""
    stamp = result.started.strftime("%Y-%m-%d %H:%M:%S")
    seconds = f"{result.seconds:.2f}".replace(".", ",")
    line = (
        f"[{stamp}] Lịch xuất bản: đã đăng {result.published} trang, "
        f"đã gỡ {result.expired} trang hết hạn ({seconds} giây)"
    )
    for note in result.notes:
        line += f"; {note}"
    if result.errors:
        names = ", ".join(name for name, _ in result.errors)
        line += f"; lỗi: {names}"
    return line + "."


def trigger_for(interval: float = DEFAULT_INTERVAL):
    """When the ticks fall: every ``interval`` seconds counted from midnight UTC.

    Every time zone in use is a whole number of minutes off UTC, so with 60 this is
    HH:MM:00 of the local clock, which is ``CronTrigger(second=0)``.
    """
    if interval <= 0:
        raise ValueError("interval must be positive")
    if interval == DEFAULT_INTERVAL:
        return CronTrigger(second=0, timezone=_zone())
    return IntervalTrigger(seconds=interval, start_date=_EPOCH, timezone=_zone())


class MinuteScheduler(BlockingScheduler):
    """APScheduler's blocking scheduler, running its one job in its own thread.

    The job runs in the scheduler's thread (``DebugExecutor``), so a run slower
    than the interval is followed at once by one run for the boundaries it
    overran (``coalesce``, no misfire limit) instead of being skipped as "already
    running". A next run more than one interval ahead is recomputed: a wall
    clock set back an hour then ticks at the next boundary of the new time
    rather than an hour later.
    """

    def __init__(self, interval: float = DEFAULT_INTERVAL):
        super().__init__(
            timezone=_zone(),
            executors={"default": DebugExecutor()},
            job_defaults={
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": None,
            },
        )
        self.interval = interval
        self._stopping = False

    def stop(self) -> None:
        """Stop once the tick under way, if any, has finished.

        Safe from a signal handler and from the tick itself, where APScheduler's
        own ``shutdown`` would empty the job store under the running job.
        """
        self._stopping = True
        if self._event is not None:  # not before ``start()``, which checks the flag
            self.wakeup()

    def _realign(self) -> float | None:
        """Bring back a next run more than one interval ahead (the clock was set
        back) to the next boundary of the new time; seconds to the next run."""
        now = datetime.now(self.timezone)
        nearest = None
        for job in self.get_jobs():
            if job.next_run_time is None:
                continue
            if (job.next_run_time - now).total_seconds() > self.interval:
                # Strictly after now, like any boundary that was just reached.
                later = now + timedelta(microseconds=1)
                job.modify(next_run_time=job.trigger.get_next_fire_time(None, later))
            seconds = max((job.next_run_time - now).total_seconds(), 0)
            nearest = seconds if nearest is None else min(nearest, seconds)
        return nearest

    def _process_jobs(self):
        if not self._stopping:
            self._realign()
            super()._process_jobs()
        if self._stopping:
            self.shutdown(wait=False)
            return None
        return self._realign()


def build_scheduler(
    tick: Callable[[], object], interval: float = DEFAULT_INTERVAL
) -> MinuteScheduler:
    """A scheduler that runs ``tick`` at once, then just after every boundary.

    ``start()`` blocks until ``stop()`` (from a signal handler or the tick
    itself); a tick already running is let finish.
    """
    scheduler = MinuteScheduler(interval)
    scheduler.add_job(
        tick,
        trigger_for(interval),
        id="tick",
        next_run_time=datetime.now(scheduler.timezone),
    )
    return scheduler
