"""The report's bar chart of views by day: server-drawn SVG, no JavaScript,
``role="img"`` with a title and a description giving every day's figure; the
page shows the same figures in a table beside it (like the open data charts)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from congtin.core.charts import Chart, scale_max
from congtin.core.vietnamese import format_number

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 12, 16, 36
BLUE = "#0b4f9c"


def views_chart(rows, portal_name: str) -> Chart | None:
    """One bar per day of ``rows`` (reports.DayRow); None when there are none."""
    if not rows:
        return None
    top = scale_max([row.views for row in rows])
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    step = plot_w / len(rows)
    parts = [
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#555"/>',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" '
        f'y2="{TOP + plot_h}" stroke="#555"/>',
    ]
    for tick in (0, top / 2, top):
        y = TOP + plot_h * (1 - float(tick) / float(top))
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12">'
            f"{escape(format_number(tick))}</text>"
        )
    for i, row in enumerate(rows):
        height = plot_h * row.views / float(top)
        x = LEFT + i * step
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{TOP + plot_h - height:.1f}" '
            f'width="{max(step - 2, 1):.1f}" height="{height:.1f}" fill="{BLUE}"/>'
        )
        # A date under every seventh bar counted back from the last, which is
        # always named: never two labels side by side.
        if (len(rows) - 1 - i) % 7 == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{HEIGHT - 14}" text-anchor="middle" '
                f'font-size="12">{row.day:%d/%m}</text>'
            )
    title = f"Lượt truy cập {portal_name} theo ngày, {len(rows)} ngày gần nhất"
    description = (
        f"Biểu đồ cột: {title}. "
        + "; ".join(f"{row.day:%d/%m/%Y}: {format_number(row.views)}" for row in rows)
        + "."
    )
    svg = (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="visits-chart-title visits-chart-desc" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="visits-chart-title">{escape(title)}</title>'
        f'<desc id="visits-chart-desc">{escape(description)}</desc>'
        + "".join(parts)
        + "</svg>"
    )
    return Chart(mark_safe(svg), description)
