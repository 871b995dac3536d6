"""Server-drawn SVG charts of budget reports and statistical series.

Like the targets' charts: no JavaScript, ``role="img"`` with a title and a
description that says every figure in words, and the page puts the same figures
in a table beside the chart. A report's chart is one horizontal bar per item, every
amount in tỷ đồng so that items in different units compare; a series' chart is a
line through its values in period order (a bar chart when it has a single value).
"""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

from congtin.core.charts import Chart, scale_max
from congtin.core.vietnamese import format_number

from .vocab import Frequency

WIDTH = 640
BAR_HEIGHT, BAR_GAP = 26, 14
LABEL_WIDTH = 230  # item names left of the bars
VALUE_ROOM = 130  # the amount right of the longest bar
LINE_HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 24, 44
BLUE = "#0b4f9c"


def _svg(chart_id: str, title: str, description: str, height: int, parts) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        + "".join(parts)
        + "</svg>"
    )


def _short(text: str, most: int = 34) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def budget_chart(report, figures) -> Chart | None:
    """One bar per figure, in tỷ đồng; None when the report has no figures."""
    if not figures:
        return None
    amounts = [f.in_billion for f in figures]
    top = scale_max([abs(a) for a in amounts])
    plot_w = WIDTH - LABEL_WIDTH - VALUE_ROOM
    height = TOP + len(figures) * (BAR_HEIGHT + BAR_GAP)
    parts = [
        f'<line x1="{LABEL_WIDTH}" y1="{TOP - 6}" x2="{LABEL_WIDTH}" '
        f'y2="{height - BAR_GAP + 6}" stroke="#555" class="chart__axis"/>'
    ]
    for i, (figure, amount) in enumerate(zip(figures, amounts, strict=True)):
        y = TOP + i * (BAR_HEIGHT + BAR_GAP)
        width = plot_w * float(abs(amount) / top)
        middle = y + BAR_HEIGHT / 2 + 4
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{middle:.1f}" text-anchor="end" '
            f'font-size="12" class="chart__label">{escape(_short(figure.item))}</text>'
        )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" '
            f'height="{BAR_HEIGHT}" fill="{BLUE}" class="chart__bar"/>'
        )
        label = format_number(amount, 3) if amount % 1 else format_number(amount)
        if figure.percent_of_estimate is not None:
            label += f" ({format_number(figure.percent_of_estimate)}%)"
        parts.append(
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{middle:.1f}" '
            f'font-size="12" class="chart__label">{escape(label)}</text>'
        )
    title = f"{report.get_period_display()} ngân sách năm {report.year} (tỷ đồng)"
    items = []
    for figure in figures:
        text = f"{figure.item}: {figure.display}"
        if figure.percent_of_estimate is not None:
            text += f", đạt {format_number(figure.percent_of_estimate)}% dự toán"
        items.append(text)
    description = f"Biểu đồ cột: {title}. " + "; ".join(items) + "."
    return Chart(
        mark_safe(_svg("budget-chart", title, description, height, parts)), description
    )


def series_chart(series, values) -> Chart | None:
    """The values in period order as a line (bars below zero are drawn from the
    zero line); None when the series has no values."""
    if not values:
        return None
    numbers = [v.value for v in values]
    top = scale_max([n for n in numbers if n > 0])
    bottom = -scale_max([-n for n in numbers if n < 0]) if min(numbers) < 0 else 0
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = LINE_HEIGHT - TOP - BOTTOM
    span = Decimal(top) - Decimal(bottom)
    step = plot_w / max(len(values), 1)

    def x(i):
        return LEFT + step * (i + 0.5)

    def y(value):
        return TOP + plot_h * float((Decimal(top) - Decimal(value)) / span)

    parts = [
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" '
        'stroke="#555" class="chart__axis"/>',
        f'<line x1="{LEFT}" y1="{y(0):.1f}" x2="{LEFT + plot_w}" y2="{y(0):.1f}" '
        'stroke="#555" class="chart__axis"/>',
    ]
    for tick in sorted({Decimal(bottom), Decimal(0), Decimal(top)}):
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" '
            f'font-size="12" class="chart__label">{escape(format_number(tick))}</text>'
        )
    # Twelve years fit under the axis, but only six "Tháng 12/2022".
    most = 12 if series.frequency == Frequency.YEAR else 6
    every = max(1, -(-len(values) // most))
    for i, value in enumerate(values):
        if i % every == 0 or i == len(values) - 1:
            parts.append(
                f'<text x="{x(i):.1f}" y="{LINE_HEIGHT - 18}" text-anchor="middle" '
                f'font-size="12" class="chart__label">{escape(value.label)}</text>'
            )
    points = [(x(i), y(v.value)) for i, v in enumerate(values)]
    if len(points) > 1:
        line = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{BLUE}" '
            'stroke-width="2.5" class="chart__line"/>'
        )
    else:
        px, py = points[0]
        parts.append(
            f'<rect x="{px - 20:.1f}" y="{min(py, y(0)):.1f}" width="40" '
            f'height="{abs(y(0) - py):.1f}" fill="{BLUE}" class="chart__bar"/>'
        )
    for (px, py), value in zip(points, values, strict=True):
        parts.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{BLUE}"/>'
            f'<text x="{px:.1f}" y="{py - 9:.1f}" text-anchor="middle" '
            f'font-size="12" class="chart__label">'
            f"{escape(format_number(value.value))}</text>"
        )
    title = f"{series.title} ({series.unit})"
    description = (
        f"Biểu đồ đường: {title}, nguồn {series.source}. "
        + "; ".join(
            f"{v.label}: {format_number(v.value)} {series.unit}" for v in values
        )
        + "."
    )
    return Chart(
        mark_safe(_svg("series-chart", title, description, LINE_HEIGHT, parts)),
        description,
    )
