"""Scheduled publishing and expiry happen on the minute, and only for approved work.

The clock is moved with time-machine; the publishing itself is Wagtail's real
``publish_scheduled``, run by ``run_scheduler`` the way production runs it.
"""

import os
import signal
import threading
import time
from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from wagtail.models import Site

from congtin.editorial import scheduler
from congtin.news.models import ArticlePage

from .admin_actions import add_article, client_for, news_section, workflow_action

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
# A day far enough ahead that the real clock never reaches it while tests run.
DAY = datetime(2031, 3, 14, tzinfo=HANOI)
SIX = DAY.replace(hour=6)
FORM_FORMAT = "%d/%m/%Y %H:%M"


def at(moment: datetime):
    """Stop the clock at ``moment`` (time does not move until the next call)."""
    return time_machine.travel(moment, tick=False)


def tick() -> str:
    out = StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    return out.getvalue()


def public_status(page) -> int:
    page = ArticlePage.objects.get(pk=page.pk)
    site = Site.objects.get(hostname="lechan.localhost")
    return Client(HTTP_HOST="lechan.localhost").get(page.relative_url(site)).status_code


def approved_through_workflow(go_live_at: datetime) -> ArticlePage:
    """A reporter submits with a go-live time; the editor and the chief approve."""
    add_article(
        client_for("lechan.phongvien"),
        news_section("lechan.localhost"),
        "submit",
        title="Tin hẹn giờ đã duyệt",
        go_live_at=go_live_at.strftime(FORM_FORMAT),
    )
    page = ArticlePage.objects.get(title="Tin hẹn giờ đã duyệt")
    assert (
        workflow_action(client_for("lechan.bientap"), page, "approve").status_code
        == 302
    )
    assert (
        workflow_action(client_for("lechan.truongban"), page, "approve").status_code
        == 302
    )
    return ArticlePage.objects.get(pk=page.pk)


def published_by_chief(go_live_at: datetime) -> ArticlePage:
    """The chief editor presses "Publish" with a go-live time in the future."""
    response = add_article(
        client_for("lechan.truongban"),
        news_section("lechan.localhost"),
        "publish",
        title="Tin hẹn giờ đã duyệt",
        go_live_at=go_live_at.strftime(FORM_FORMAT),
    )
    assert response.status_code == 302
    return ArticlePage.objects.get(title="Tin hẹn giờ đã duyệt")


@pytest.mark.parametrize("approve", [approved_through_workflow, published_by_chief])
def test_approved_article_goes_live_on_its_minute(demo, approve):
    with at(DAY.replace(hour=5)):
        page = approve(SIX)
    assert not page.live
    assert page.scheduled_revision.approved_go_live_at == SIX
    assert public_status(page) == 404

    with at(SIX - timedelta(seconds=1)):
        tick()
    assert public_status(page) == 404
    assert not ArticlePage.objects.get(pk=page.pk).live

    with at(SIX + timedelta(milliseconds=1)):
        output = tick()
    assert "đã đăng 1 trang" in output
    assert public_status(page) == 200
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live and page.first_published_at == SIX + timedelta(milliseconds=1)
    assert page.scheduled_revision is None


def test_expired_article_is_taken_down_on_its_minute(demo):
    noon = DAY.replace(hour=12)
    with at(DAY.replace(hour=5)):
        response = add_article(
            client_for("lechan.truongban"),
            news_section("lechan.localhost"),
            "publish",
            title="Tin có hạn đăng",
            expire_at=noon.strftime(FORM_FORMAT),
        )
        assert response.status_code == 302
    page = ArticlePage.objects.get(title="Tin có hạn đăng")
    assert page.live and page.expire_at == noon
    assert public_status(page) == 200

    with at(noon - timedelta(seconds=1)):
        tick()
    assert public_status(page) == 200

    with at(noon + timedelta(milliseconds=1)):
        output = tick()
    assert "đã gỡ 1 trang hết hạn" in output
    assert public_status(page) == 404
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live and page.expired


@pytest.mark.parametrize("action", [None, "submit"], ids=["draft", "in_moderation"])
def test_scheduled_article_still_needs_approval(demo, action):
    with at(DAY.replace(hour=5)):
        add_article(
            client_for("lechan.phongvien"),
            news_section("lechan.localhost"),
            action,
            title="Tin hẹn giờ chưa duyệt",
            go_live_at=SIX.strftime(FORM_FORMAT),
        )
    page = ArticlePage.objects.get(title="Tin hẹn giờ chưa duyệt")
    assert page.get_latest_revision_as_object().go_live_at == SIX
    # Even the editor's first approval is not enough: the chief has the last word.
    if action == "submit":
        with at(DAY.replace(hour=5, minute=30)):
            workflow_action(client_for("lechan.bientap"), page, "approve")

    for moment in (SIX + timedelta(seconds=1), SIX + timedelta(days=1)):
        with at(moment):
            tick()
        assert public_status(page) == 404
        assert not ArticlePage.objects.get(pk=page.pk).live


