"""Read-only JSON API for plans, targets and figures (documented in docs/targets.md).

Numbers are exact decimal strings ("1057.091") with the Vietnamese display form next
to them ("1.057,091"); dates are ISO 8601. Errors are JSON with a Vietnamese message.
"""

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from congtin.core import params
from congtin.core.vietnamese import format_number

from .models import AnnualPlan, Target
from .services import ordered_figures, plan_rows
from .status import progress

HEADERS = {"Access-Control-Allow-Origin": "*"}


def _json(data, status=200):
    response = JsonResponse(
        data, status=status, json_dumps_params={"ensure_ascii": False}
    )
    for key, value in HEADERS.items():
        response[key] = value
    return response


def _error(message, status):
    return _json({"error": message}, status=status)


def _number(value):
    if value is None:
        return None
    return {"value": str(value.normalize()), "text": format_number(value)}


def _abs(request, path):
    return request.build_absolute_uri(path)


def _plan_summary(request, plan, summary=None):
    data = {
        "id": plan.pk,
        "unit": plan.unit_name,
        "unit_slug": plan.unit_slug,
        "year": plan.year,
        "theme": plan.theme,
        "resolution": {
            "number": plan.resolution_number,
            "title": plan.resolution_title,
            "date": plan.resolution_date.isoformat() if plan.resolution_date else None,
            "issuing_body": plan.issuing_body,
            "url": plan.resolution_url or None,
        },
        "declared_target_count": plan.declared_target_count,
        "url": _abs(request, plan.get_url()),
        "api_url": _abs(request, reverse("targets:api_plan", args=[plan.pk])),
    }
    if summary is not None:
        data["summary"] = {
            "text": summary.text,
            "published_target_count": summary.published,
            "unpublished_target_count": summary.unpublished,
            "met": summary.met,
            "reported_met_count": plan.reported_met_count,
            "by_status": summary.counts,
        }
    return data


def _figure(figure):
    return {
        "id": figure.pk,
        "period": figure.period,
        "period_label": figure.get_period_display(),
        "basis": figure.basis,
        "basis_label": figure.get_basis_display(),
        "value": _number(figure.value),
        "reported_on": figure.reported_on.isoformat(),
        "source": figure.source,
        "source_url": figure.source_url or None,
        "note": figure.note,
        "is_illustrative": figure.is_illustrative,
    }


def _target(request, target, state, figures=None):
    data = {
        "id": target.pk,
        "code": target.code,
        "name": target.name,
        "group": target.group,
        "group_label": target.get_group_display(),
        "unit": target.unit,
        "direction": target.direction,
        "value": _number(target.value),
        "measure": target.measure,
        "indicator": target.indicator or None,
        "reference_values": {
            "city_assigned": _number(target.city_assigned),
            "council_assigned": _number(target.council_assigned),
            "previous_year": _number(target.previous_year),
        },
        "source_text": target.source_text,
        "status": {
            "code": state.status,
            "label": state.label,
            "percent": _number(
                None if state.percent is None else round(state.percent, 1)
            ),
            "latest_figure_id": state.figure.pk if state.figure else None,
        },
        "url": _abs(request, target.get_url()),
        "api_url": _abs(request, reverse("targets:api_target", args=[target.pk])),
    }
    if figures is not None:
        data["figures"] = [_figure(f) for f in figures]
    return data


@require_safe
def root(request):
    return _json(
        {
            "plans": _abs(request, reverse("targets:api_plans")),
            "documentation": "docs/targets.md",
        }
    )


@require_safe
def plan_list(request):
    plans = AnnualPlan.objects.select_related("site", "site__root_page")
    try:
        unit = params.text(request.GET, "don-vi", "Đơn vị")
        year = params.year(request.GET, "nam")
    except params.BadParameter as bad:
        return _error(bad.message, 400)
    if unit:
        plans = plans.filter(site__root_page__slug=unit)
    if year is not None:
        plans = plans.filter(year=year)
    return _json({"results": [_plan_summary(request, p) for p in plans]})


@require_safe
def plan_detail(request, pk):
    plan = (
        AnnualPlan.objects.select_related("site", "site__root_page")
        .prefetch_related("task_groups")
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        return _error("Không có kế hoạch này.", 404)
    rows, summary = plan_rows(plan)
    data = _plan_summary(request, plan, summary)
    data["year_end_summary"] = plan.year_end_summary
    data["task_groups"] = [
        {"title": g.title, "text": g.text} for g in plan.task_groups.all()
    ]
    data["targets"] = [_target(request, r.target, r.progress) for r in rows]
    return _json(data)


@require_safe
def target_detail(request, pk):
    target = (
        Target.objects.select_related("plan", "plan__site", "plan__site__root_page")
        .filter(pk=pk)
        .first()
    )
    if target is None:
        return _error("Không có chỉ tiêu này.", 404)
    figures = ordered_figures(target.figures.all())
    data = _target(request, target, progress(target, figures), figures)
    data["plan"] = _plan_summary(request, target.plan)
    return _json(data)
