"""The public lists: budget reports by year and period, series grouped by field.

Filters are query-string parameters read with ``congtin.core.params``: a value that
cannot be right (a year that is not a year, a period not offered, control
characters) raises ``BadParameter``, which Django answers with the project's 400
page and the message. Each facet counts the reports that choosing that value would
list, given the other filter (its own left out), as the documents' list does.
"""

from dataclasses import dataclass
from itertools import groupby
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import QueryDict

from congtin.core import params as query

from .models import BudgetReportPage, StatisticSeriesPage
from .vocab import BudgetPeriod

PER_PAGE = 20


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    key: str  # the query parameter
    label: str
    options: list[Option]


def _url(params: QueryDict, key: str, value) -> str:
    """The list's address with ``key`` set to ``value`` (removed when empty), the
    other filters kept and the page number dropped."""
    changed = params.copy()
    changed.pop("trang", None)
    changed.pop(key, None)
    if value not in ("", None):
        changed[key] = str(value)
    return "?" + changed.urlencode() if changed else "?"


def _options(params, key, rows, labels, selected) -> list[Option]:
    options = [
        Option(
            str(value),
            labels.get(value, str(value)),
            n,
            value == selected,
            _url(params, key, "" if value == selected else value),
        )
        for value, n in rows
    ]
    if selected not in (None, "") and not any(o.selected for o in options):
        # A filter that now lists nothing still shows, so it can be removed.
        label = labels.get(selected, str(selected))
        options.append(Option(str(selected), label, 0, True, _url(params, key, "")))
    return options


def _exports(kept: dict) -> list[tuple[str, str]]:
    """(label, link) of the whole list's downloads, with only the list's own
    filters that were given (never a parameter the list does not read)."""
    return [
        (label, "?" + urlencode({**kept, "xuat": fmt}))
        for fmt, label in (("csv", "CSV"), ("xlsx", "XLSX"))
    ]


def reports_under(index_page):
    return BudgetReportPage.objects.live().public().descendant_of(index_page)


def parse_budget_filters(params) -> dict:
    filters: dict = {}
    year = query.year(params, "nam", "Năm ngân sách")
    if year is not None:
        filters["year"] = year
    period = query.choice(
        params,
        "ky",
        BudgetPeriod.values,
        "Kỳ báo cáo",
        message="Kỳ báo cáo không hợp lệ: “{value}” (dùng: "
        + ", ".join(BudgetPeriod.values)
        + ").",
    )
    if period:
        filters["period"] = period
    return filters


def chosen_reports(index_page, request, filters: dict | None = None):
    """The reports the list shows for the query string, every page of them."""
    if filters is None:
        filters = parse_budget_filters(request.GET)
    return (
        reports_under(index_page)
        .filter(**filters)
        .order_by("-year", "-decision_date", "-pk")
    )


def budget_listing(index_page, request) -> dict:
    filters = parse_budget_filters(request.GET)
    base = reports_under(index_page)

    def counts(field):
        others = {k: v for k, v in filters.items() if k != field}
        return (
            base.filter(**others)
            .order_by()
            .values_list(field)
            .annotate(n=Count("pk"))
            .values_list(field, "n")
        )

    years = sorted(counts("year"), key=lambda r: -r[0])
    order = list(BudgetPeriod.values)
    periods = sorted(counts("period"), key=lambda r: order.index(r[0]))
    facets = [
        Facet(
            "nam",
            "Năm ngân sách",
            _options(request.GET, "nam", years, {}, filters.get("year")),
        ),
        Facet(
            "ky",
            "Kỳ báo cáo",
            _options(
                request.GET,
                "ky",
                periods,
                dict(BudgetPeriod.choices),
                filters.get("period"),
            ),
        ),
    ]
    chosen = chosen_reports(index_page, request, filters)
    page_obj = Paginator(chosen, PER_PAGE).get_page(query.page_number(request.GET))
    kept = {key: request.GET[key] for key in ("nam", "ky") if request.GET.get(key)}
    return {
        "exports": _exports(kept),
        "reports": page_obj,
        "facets": facets,
        "filters": filters,
        "total": page_obj.paginator.count,
        "any_filter": bool(filters),
    }


@dataclass
class FieldGroup:
    field: str
    count: int
    series: list
    url: str


def statistics_listing(index_page, request) -> dict:
    field = query.text(request.GET, "linh-vuc", "Lĩnh vực")
    series = list(
        StatisticSeriesPage.objects.live()
        .public()
        .descendant_of(index_page)
        .order_by("field", "title")
    )
    groups = [
        FieldGroup(name, len(items), items, _url(request.GET, "linh-vuc", name))
        for name, items in ((n, list(g)) for n, g in groupby(series, lambda s: s.field))
    ]
    shown = [g for g in groups if g.field == field] if field else groups
    return {
        "exports": _exports({"linh-vuc": field} if field else {}),
        "groups": groups,
        "shown_groups": shown,
        "field": field,
        "total": sum(g.count for g in shown),
        "all_url": _url(request.GET, "linh-vuc", ""),
    }
