"""Public pages: plans per unit and year, one target, the city overview, exports."""

from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header, urlencode
from wagtail.models import Site

from congtin.core import params

from . import charts, exchange
from .models import AnnualPlan, Target, unit_name, unit_slug
from .status import (
    PACE_RULE,
    STATUS_CHOICES,
    STATUS_LABELS,
    Progress,
    progress,
    summarize,
)
from .vocab import PERIOD_END_MONTH, Group


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


def _ordered_figures(figures):
    return sorted(
        figures, key=lambda f: (PERIOD_END_MONTH[f.period], f.reported_on, f.pk)
    )


def plan_rows(plan):
    """(rows, summary) of a plan: every target with its figures and status."""
    targets = plan.targets.all().prefetch_related("figures")
    rows = []
    for target in targets:
        figures = _ordered_figures(target.figures.all())
        rows.append(Row(target, progress(target, figures), figures))
    return rows, summarize(plan, [r.progress for r in rows])


def _site_for_unit(unit):
    site = (
        Site.objects.select_related("root_page")
        .filter(root_page__slug=unit)
        .order_by("-is_default_site", "pk")
        .first()
    )
    if site is None:
        raise Http404("Không có đơn vị này.")
    return site


def _plan(unit, year):
    site = _site_for_unit(unit)
    plan = (
        AnnualPlan.objects.select_related("site", "site__root_page", "source_page")
        .prefetch_related("task_groups")
        .filter(site=site, year=year)
        .first()
    )
    if plan is None:
        raise Http404("Đơn vị này chưa có kế hoạch năm đó.")
    return plan


def index(request):
    current = Site.find_for_request(request)
    plans = list(
        AnnualPlan.objects.select_related("site", "site__root_page").order_by(
            "-year", "site__site_name"
        )
    )
    if current is not None:
        # The reader's own portal first.
        plans.sort(key=lambda p: p.site_id != current.pk)
    years = sorted({p.year for p in plans}, reverse=True)
    return render(
        request,
        "targets/index.html",
        {"plans": plans, "years": years, "current_site": current},
    )


def plan_page(request, unit, year):
    plan = _plan(unit, year)
    rows, summary = plan_rows(plan)
    group = params.choice(
        request.GET,
        "nhom",
        Group.values,
        "Nhóm chỉ tiêu",
        message="Nhóm chỉ tiêu “{value}” không tồn tại.",
    )
    status = params.choice(
        request.GET,
        "trang-thai",
        STATUS_LABELS,
        "Trạng thái",
        message="Trạng thái “{value}” không tồn tại.",
    )
    shown = [
        r
        for r in rows
        if (not group or r.target.group == group)
        and (not status or r.progress.status == status)
    ]
    return render(
        request,
        "targets/plan.html",
        {
            "plan": plan,
            "rows": shown,
            "all_count": len(rows),
            "summary": summary,
            "groups": Group.choices,
            "statuses": STATUS_CHOICES,
            "group": group,
            "status": status,
            "pace_rule": PACE_RULE,
            "has_illustrative": any(r.illustrative for r in rows),
        },
    )


def target_page(request, unit, year, code):
    plan = _plan(unit, year)
    target = plan.targets.filter(code=code).first()
    if target is None:
        raise Http404("Không có chỉ tiêu này.")
    figures = _ordered_figures(target.figures.select_related("source_page"))
    state = progress(target, figures)
    earlier = []
    if target.indicator:
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
            other_figures = _ordered_figures(other.figures.all())
            earlier.append(Row(other, progress(other, other_figures), other_figures))
    chart = charts.target_chart(target, figures)
    return render(
        request,
        "targets/target.html",
        {
            "plan": plan,
            "target": target,
            "figures": figures,
            "progress": state,
            "earlier": earlier,
            "chart": chart,
            "pace_rule": PACE_RULE,
            "has_illustrative": any(f.is_illustrative for f in figures),
        },
    )


SORTS = {
    "don-vi": "Đơn vị",
    "chi-tieu": "Chỉ tiêu",
    "so-lieu": "Số liệu mới nhất",
    "ty-le": "Tỷ lệ so với chỉ tiêu",
    "trang-thai": "Trạng thái",
}
_STATUS_ORDER = {key: i for i, key in enumerate(STATUS_LABELS)}


def overview_index(request, year):
    indicators = {}
    for target in (
        Target.objects.filter(plan__year=year)
        .exclude(indicator="")
        .order_by("indicator", "plan__site__site_name")
    ):
        indicators.setdefault(target.indicator, target.name)
    years = sorted(set(AnnualPlan.objects.values_list("year", flat=True)), reverse=True)
    return render(
        request,
        "targets/overview_index.html",
        {
            "year": year,
            "indicators": sorted(indicators.items(), key=lambda i: i[1]),
            "years": years,
        },
    )


def overview(request, year, indicator):
    sort = params.choice(
        request.GET,
        "sap-xep",
        SORTS,
        "Sắp xếp",
        default="ty-le",
        message="Không sắp xếp được theo “{value}” (dùng: " + ", ".join(SORTS) + ").",
    )
    order = params.choice(
        request.GET,
        "thu-tu",
        ("tang", "giam"),
        "Thứ tự",
        default="giam",
        message="Thứ tự sắp xếp chỉ là “tang” hoặc “giam”.",
    )
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
            "don-vi": unit_name(row.target.plan.site),
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
    return render(
        request,
        "targets/overview.html",
        {
            "year": year,
            "indicator": indicator,
            "name": targets[0].name,
            "rows": rows,
            "columns": columns,
            "pace_rule": PACE_RULE,
            "has_illustrative": any(r.illustrative for r in rows),
        },
    )


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def export(request, unit, year, table, fmt):
    if fmt == "csv" and table not in ("chi-tieu", "so-lieu"):
        raise Http404("Chỉ có chi-tieu.csv và so-lieu.csv.")
    plan = _plan(unit, year)
    base = f"chi-tieu-{unit_slug(plan.site)}-{plan.year}"
    if fmt == "xlsx":
        return _download(
            exchange.export_xlsx(plan),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            f"{base}.xlsx",
        )
    rows = (
        exchange.target_rows(plan)
        if table == "chi-tieu"
        else exchange.figure_rows(plan)
    )
    return _download(
        exchange.export_csv(rows), "text/csv; charset=utf-8", f"{base}-{table}.csv"
    )
