"""Server-drawn SVG charts with a text alternative; no JavaScript needed.

A target's chart puts the months of the year on the x axis and its figures on the y
axis, with the target as a horizontal line and, for cumulative targets, the even pace
from January as a dashed line. Figures in the target's unit are drawn if there are
any; otherwise figures given as percentages, against a 100 % line.
"""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

from congtin.core.charts import Chart, scale_max
from congtin.core.vietnamese import format_number

from .models import quantity
from .status import deciding_figure
from .vocab import PERIOD_END_MONTH, Basis, Measure, Period

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 40


def target_chart(target, figures) -> Chart | None:
    in_unit = [f for f in figures if f.basis == Basis.VALUE]
    if in_unit:
        points, unit, goal = in_unit, target.unit, target.value
    else:
        # Shares of different references are different series; draw the one that
        # decides the status, the table lists them all.
        deciding = deciding_figure(figures)
        basis = deciding.basis if deciding else Basis.PCT_PREVIOUS
        points = [f for f in figures if f.basis == basis]
        unit, goal = "%", Decimal(100)
    if not points:
        return None
    values = [f.value for f in points] + ([goal] if goal is not None else [])
    top = scale_max(values)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def x(month):
        return LEFT + plot_w * month / 12

    def y(value):
        return TOP + plot_h * float(1 - Decimal(value) / top)

    parts = []
    # Axes and month ticks.
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" '
        f'y2="{TOP + plot_h}" class="chart__axis" stroke="#555"/>'
    )
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" '
        'class="chart__axis" stroke="#555"/>'
    )
    for month in range(0, 13, 3):
        parts.append(
            f'<text x="{x(month):.1f}" y="{HEIGHT - 15}" text-anchor="middle" '
            f'class="chart__label" font-size="12">{"T" + str(month) if month else "0"}</text>'
        )
    for fraction in (0, 0.5, 1):
        value = top * Decimal(str(fraction))
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
            f'class="chart__label" font-size="12">{escape(format_number(value, 0))}</text>'
        )
    if goal is not None:
        parts.append(
            f'<line x1="{LEFT}" y1="{y(goal):.1f}" x2="{LEFT + plot_w}" '
            f'y2="{y(goal):.1f}" class="chart__goal" stroke="#b3261e" stroke-width="2"/>'
        )
        parts.append(
            f'<text x="{LEFT + plot_w}" y="{y(goal) - 6:.1f}" text-anchor="end" '
            f'class="chart__label" font-size="12" font-weight="bold" fill="#b3261e">Chỉ tiêu: '
            f"{escape(quantity(goal, unit))}</text>"
        )
        if target.measure == Measure.CUMULATIVE:
            parts.append(
                f'<line x1="{x(0)}" y1="{y(0):.1f}" x2="{x(12):.1f}" '
                f'y2="{y(goal):.1f}" class="chart__pace" stroke="#555" stroke-width="1.5" stroke-dasharray="6 4"/>'
            )
    coordinates = [(x(PERIOD_END_MONTH[f.period]), y(f.value), f) for f in points]
    if len(coordinates) > 1:
        path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy, _ in coordinates)
        parts.append(
            f'<polyline points="{path}" class="chart__line" fill="none" stroke="#0b4f9c" stroke-width="2.5"/>'
        )
    for cx, cy, figure in coordinates:
        # Illustrative figures are hollow points.
        fill = "#fff" if figure.is_illustrative else "#0b4f9c"
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{fill}" '
            'stroke="#0b4f9c" stroke-width="2"/>'
        )
        parts.append(
            f'<text x="{cx:.1f}" y="{cy - 10:.1f}" text-anchor="middle" '
            f'class="chart__label" font-size="12">{escape(format_number(figure.value))}</text>'
        )
    description = _describe(target, points, unit, goal)
    svg = (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="chart-title">{escape(target.name)}</title>'
        f'<desc id="chart-desc">{escape(description)}</desc>'
        + "".join(parts)
        + "</svg>"
    )
    return Chart(mark_safe(svg), description)


def _describe(target, points, unit, goal) -> str:
    items = []
    for f in points:
        text = f"{Period(f.period).label}: {quantity(f.value, unit)}"
        if f.basis not in (Basis.VALUE,):
            # The label starts with "%": "121% dự toán HĐND giao".
            text = f"{Period(f.period).label}: {format_number(f.value)}"
            text += Basis(f.basis).label
        if f.is_illustrative:
            text += " (minh họa)"
        items.append(text)
    head = f"Biểu đồ số liệu năm {target.plan.year} của chỉ tiêu “{target.name}”"
    if goal is not None:
        head += f", mức chỉ tiêu {quantity(goal, unit)}"
    return head + ". " + "; ".join(items) + "."
