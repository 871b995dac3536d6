"""What every server-drawn SVG chart of the project shares (targets, open data)."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass
class Chart:
    """An ``<svg role="img">`` with its title and description, and the description
    again as text, for the page to show beside the chart."""

    svg: str
    description: str


def scale_max(values) -> Decimal:
    """A round top for the y axis (1, 2, 2.5 or 5 times a power of ten) above every
    value, so that the half-way tick is a round number too."""
    top = max(values) if values else Decimal(1)
    if top <= 0:
        return Decimal(1)
    top = Decimal(top) * Decimal("1.05")
    power = Decimal(10) ** (len(str(int(top))) - 1)
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if top <= step * power:
            return step * power
    return 10 * power
