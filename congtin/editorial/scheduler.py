"""The per-minute jobs: Wagtail's scheduled publishing and expiry, run on the minute.

An article set to go live at 06:00 must be public at 06:00, so the jobs run right
after each wall-clock minute boundary rather than a minute after the process
happened to start. Wagtail publishes only revisions whose approved go-live time is
strictly earlier than now, and an approved go-live time exists only once the
revision has been approved (a publisher's "Publish" or the workflow's last step):
a draft with a go-live date of its own is never published from here.

Other apps add their own per-minute work as Wagtail hooks named ``EVERY_MINUTE``
(in their ``wagtail_hooks.py``), so the scheduler needs to know none of them: each
is called with no argument after the commands and may return a short Vietnamese
line for the log. One that fails is recorded like a failing command.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.core.management import call_command
from django.db import connections
from django.utils import timezone
from wagtail import hooks

# Management commands run on every tick, in order, each with its arguments.
TASKS: tuple[tuple[str, ...], ...] = (("publish_scheduled",),)
# The Wagtail hook of the other apps' per-minute functions.
EVERY_MINUTE = "congtin_every_minute"

DEFAULT_INTERVAL = 60

PUBLISHED_ACTION = "wagtail.publish.scheduled"
EXPIRED_ACTION = "wagtail.unpublish.scheduled"


def seconds_until_next_tick(now: float, interval: float = DEFAULT_INTERVAL) -> float:
    """Seconds from ``now`` (a Unix timestamp) to the next multiple of ``interval``.

    Unix time counts whole minutes from midnight UTC and every time zone in use is
    a whole number of minutes off UTC, so with 60 this is the next HH:MM:00 of
    the local clock. Exactly on a boundary, the answer is the following one: the
    tick for this boundary has just run.
    """
    if interval <= 0:
        raise ValueError("interval must be positive")
    return interval - (now % interval)


def next_tick(now: float, interval: float = DEFAULT_INTERVAL) -> float:
    return now + seconds_until_next_tick(now, interval)


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


def run_forever(
    tick: Callable[[], object],
    stop: threading.Event,
    interval: float = DEFAULT_INTERVAL,
    clock: Callable[[], float] = time.time,
) -> int:
    """Tick at once, then just after every boundary until ``stop`` is set.

    Returns the number of ticks run. Waiting uses ``stop.wait`` so a signal handler
    that sets ``stop`` ends the wait at once; a tick already running is let finish.
    """
    ticks = 0
    while not stop.is_set():
        started = clock()
        tick()
        ticks += 1
        # Counted from the start, so a run slower than the interval is followed
        # at once by the one it overran instead of skipping a minute.
        target = next_tick(started, interval)
        # Re-check the wall clock after waking: the wait runs on the monotonic
        # clock, and waking a hair early would leave the 06:00 article for 06:01.
        while not stop.is_set():
            remaining = target - clock()
            if remaining < 0:
                break
            if remaining > interval:
                # The clock was set back: aim at the next boundary of the new
                # time rather than wait out the difference.
                target = next_tick(clock(), interval)
                continue
            stop.wait(max(remaining, 0.001))
    return ticks
