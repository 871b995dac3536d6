"""Faceted public lists: each filter a query parameter, each facet's values with counts.

Shared by the legal documents' list and the lists of projects, research and plans.
A facet counts the items that choosing a value would list given the other filters
(its own filter left out), one grouped query per facet. Values that cannot be right
are refused before this runs (``congtin.core.params``); nothing here raises.
"""

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count


@dataclass(frozen=True)
class FacetSpec:
    key: str  # the query parameter
    label: str
    field: str  # the queryset value grouped on
    choices: dict = dataclasses.field(
        default_factory=dict
    )  # value -> label, in shown order
    newest_first: bool = False  # years: largest first
    text: bool = False  # free text: blank values are not a facet value


@dataclass
class Facet:
    key: str
    label: str
    field: str
    options: list


def query_url(params: dict, **changes) -> str:
    """``?…`` with ``changes`` applied to ``params`` (an empty value removes the
    key); the page number is dropped, since a new filter starts at page one."""
    merged = {k: v for k, v in params.items() if v not in ("", None)}
    for key, value in changes.items():
        if value in ("", None):
            merged.pop(key, None)
        else:
            merged[key] = value
    merged.pop("trang", None)
    return "?" + urlencode(merged) if merged else "?"


def apply(queryset, filters: dict, skip: str | None = None):
    return queryset.filter(**{k: v for k, v in filters.items() if k != skip})


def count_values(base, filters: dict, specs: Sequence[FacetSpec]) -> dict:
    """{field: [(value, count), ...]} for every facet."""
    counts = {}
    for spec in specs:
        rows = apply(base, filters, skip=spec.field)
        if spec.text:
            rows = rows.exclude(**{spec.field: ""})
        rows = rows.exclude(**{f"{spec.field}__isnull": True})
        grouped = rows.order_by().values(spec.field).annotate(n=Count("pk"))
        counts[spec.field] = [(row[spec.field], row["n"]) for row in grouped]
    return counts


def _sorted(spec: FacetSpec, rows: list) -> list:
    if spec.newest_first:
        return sorted(rows, key=lambda r: -r[0])
    if spec.choices:  # choices keep their declared order
        order = list(spec.choices)
        return sorted(rows, key=lambda r: order.index(r[0]) if r[0] in order else 99)
    return sorted(rows, key=lambda r: r[0])


def build(
    specs: Sequence[FacetSpec], counts: dict, filters: dict, params: dict
) -> list[Facet]:
    """The facets to show: options with label, count, whether chosen and the link
    that chooses (or, when chosen, clears) it. A chosen value no item has is still
    shown, with 0, so that the reader can clear it."""
    result = []
    for spec in specs:
        labels = spec.choices
        selected = filters.get(spec.field)
        options = [
            {
                "value": value,
                "label": labels.get(value, str(value)),
                "count": n,
                "selected": value == selected,
                "url": query_url(
                    params, **{spec.key: "" if value == selected else value}
                ),
            }
            for value, n in _sorted(spec, list(counts[spec.field]))
        ]
        if selected is not None and not any(o["selected"] for o in options):
            options.append(
                {
                    "value": selected,
                    "label": labels.get(selected, str(selected)),
                    "count": 0,
                    "selected": True,
                    "url": query_url(params, **{spec.key: ""}),
                }
            )
        result.append(Facet(spec.key, spec.label, spec.field, options))
    return result
