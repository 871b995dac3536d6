"""What the search page shows for a valid form: the query, the hits as the template
reads them, the page links and the city-wide results a component portal falls back
on. The view reads the request, finds the portal and renders."""

from dataclasses import replace

from congtin.core.vietnamese import format_number

from .engine import SearchQuery, search
from .forms import SORTS

PER_PAGE = 10
PAGINATION_RADIUS = 2
FILTERS = ("loai", "chuyen-muc", "cong", "tu-ngay", "den-ngay")


def total_text(results) -> str:
    """ "1.234", or "hơn 2.000" when a large index stopped counting."""
    number = format_number(results.total)
    return f"hơn {number}" if results.total_is_lower_bound else number


def page_numbers(current: int, last: int) -> list[int | None]:
    """Page numbers to link, with None where a run of pages is left out."""
    shown = {
        1,
        last,
        *range(current - PAGINATION_RADIUS, current + PAGINATION_RADIUS + 1),
    }
    pages: list[int | None] = []
    for number in sorted(n for n in shown if 1 <= n <= last):
        if pages and number - pages[-1] == 2:
            pages.append(number - 1)  # an ellipsis would hide a single page
        elif pages and number - pages[-1] > 2:
            pages.append(None)
        pages.append(number)
    return pages


def build_query(form, text: str, site_ids) -> SearchQuery:
    """The engine's query for a valid form; ``site_ids`` None searches every portal."""
    data = form.cleaned_data
    return SearchQuery(
        text=text,
        kinds=(data["loai"],) if data["loai"] else (),
        site_ids=site_ids,
        section_id=data["chuyen-muc"],
        date_from=data["tu-ngay"],
        date_to=data["den-ngay"],
        sort=SORTS[form.sort],
        page=form.page_number,
        per_page=PER_PAGE,
    )


def has_filters(data) -> bool:
    return any(data[name] not in (None, "") for name in FILTERS)


def hit_rows(results, link, portal_by_id=None) -> list[dict]:
    """The hits as the template shows them. ``link(url, site_id)`` is the address a
    reader follows; with ``portal_by_id`` each hit names its portal."""
    rows = []
    for hit in results.hits:
        entry = hit.entry
        portal = ""
        if portal_by_id is not None:
            owner = portal_by_id.get(entry.site_id)
            portal = owner.name if owner is not None else hit.site_name
        rows.append(
            {
                "title_html": hit.title_html,
                "snippet_html": hit.snippet_html,
                "url": link(entry.url, entry.site_id),
                "date": entry.date,
                "section": hit.section_title,
                "portal": portal,
                "kind": hit.kind_label,
            }
        )
    return rows


def city_wide_fallback(query: SearchQuery, results, section_id):
    """The first city-wide results when a component portal found nothing, or None.

    Much of what concerns a district is published by the city portal (the demo's
    seed article is): rather than an empty page, the reader sees those under their
    own heading. Not when the reader chose one of the portal's own sections."""
    if results.total or results.parsed.is_empty or section_id is not None:
        return None
    wider = search(replace(query, site_ids=None, page=1))
    return wider if wider.total else None
