"""Status of a target, computed from its figures; nobody types a status.

Rules (also shown to readers on the plan page, ``PACE_RULE``):

- Only a figure for the whole year ("Cả năm") decides *met* or *not met*.
- A figure for part of the year is *on track* or *behind*. A cumulative target
  (money, people admitted, jobs found) is compared with the target spread evenly over
  the months the period covers: "9 tháng" against 9/12 of it, "Quý II" against 3/12.
  A level (a rate in %, the number of poor households, "hoàn thành") is compared with
  the target itself.
- A figure given as a percentage of the target, of an estimate assigned from above or
  of last year is read against 100 %; a percentage of last year decides nothing.
- The figure that decides is the one for the latest period; within that period, a
  value in the target's unit first, then % of the target, of the council's estimate,
  of the city's estimate; the latest date breaks ties.
"""

from dataclasses import dataclass
from decimal import Decimal

from congtin.core.vietnamese import format_number

from .vocab import BASIS_PRIORITY, PERIOD_END_MONTH, PERIOD_MONTHS, Basis, Direction

MET = "met"
NOT_MET = "not-met"
ON_TRACK = "on-track"
BEHIND = "behind"
NO_DATA = "no-data"

STATUS_LABELS = {
    MET: "Đạt",
    NOT_MET: "Không đạt",
    ON_TRACK: "Đúng tiến độ",
    BEHIND: "Chậm tiến độ",
    NO_DATA: "Chưa có số liệu",
}
STATUS_CHOICES = list(STATUS_LABELS.items())

PACE_RULE = (
    "Chỉ số liệu cả năm mới kết luận “Đạt” hay “Không đạt”. Với số liệu trong năm, "
    "chỉ tiêu cộng dồn (giá trị, số người, số đảng viên…) được so với chỉ tiêu năm "
    "chia đều theo tháng (ví dụ số liệu 9 tháng so với 9/12 chỉ tiêu năm); chỉ tiêu "
    "về mức (tỷ lệ %, số hộ nghèo, hoàn thành) được so trực tiếp với chỉ tiêu."
)

HUNDRED = Decimal(100)


@dataclass
class Progress:
    status: str
    percent: Decimal | None = None  # of the target (or of the reference), for bars
    expected_percent: Decimal | None = None  # where the pace says it should be
    figure: object = None  # the deciding figure

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def bar_percent(self) -> int:
        """Width of a progress bar, 0-100."""
        if self.percent is None:
            return 0
        return int(max(Decimal(0), min(HUNDRED, self.percent)))

    @property
    def percent_text(self) -> str:
        """ "78,0% chỉ tiêu", or "121,0% dự toán HĐND giao" when the deciding figure
        is a share of an assigned estimate rather than of the target."""
        if self.percent is None:
            return ""
        basis = getattr(self.figure, "basis", Basis.VALUE)
        of = (
            "chỉ tiêu"
            if basis in (Basis.VALUE, Basis.PCT_TARGET)
            else Basis(basis).label.removeprefix("% ")
        )
        return f"{format_number(self.percent, 1)}% {of}"


def deciding_figure(figures):
    """The figure that decides the status: latest period, best basis, latest date."""
    candidates = [f for f in figures if f.basis in BASIS_PRIORITY]
    if not candidates:
        return None
    return max(
        candidates,
        key=lambda f: (
            PERIOD_END_MONTH[f.period],
            -BASIS_PRIORITY.index(f.basis),
            f.reported_on,
            f.pk or 0,
        ),
    )


def _reaches(direction, value, target) -> bool:
    if direction == Direction.AT_MOST:
        return value <= target
    if direction == Direction.EXACTLY:
        return value == target
    return value >= target  # at least, complete


def progress(target, figures=None) -> Progress:
    """The status of ``target`` from ``figures`` (default: all of its figures)."""
    if figures is None:
        figures = list(target.figures.all())
    figure = deciding_figure(figures)
    if figure is None:
        return Progress(NO_DATA)
    final = figure.period == "NAM"
    share = Decimal(PERIOD_MONTHS[figure.period]) / 12
    cumulative = target.measure == "cumulative"

    if figure.basis == Basis.VALUE:
        if target.value is None:
            return Progress(NO_DATA, figure=figure)
        goal = target.value
        expected = goal * share if (cumulative and not final) else goal
        value = figure.value
        percent = value / goal * HUNDRED if goal else None
        expected_percent = expected / goal * HUNDRED if goal else None
    else:
        # A share of the target or of an assigned estimate: 100 % is the goal.
        goal = HUNDRED
        expected = HUNDRED * share if (cumulative and not final) else HUNDRED
        value = percent = figure.value
        expected_percent = expected
    ok = _reaches(target.direction, value, expected)
    if final:
        status = MET if ok else NOT_MET
    else:
        status = ON_TRACK if ok else BEHIND
    return Progress(
        status,
        percent=percent,
        expected_percent=expected_percent if not final else None,
        figure=figure,
    )


@dataclass
class PlanSummary:
    declared: int | None
    published: int
    met: int
    final: int
    counts: dict
    reported_met: int | None

    @property
    def status_items(self) -> list[tuple[str, str, int]]:
        """(status, label, count) for every status that has targets."""
        return [(k, STATUS_LABELS[k], n) for k, n in self.counts.items() if n]

    @property
    def unpublished(self) -> int:
        if self.declared is None:
            return 0
        return max(0, self.declared - self.published)

    @property
    def text(self) -> str:
        """ "Đạt 16/17 chỉ tiêu chủ yếu", as year-end reports put it."""
        total = self.declared if self.declared is not None else self.published
        if self.reported_met is not None:
            return f"Đạt {self.reported_met}/{total} chỉ tiêu chủ yếu"
        if self.final == 0:
            return f"Chưa có kết quả cả năm của {total} chỉ tiêu chủ yếu"
        text = f"Đạt {self.met}/{total} chỉ tiêu chủ yếu"
        pending = total - self.final
        if pending > 0:
            text += f" (chưa có số liệu cả năm của {pending} chỉ tiêu)"
        return text


def summarize(plan, progresses) -> PlanSummary:
    counts = {key: 0 for key in STATUS_LABELS}
    for item in progresses:
        counts[item.status] += 1
    return PlanSummary(
        declared=plan.declared_target_count,
        published=len(progresses),
        met=counts[MET],
        final=counts[MET] + counts[NOT_MET],
        counts=counts,
        reported_met=plan.reported_met_count,
    )
