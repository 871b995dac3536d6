"""What the public pages of targets show, computed apart from any request.

The views read the request's parameters and render; the plans, rows, statuses and
sort orders they show come from here, as do the API's and the plan block's.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404
from django.utils.http import urlencode
from wagtail.models import Site

from congtin.portals.sites import short_name

from .models import AnnualPlan, Target
from .status import STATUS_LABELS, Progress, progress, summarize
from .vocab import PERIOD_END_MONTH


@dataclass
class Row:
    target: Target
    progress: Progress
    figures: list

    @property
    def latest(self):
        return self.progress.figure

    @property
    def illustrative(self) -> bool:
        return any(f.is_illustrative for f in self.figures)


def ordered_figures(figures):
    """Figures in the order of the year: by period, then date reported."""
    return sorted(
        figures, key=lambda f: (PERIOD_END_MONTH[f.period], f.reported_on, f.pk)
    )


def plan_rows(plan):
    """(rows, summary) of a plan: every target with its figures and status."""
    targets = plan.targets.all().prefetch_related("figures")
    rows = []
    for target in targets:
        figures = ordered_figures(target.figures.all())
        rows.append(Row(target, progress(target, figures), figures))
    return rows, summarize(plan, [r.progress for r in rows])


def site_for_unit(unit):
    site = (
        Site.objects.select_related("root_page")
        .filter(root_page__slug=unit)
        .order_by("-is_default_site", "pk")
        .first()
    )
    if site is None:
        raise Http404("Không có đơn vị này.")
    return site


def get_plan(unit, year):
    """The plan of ``unit`` (a portal's root slug) for ``year``, or Http404."""
    site = site_for_unit(unit)
    plan = (
        AnnualPlan.objects.select_related("site", "site__root_page", "source_page")
        .prefetch_related("task_groups")
        .filter(site=site, year=year)
        .first()
    )
    if plan is None:
        raise Http404("Đơn vị này chưa có kế hoạch năm đó.")
    return plan


def plans_for(current):
    """(plans, years) for the index: every plan, the reader's own portal first."""
    plans = list(
        AnnualPlan.objects.select_related("site", "site__root_page").order_by(
            "-year", "site__site_name"
        )
    )
    if current is not None:
        plans.sort(key=lambda p: p.site_id != current.pk)
    years = sorted({p.year for p in plans}, reverse=True)
    return plans, years


def filter_rows(rows, group, status):
    return [
        r
        for r in rows
        if (not group or r.target.group == group)
        and (not status or r.progress.status == status)
    ]


def get_target(plan, code):
    target = plan.targets.filter(code=code).first()
    if target is None:
        raise Http404("Không có chỉ tiêu này.")
    return target


def earlier_rows(target, plan):
    """The same indicator's targets in this portal's earlier plans, newest first."""
    if not target.indicator:
        return []
    rows = []
    for other in (
        Target.objects.filter(
            indicator=target.indicator,
            plan__site=plan.site,
            plan__year__lt=plan.year,
        )
        .select_related("plan")
        .prefetch_related("figures")
        .order_by("-plan__year")
    ):
        other_figures = ordered_figures(other.figures.all())
        rows.append(Row(other, progress(other, other_figures), other_figures))
    return rows


def indicators_of_year(year):
    """[(indicator, name)] of the year's targets, by name; (years of every plan)."""
    indicators = {}
    for target in (
        Target.objects.filter(plan__year=year)
        .exclude(indicator="")
        .order_by("indicator", "plan__site__site_name")
    ):
        indicators.setdefault(target.indicator, target.name)
    years = sorted(set(AnnualPlan.objects.values_list("year", flat=True)), reverse=True)
    return sorted(indicators.items(), key=lambda i: i[1]), years


SORTS = {
    "don-vi": "Đơn vị",
    "chi-tieu": "Chỉ tiêu",
    "so-lieu": "Số liệu mới nhất",
    "ty-le": "Tỷ lệ so với chỉ tiêu",
    "trang-thai": "Trạng thái",
}
ORDERS = ("tang", "giam")
_STATUS_ORDER = {key: i for i, key in enumerate(STATUS_LABELS)}


def overview_rows(year, indicator, sort, order):
    """(targets, rows) of every unit's target for ``indicator``, sorted; Http404
    when no unit has one that year."""
    targets = list(
        Target.objects.filter(plan__year=year, indicator=indicator)
        .select_related("plan", "plan__site", "plan__site__root_page")
        .prefetch_related("figures")
    )
    if not targets:
        raise Http404("Năm này không có chỉ số này.")
    rows = [
        Row(t, progress(t, list(t.figures.all())), list(t.figures.all()))
        for t in targets
    ]

    def key(row):
        figure = row.latest
        missing = figure is None
        value = {
            "don-vi": short_name(row.target.plan.site),
            "chi-tieu": row.target.value
            if row.target.value is not None
            else Decimal(0),
            "so-lieu": figure.value if figure else Decimal(0),
            "ty-le": row.progress.percent
            if row.progress.percent is not None
            else Decimal(0),
            "trang-thai": _STATUS_ORDER[row.progress.status],
        }[sort]
        return (missing and sort in ("so-lieu", "ty-le"), value)

    rows.sort(key=key, reverse=(order == "giam"))
    if order == "giam" and sort in ("so-lieu", "ty-le"):
        # Units without figures stay last whichever way the column is sorted.
        rows.sort(key=lambda r: r.latest is None)
    return targets, rows


def overview_columns(sort, order):
    """The overview table's headings, each with the link that sorts by it."""
    columns = []
    for field, label in SORTS.items():
        next_order = "tang" if (field == sort and order == "giam") else "giam"
        if field != sort and field in ("don-vi", "chi-tieu"):
            next_order = "tang"
        columns.append(
            {
                "field": field,
                "label": label,
                "url": "?" + urlencode({"sap-xep": field, "thu-tu": next_order}),
                "aria_sort": (
                    ("ascending" if order == "tang" else "descending")
                    if field == sort
                    else None
                ),
            }
        )
    return columns
