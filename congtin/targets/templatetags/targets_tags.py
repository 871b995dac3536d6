from django import template

from congtin.core.vietnamese import format_number

from ..models import quantity
from ..vocab import Basis

register = template.Library()


@register.filter
def figure_value(figure):
    """ "423,2 tỷ đồng", or "133% dự toán thành phố giao" for a share."""
    if figure is None:
        return ""
    if figure.basis == Basis.VALUE:
        return quantity(figure.value, figure.target.unit)
    return (
        f"{format_number(figure.value)}% {Basis(figure.basis).label.removeprefix('% ')}"
    )
