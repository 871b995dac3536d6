"""Computed status: pure functions over plain objects, no database."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from congtin.targets import status
from congtin.targets.vocab import parse_period


def target(value, direction="at-least", measure="cumulative", unit="tỷ đồng"):
    return SimpleNamespace(
        value=None if value is None else Decimal(value),
        direction=direction,
        measure=measure,
        unit=unit,
    )


def figure(period, value, basis="value", day=date(2022, 9, 30), pk=1):
    return SimpleNamespace(
        period=period, value=Decimal(value), basis=basis, reported_on=day, pk=pk
    )


@pytest.mark.parametrize(
    "goal, direction, measure, period, value, expected",
    [
        ("423.2", "at-least", "cumulative", "NAM", "430", status.MET),
        ("423.2", "at-least", "cumulative", "NAM", "423.1", status.NOT_MET),
        # 9 months against 9/12 of the year: 317.4.
        ("423.2", "at-least", "cumulative", "9T", "317.4", status.ON_TRACK),
        ("423.2", "at-least", "cumulative", "9T", "317.3", status.BEHIND),
        # A quarter against 3/12.
        ("400", "at-least", "cumulative", "Q2", "100", status.ON_TRACK),
        # Levels compare with the target itself, whatever the period.
        ("92", "at-least", "level", "6T", "91.9", status.BEHIND),
        ("92", "at-least", "level", "6T", "92", status.ON_TRACK),
        ("0", "at-most", "level", "NAM", "0", status.MET),
        ("0", "at-most", "level", "9T", "3", status.BEHIND),
        ("100", "exactly", "level", "NAM", "99.9", status.NOT_MET),
        ("100", "complete", "level", "NAM", "100", status.MET),
    ],
)
def test_status_from_figures(goal, direction, measure, period, value, expected):
    result = status.progress(target(goal, direction, measure), [figure(period, value)])
    assert result.status == expected


def test_no_figures_and_no_target_value():
    assert status.progress(target("10"), []).status == status.NO_DATA
    assert status.progress(target(None), [figure("NAM", "5")]).status == status.NO_DATA


def test_latest_period_decides_and_percent_of_target():
    result = status.progress(
        target("1057.091"),
        [figure("9T", "812.4", pk=2), figure("6T", "560.3", pk=1)],
    )
    assert result.figure.period == "9T"
    assert result.percent_text == "76,9% chỉ tiêu"
    assert result.expected_percent == Decimal(75)
    assert result.bar_percent == 76


def test_share_of_an_assigned_estimate():
    """Revenue "133% dự toán thành phố giao" against an unpublished target."""
    figures = [
        figure("NAM", "133", "pct-city", pk=1),
        figure("NAM", "121", "pct-council", pk=2),
        figure("NAM", "118", "pct-previous", pk=3),
    ]
    result = status.progress(target(None), figures)
    assert result.status == status.MET
    assert result.figure.basis == "pct-council"
    assert result.percent_text == "121,0% dự toán HĐND giao"
    assert result.bar_percent == 100
    # A share of last year alone decides nothing.
    assert status.progress(target(None), figures[2:]).status == status.NO_DATA
    behind = status.progress(target(None), [figure("6T", "45", "pct-target")])
    assert behind.status == status.BEHIND


def test_plan_summary_text():
    plan = SimpleNamespace(declared_target_count=17, reported_met_count=16)
    summary = status.summarize(plan, [status.Progress(status.MET)])
    assert summary.text == "Đạt 16/17 chỉ tiêu chủ yếu"
    assert summary.unpublished == 16

    plan = SimpleNamespace(declared_target_count=3, reported_met_count=None)
    met = status.Progress(status.MET)
    missed = status.Progress(status.NOT_MET)
    assert status.summarize(plan, [met, met, missed]).text == (
        "Đạt 2/3 chỉ tiêu chủ yếu"
    )
    assert status.summarize(plan, [met, status.Progress(status.BEHIND)]).text == (
        "Đạt 1/3 chỉ tiêu chủ yếu (chưa có số liệu cả năm của 2 chỉ tiêu)"
    )
    assert status.summarize(plan, []).text == (
        "Chưa có kết quả cả năm của 3 chỉ tiêu chủ yếu"
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("9 tháng", ("9T", None)),
        ("6 thang 2022", ("6T", 2022)),
        ("Quý II", ("Q2", None)),
        ("quý 4/2021", ("Q4", 2021)),
        ("Tháng 3", ("T03", None)),
        ("Cả năm", ("NAM", None)),
        ("NAM", ("NAM", None)),
    ],
)
def test_parse_period(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["Tháng 13", "nửa năm", ""])
def test_parse_period_rejects(text):
    with pytest.raises(ValueError):
        parse_period(text)