def test_ticks_fall_on_the_minute():
    def moment(hour, minute, second, microsecond=0):
        return DAY.replace(
            hour=hour, minute=minute, second=second, microsecond=microsecond
        )

    def next_fire(now, previous=None, interval=scheduler.DEFAULT_INTERVAL):
        return scheduler.trigger_for(interval).get_next_fire_time(previous, now)

    assert next_fire(moment(5, 59, 59)) == moment(6, 0, 0)
    assert next_fire(moment(5, 59, 0, 250000)) == moment(6, 0, 0)
    # On the boundary the tick for it has just run: wait for the next one.
    six = moment(6, 0, 0)
    assert next_fire(six, previous=six) == moment(6, 1, 0)
    assert next_fire(moment(5, 59, 30)) == six
    assert next_fire(moment(5, 58, 0), interval=300) == six
    # Local minutes, not only UTC ones: Viet Nam is seven whole hours ahead.
    local = next_fire(moment(5, 0, 1)).astimezone(HANOI)
    assert (local.hour, local.minute, local.second) == (5, 1, 0)
    with pytest.raises(ValueError):
        scheduler.trigger_for(0)


def test_loop_runs_at_once_then_just_after_the_minute(demo):
    """Start one second before 06:00 with a running clock: two ticks, a second apart."""
    with at(DAY.replace(hour=5)):
        page = approved_through_workflow(SIX)

    seen = []

    def tick_and_look():
        scheduler.run_tick()
        seen.append((time.time(), ArticlePage.objects.get(pk=page.pk).live))
        if len(seen) == 2:
            runner.stop()

    with time_machine.travel(SIX - timedelta(seconds=1), tick=True):
        began = time.monotonic()
        runner = scheduler.build_scheduler(tick_and_look)
        runner.start()
        waited = time.monotonic() - began

    assert len(seen) == 2
    (first_at, live_after_first), (second_at, live_after_second) = seen
    assert first_at < SIX.timestamp() and not live_after_first
    assert SIX.timestamp() < second_at < SIX.timestamp() + 1
    assert live_after_second
    assert waited < 5
    assert public_status(page) == 200


class TravellingWait(threading.Event):
    """The scheduler's wake-up event, moving the frozen clock by what it waits."""

    def __init__(self, traveller):
        super().__init__()
        self.traveller = traveller
        self.waits = []

    def wait(self, timeout=None):
        if self.is_set():
            return True
        self.waits.append(timeout)
        self.traveller.shift(timeout)
        return self.is_set()


def test_loop_catches_up_after_a_slow_run_and_a_clock_set_back():
    ticks = []

    def tick():
        ticks.append(datetime.now(HANOI).strftime("%H:%M:%S"))
        if len(ticks) == 2:
            traveller.shift(150)  # a run that overruns two boundaries
        if len(ticks) == 4:
            traveller.shift(-3600)  # the clock is set back an hour
        if len(ticks) == 6:
            runner.stop()

    with time_machine.travel(SIX + timedelta(seconds=20), tick=False) as traveller:
        runner = scheduler.build_scheduler(tick)
        runner._event = wakeups = TravellingWait(traveller)
        runner.start()

    assert ticks == [
        "06:00:20",  # at start
        "06:01:00",
        "06:03:30",  # at once: the 06:02 boundary passed while the last run ran
        "06:04:00",
        "05:05:00",  # next minute of the new time, not an hour later
        "05:06:00",
    ]
    assert max(wakeups.waits) <= 60


def test_a_failing_run_is_logged_and_the_rest_still_runs(demo):
    with at(DAY.replace(hour=5)):
        page = published_by_chief(SIX)
    with at(SIX + timedelta(seconds=1)):
        result = scheduler.run_tick(
            tasks=[("khong_co_lenh_nay",), ("publish_scheduled",)]
        )
    assert [name for name, _ in result.errors] == ["khong_co_lenh_nay"]
    assert "Unknown command" in result.errors[0][1]
    assert result.published == 1
    assert "lỗi: khong_co_lenh_nay" in scheduler.describe(result)
    assert public_status(page) == 200


def test_once_fails_loudly_when_a_task_fails(demo, monkeypatch):
    monkeypatch.setattr(scheduler, "TASKS", (("khong_co_lenh_nay",),))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("run_scheduler", "--once", stdout=StringIO(), stderr=err)
    assert "Lỗi khi chạy khong_co_lenh_nay" in err.getvalue()


@pytest.mark.parametrize("value", ["0", "-5"])
def test_interval_must_be_positive(value):
    with pytest.raises(CommandError, match="lớn hơn 0"):
        call_command("run_scheduler", "--interval", value)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_stops_cleanly_on_a_signal(demo, signum):
    before = signal.getsignal(signum)
    out = StringIO()
    sender = threading.Timer(1.0, os.kill, (os.getpid(), signum))
    sender.start()
    began = time.monotonic()
    try:
        call_command("run_scheduler", stdout=out)
    finally:
        sender.cancel()
    assert time.monotonic() - began < 10
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Bộ lập lịch đã chạy")
    assert "Lịch xuất bản: đã đăng 0 trang" in lines[1]
    assert lines[-1] == "Bộ lập lịch đã dừng."
    assert signal.getsignal(signum) is before
