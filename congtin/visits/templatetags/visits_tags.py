"""Beacon markers for cached pages, the footer's "Lượt truy cập" and the home
page's most read articles. The figures are kept with the page chrome (one cache
read per page, no query once warm) and may be a few minutes behind."""

from django import template
from django.utils.html import format_html

from congtin.core import chrome
from congtin.core.vietnamese import format_number

from .. import counting, reports, tokens

register = template.Library()


def _site(context):
    from wagtail.models import Site

    request = context.get("request")
    return Site.find_for_request(request) if request is not None else None


@register.simple_tag(takes_context=True)
def visit_marker(context, page):
    """The attributes that let the beacon count a view of ``page`` (none in a
    preview): the same for every reader, so the page stays cacheable."""
    request = context.get("request")
    page_id = getattr(page, "pk", None)
    if not page_id or getattr(request, "is_preview", False):
        return ""
    return format_html(
        ' data-visit-page="{}" data-visit-key="{}"', page_id, tokens.page_key(page_id)
    )


@register.simple_tag(takes_context=True)
def search_marker(context, text, found):
    """A hidden element that lets the beacon count a search of ``text`` on the
    reader's portal and whether it ``found`` anything."""
    site = _site(context)
    query = counting.normalise_query(text or "")
    if site is None or not query:
        return ""
    found = bool(found)
    return format_html(
        '<span hidden data-visit-search="{}" data-visit-site="{}" '
        'data-visit-found="{}" data-visit-key="{}"></span>',
        query,
        site.pk,
        int(found),
        tokens.search_key(site.pk, found, query),
    )


@register.simple_tag(takes_context=True)
def visit_total(context):
    """The portal's "Lượt truy cập" as Vietnamese writes numbers, or ""."""
    site = _site(context)
    if site is None:
        return ""
    total = chrome.cached(
        "visits_total", site.pk, lambda: reports.portal_total(site.pk)
    )
    return format_number(total) if total else ""


@register.inclusion_tag("visits/most_read.html", takes_context=True)
def most_read_week(context):
    """The portal's most read articles of the last seven days."""
    site = _site(context)
    items = (
        chrome.cached("visits_most_read", site.pk, lambda: reports.most_read_week(site))
        if site is not None
        else []
    )
    return {"items": items}
