"""Other apps' per-minute work runs in the scheduler's round through a Wagtail hook."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail import hooks

from congtin.editorial import scheduler

pytestmark = pytest.mark.django_db

# The hook's name is what other apps register under (docs/architecture.md).
EVERY_MINUTE = "congtin_every_minute"


def broken_job():
    raise RuntimeError("hỏng")


def reporting_job():
    return "đã làm 1 việc"


def test_hooks_run_after_the_commands_and_report_in_the_log():
    order = []
    with hooks.register_temporarily(
        [
            (EVERY_MINUTE, broken_job),
            (EVERY_MINUTE, lambda: order.append("after") and None),
            (EVERY_MINUTE, reporting_job),
        ]
    ):
        result = scheduler.run_tick(tasks=[("publish_scheduled",)])
    assert [name for name, _ in result.errors] == ["broken_job"]
    assert "RuntimeError: hỏng" in result.errors[0][1]
    assert order == ["after"]  # a failing job does not stop the next one
    line = scheduler.describe(result)
    assert "; đã làm 1 việc" in line and "lỗi: broken_job" in line


def test_once_fails_loudly_when_a_hook_fails():
    err = StringIO()
    with hooks.register_temporarily(EVERY_MINUTE, broken_job):
        with pytest.raises(CommandError):
            call_command("run_scheduler", "--once", stdout=StringIO(), stderr=err)
    assert "Lỗi khi chạy broken_job" in err.getvalue()
