"""Public pages: plans per unit and year, one target, the city overview, exports.

Each view reads its parameters and renders; what it shows comes from services.py.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from wagtail.models import Site

from congtin.core import params

from . import charts, exchange, services
from .models import unit_slug
from .status import PACE_RULE, STATUS_CHOICES, STATUS_LABELS, progress
from .vocab import Group


def index(request):
    current = Site.find_for_request(request)
    plans, years = services.plans_for(current)
    return render(
        request,
        "targets/index.html",
        {"plans": plans, "years": years, "current_site": current},
    )


def plan_page(request, unit, year):
    plan = services.get_plan(unit, year)
    rows, summary = services.plan_rows(plan)
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
    return render(
        request,
        "targets/plan.html",
        {
            "plan": plan,
            "rows": services.filter_rows(rows, group, status),
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
    plan = services.get_plan(unit, year)
    target = services.get_target(plan, code)
    figures = services.ordered_figures(target.figures.select_related("source_page"))
    return render(
        request,
        "targets/target.html",
        {
            "plan": plan,
            "target": target,
            "figures": figures,
            "progress": progress(target, figures),
            "earlier": services.earlier_rows(target, plan),
            "chart": charts.target_chart(target, figures),
            "pace_rule": PACE_RULE,
            "has_illustrative": any(f.is_illustrative for f in figures),
        },
    )


def overview_index(request, year):
    indicators, years = services.indicators_of_year(year)
    return render(
        request,
        "targets/overview_index.html",
        {"year": year, "indicators": indicators, "years": years},
    )


def overview(request, year, indicator):
    sort = params.choice(
        request.GET,
        "sap-xep",
        services.SORTS,
        "Sắp xếp",
        default="ty-le",
        message="Không sắp xếp được theo “{value}” (dùng: "
        + ", ".join(services.SORTS)
        + ").",
    )
    order = params.choice(
        request.GET,
        "thu-tu",
        services.ORDERS,
        "Thứ tự",
        default="giam",
        message="Thứ tự sắp xếp chỉ là “tang” hoặc “giam”.",
    )
    targets, rows = services.overview_rows(year, indicator, sort, order)
    return render(
        request,
        "targets/overview.html",
        {
            "year": year,
            "indicator": indicator,
            "name": targets[0].name,
            "rows": rows,
            "columns": services.overview_columns(sort, order),
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
    plan = services.get_plan(unit, year)
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
