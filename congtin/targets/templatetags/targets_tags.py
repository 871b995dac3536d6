from django import template

from congtin.core import chrome
from congtin.core.vietnamese import format_number

from ..models import AnnualPlan, quantity
from ..services import plan_rows
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


@register.simple_tag(takes_context=True)
def targets_link(context):
    """URL of /chi-tieu/ when the reader's portal has a plan, else "".

    The footer is on every page, so the answer is kept with the other cached page
    chrome (one cache read per page, no query); saving or deleting a plan moves the
    chrome version on (see ``TargetsConfig.ready``).
    """
    from django.urls import reverse
    from wagtail.models import Site

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return ""

    def build():
        has_plan = AnnualPlan.objects.filter(site=site).exists()
        return reverse("targets:index") if has_plan else ""

    return chrome.cached("targets-link", site.pk, build)


@register.inclusion_tag("targets/blocks/target_embed.html", takes_context=True)
def target_embed(context, value):
    """The figures of the plan (or one target of it) a body block embeds."""
    plan = value.get("plan")
    code = (value.get("target_code") or "").strip()
    if plan is None:
        return {"plan": None}
    plan, rows, summary = plan_figures(context.get("request"), plan)
    return {
        "plan": plan,
        "summary": summary,
        "rows": [r for r in rows if r.target.code == code] if code else [],
        "single": bool(code),
        "has_illustrative": any(r.illustrative for r in rows),
    }


def plan_figures(request, plan):
    """(plan, rows, summary) of ``plan``, read once per request: an article may
    embed the same plan in several blocks. A plan of the reader's own portal takes
    the request's site (already at hand) instead of reading it again."""
    from wagtail.models import Site

    memo = getattr(request, "_congtin_plan_figures", None)
    if memo is None:
        memo = {}
        if request is not None:
            request._congtin_plan_figures = memo
    if plan.pk not in memo:
        site = Site.find_for_request(request) if request is not None else None
        if site is not None and site.pk == plan.site_id:
            plan.site = site
        rows, summary = plan_rows(plan)
        memo[plan.pk] = (plan, rows, summary)
    return memo[plan.pk]
