"""Annual plans, their key targets and reported figures (``congtin.targets``), as
the portal's open data; statuses come from the targets app's own services."""

from decimal import Decimal

from ninja import Router

from congtin.core.vietnamese import format_number
from congtin.targets.models import AnnualPlan, Target
from congtin.targets.services import ordered_figures, plan_rows
from congtin.targets.status import progress

from . import cursor, filters, schemas
from .endpoints import ERRORS, Cursor, Limit, Year, detail_of, next_url, portal

router = Router(tags=["Chỉ tiêu"])


def _number(value: Decimal | None) -> tuple[str | None, str]:
    if value is None:
        return None, ""
    # Fixed-point: normalize() alone writes 90000 as "9E+4".
    return format(value.normalize(), "f"), format_number(value)


def _plans(site):
    return AnnualPlan.objects.filter(site=site).select_related("site__root_page")


def _plan_row(request, plan):
    return {
        "id": plan.pk,
        "unit": plan.unit_name,
        "year": plan.year,
        "theme": plan.theme,
        "resolution_number": plan.resolution_number,
        "resolution_title": plan.resolution_title,
        "resolution_date": plan.resolution_date,
        "issuing_body": plan.issuing_body,
        "declared_target_count": plan.declared_target_count,
        "url": request.build_absolute_uri(plan.get_url()),
    }


def _target_row(request, target, state):
    value, text = _number(target.value)
    percent = None if state.percent is None else round(float(state.percent), 1)
    return {
        "id": target.pk,
        "code": target.code,
        "title": target.name,
        "group": target.group,
        "group_label": target.get_group_display(),
        "unit": target.unit,
        "direction": target.direction,
        "value": value,
        "value_text": text,
        "status": state.status,
        "status_label": state.label,
        "percent": percent,
        "url": request.build_absolute_uri(target.get_url()),
    }


@router.get(
    "/ke-hoach/",
    response={200: schemas.PlanPage, **ERRORS},
    summary="Kế hoạch năm (chủ đề năm, chỉ tiêu chủ yếu)",
)
def plan_list(
    request,
    year: str | None = Year,
    limit: str | None = Limit,
    cursor_: str | None = Cursor,
):
    found = filters.common(request.GET)
    plans = _plans(portal(request))
    if found.year:
        plans = plans.filter(year=found.year)
    items, token = cursor.page(
        plans, "plans", ["-year", "-pk"], found.cursor, found.limit
    )
    return {
        "items": [_plan_row(request, p) for p in items],
        "next": next_url(request, token),
    }


@router.get(
    "/ke-hoach/{id:pk}/",
    response={200: schemas.Plan, **ERRORS},
    summary="Một kế hoạch năm với các chỉ tiêu và tình trạng",
)
def plan_detail(request, pk: int):
    plan = detail_of(_plans(portal(request)), pk)
    rows, summary = plan_rows(plan)
    return {
        **_plan_row(request, plan),
        "year_end_summary": plan.year_end_summary,
        "published_target_count": summary.published,
        "met_target_count": summary.met,
        "by_status": summary.counts,
        "targets": [_target_row(request, r.target, r.progress) for r in rows],
    }


@router.get(
    "/chi-tieu/{id:pk}/",
    response={200: schemas.Target, **ERRORS},
    summary="Một chỉ tiêu với các số liệu đã báo cáo",
)
def target_detail(request, pk: int):
    site = portal(request)
    target = detail_of(
        Target.objects.filter(plan__site=site).select_related("plan__site__root_page"),
        pk,
    )
    figures = ordered_figures(target.figures.all())
    rows = []
    for figure in figures:
        value, text = _number(figure.value)
        rows.append(
            {
                "id": figure.pk,
                "period": figure.period,
                "period_label": figure.get_period_display(),
                "basis": figure.basis,
                "basis_label": figure.get_basis_display(),
                "value": value,
                "value_text": text,
                "reported_on": figure.reported_on,
                "source": figure.source,
                "source_url": figure.source_url,
                "note": figure.note,
                "illustrative": figure.is_illustrative,
            }
        )
    return {
        **_target_row(request, target, progress(target, figures)),
        "plan_id": target.plan_id,
        "source_text": target.source_text,
        "figures": rows,
    }
