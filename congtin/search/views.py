"""The public search page (/tim-kiem/) and its suggestions (/tim-kiem/goi-y/).

Scope: the city portal (the default site) searches every portal and lets the reader
narrow to one (``cong``); a component portal searches itself and widens to the whole
city with ``pham-vi=thanh-pho``.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from congtin.core import chrome
from congtin.core.models import AgencySettings
from congtin.portals.sites import portal_for_request, root_of

from . import services
from .engine import MAX_PAGE, search, suggest
from .forms import (
    DEFAULT_SORT,
    SCOPE_CITY,
    Portal,
    SearchForm,
    Section,
    clean_text,
)
from .registry import section_models, sources

SUGGESTION_LIMIT = 8
# Suggestions are asked for at every pause in typing; a long text is not a title
# being typed, and the engine reads only the start of it anyway.
MAX_SUGGEST_LENGTH = 100


# -- Portals and sections ------------------------------------------------------------


def _build_portals() -> list[Portal]:
    names = dict(
        AgencySettings.objects.exclude(agency_name="").values_list(
            "site_id", "agency_name"
        )
    )
    sites = Site.objects.select_related("root_page").order_by(
        "-is_default_site", "site_name", "hostname"
    )
    return [
        Portal(
            id=site.pk,
            name=names.get(site.pk) or site.site_name or site.hostname,
            root_url=site.root_url,
            root_path=site.root_page.path,
        )
        for site in sites
    ]


def _build_sections() -> list[Section]:
    roots = [(p.root_path, p.id) for p in portals()]
    sections = []
    rows = sorted(
        (
            row
            for model in section_models()
            for row in model.objects.live()
            .public()
            .values_list("pk", "title", "path", "depth")
        ),
        key=lambda row: row[2],
    )
    for pk, title, path, depth in rows:
        owner = root_of(path, roots)
        if owner is None:
            continue
        root_path, site_id = owner
        level = depth - len(root_path) // Page.steplen - 1
        sections.append(Section(pk, title, max(0, level), site_id))
    return sections


def portals() -> list[Portal]:
    """Every portal, the city (default site) first; cached until the next publish."""
    return chrome.cached("search-portals", "all", _build_portals)


def sections() -> list[Section]:
    """Live news sections of every portal, in tree order; cached like ``portals``."""
    return chrome.cached("search-sections", "all", _build_sections)


@dataclass
class Scope:
    """Which portals a request searches, before the reader's own filters."""

    site: Site | None
    is_city_portal: bool
    widened: bool
    portals: list[Portal] = field(default_factory=list)  # the portals searched
    portal_by_id: dict[int, Portal] = field(default_factory=dict)  # every portal

    @property
    def city_wide(self) -> bool:
        return self.is_city_portal or self.widened

    def site_ids(self, chosen_portal: int | None = None):
        if self.city_wide:
            return None if chosen_portal is None else (chosen_portal,)
        assert self.site is not None  # a component portal always has its site
        return (self.site.pk,)


def scope_for(request) -> Scope:
    portal = portal_for_request(request)
    site = portal.site if portal is not None else None
    is_city = portal is None or portal.is_city
    widened = not is_city and request.GET.get("pham-vi") == SCOPE_CITY
    everything = portals()
    searched = (
        everything
        if is_city or widened
        else [p for p in everything if site is not None and p.id == site.pk]
    )
    return Scope(
        site=site,
        is_city_portal=is_city,
        widened=widened,
        portals=searched,
        portal_by_id={portal.id: portal for portal in everything},
    )


def reader_url(url: str, site_id, scope: Scope) -> str:
    """The link a reader of this portal follows to a result.

    A path of another portal gets that portal's address; an address on this very
    portal becomes a path, so it works on whatever host and port serve the page.
    """
    url = url or ""
    by_id = scope.portal_by_id
    current = by_id.get(scope.site.pk) if scope.site else None
    if url.startswith("/") and not url.startswith("//"):
        owner = by_id.get(site_id)
        if owner is not None and current is not None and owner.id != current.id:
            return owner.root_url + url
        return url
    if current is not None and url.startswith(current.root_url + "/"):
        return url[len(current.root_url) :]
    if url.startswith(("http://", "https://")):
        return url
    return "#"


# -- Views ---------------------------------------------------------------------------


@require_safe
def results(request):
    scope = scope_for(request)
    searched_ids = {portal.id for portal in scope.portals}
    form = SearchForm(
        request.GET,
        kinds=[(source.kind, source.label) for source in sources()],
        portals=scope.portals,
        sections=[s for s in sections() if s.site_id in searched_ids],
    )
    valid = form.is_valid()
    text = form.cleaned_data.get("q", "")
    context = {
        "form": form,
        "scope": scope,
        "fields": {name.replace("-", "_"): form[name] for name in form.fields},
        "show_portal_filter": scope.city_wide and len(scope.portals) > 1,
        "page_title": f"Tìm kiếm: {text[:80]}" if text else "Tìm kiếm",
        "text": text,
    }
    if not valid:
        context["invalid"] = True
        return render(request, "search/results.html", context, status=400)
    if not text:
        return render(request, "search/results.html", context)

    data = form.cleaned_data
    params = form.query_params()
    scope_params = [("pham-vi", SCOPE_CITY)] if scope.widened else []
    query = services.build_query(form, text, scope.site_ids(data["cong"]))
    res = search(query)
    has_filters = services.has_filters(data)
    last_page = min(res.num_pages, MAX_PAGE)

    def link(url, site_id):
        return reader_url(url, site_id, scope)

    context.update(
        results=res,
        total_text=services.total_text(res),
        first_number=(res.page - 1) * res.per_page + 1,
        hits=services.hit_rows(
            res, link, scope.portal_by_id if scope.city_wide else None
        ),
        pages=services.page_numbers(res.page, last_page) if last_page > 1 else [],
        last_page=last_page,
        query_string=urlencode(params),
        unfiltered_url="?" + urlencode([("q", text), *scope_params]),
        has_filters=has_filters,
        filters_active=has_filters or form.sort != DEFAULT_SORT,
    )
    if not scope.city_wide:
        context["widen_url"] = "?" + urlencode([*params, ("pham-vi", SCOPE_CITY)])
        wider = services.city_wide_fallback(query, res, data["chuyen-muc"])
        if wider is not None:
            context.update(
                city_results=wider,
                city_total_text=services.total_text(wider),
                city_hits=services.hit_rows(wider, link, scope.portal_by_id),
            )
    return render(request, "search/results.html", context)


@require_safe
def suggestions(request):
    """{"suggestions": [{"title", "url"}]}: titles starting like the text typed."""
    scope = scope_for(request)
    text = clean_text(request.GET.get("q", ""))[:MAX_SUGGEST_LENGTH]
    items = (
        suggest(text, site_ids=scope.site_ids(), limit=SUGGESTION_LIMIT) if text else []
    )
    return JsonResponse(
        {
            "suggestions": [
                {"title": item["title"], "url": reader_url(item["url"], None, scope)}
                for item in items
            ]
        },
        json_dumps_params={"ensure_ascii": False},
    )
