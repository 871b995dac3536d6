"""The public lists of projects, research and plans: filters, facet counts, pages.

Each filter is a query parameter with a Vietnamese name read by
``congtin.core.params``: a value that cannot be right raises ``BadParameter`` (the
project's 400 page with the message); the page number is never an error. Facets and
their counts come from ``congtin.core.facets``, as in the documents' list.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator

from congtin.core import chrome
from congtin.core import facets as facet_lists
from congtin.core import params as query
from congtin.core.facets import FacetSpec

from .models import PlanningDocumentPage, ProjectPage, ResearchProjectPage
from .vocab import CapitalSource, PlanKind, ProjectStatus, ResearchLevel, ResearchStatus


@dataclass(frozen=True)
class Listing:
    model: Any  # a page model
    facets: Sequence[FacetSpec]
    ordering: tuple[str, ...]
    # Years are read by query.year; every other facet is one of its choices.
    year_facets: tuple[str, ...] = ("nam",)
    prefetch: tuple[str, ...] = ()

    def parse_filters(self, params) -> dict:
        """{field: value}; BadParameter for any value that cannot be right."""
        filters: dict = {}
        for spec in self.facets:
            value: int | str | None
            if spec.key in self.year_facets:
                value = query.year(params, spec.key, spec.label)
            else:
                value = (
                    query.choice(
                        params,
                        spec.key,
                        spec.choices,
                        spec.label,
                        message=f"{spec.label} không hợp lệ: “{{value}}”.",
                    )
                    or None
                )
            if value is not None:
                filters[spec.field] = value
        return filters

    def items_under(self, index_page):
        return self.model.objects.live().public().descendant_of(index_page)

    def chosen(self, index_page, filters: dict):
        items = facet_lists.apply(self.items_under(index_page), filters)
        return items.order_by(*self.ordering).prefetch_related(*self.prefetch)

    def facet_counts(self, index_page, base, filters: dict) -> dict:
        # Kept with the page chrome, whose version moves on whenever a page is
        # published, unpublished, moved or deleted.
        chosen = repr(sorted(filters.items()))
        key = hashlib.md5(
            f"{index_page.pk}:{chosen}".encode(), usedforsecurity=False
        ).hexdigest()
        return chrome.cached(
            f"{self.model._meta.model_name}-facets",
            key,
            lambda: facet_lists.count_values(base, filters, self.facets),
        )

    def context(self, index_page, request) -> dict:
        params = {k: request.GET.get(k, "") for k in request.GET}
        filters = self.parse_filters(request.GET)
        base = self.items_under(index_page)
        paginator = Paginator(self.chosen(index_page, filters), index_page.per_page)
        page_obj = paginator.get_page(query.page_number(request.GET))
        counts = self.facet_counts(index_page, base, filters)
        return {
            "items": page_obj,
            "facets": facet_lists.build(self.facets, counts, filters, params),
            "filters": filters,
            "total": paginator.count,
            "any_filter": bool(filters),
            # The export keeps the filters the list applied, nothing else (not the
            # page number, nor a parameter it does not know).
            "query_string": urlencode(
                [
                    (spec.key, request.GET[spec.key])
                    for spec in self.facets
                    if spec.field in filters
                ]
            ),
        }


PROJECTS = Listing(
    model=ProjectPage,
    facets=(
        FacetSpec("tinh-trang", "Tình trạng", "status", dict(ProjectStatus.choices)),
        FacetSpec(
            "nguon-von", "Nguồn vốn", "capital_source", dict(CapitalSource.choices)
        ),
        FacetSpec("nam", "Năm bắt đầu", "start_year", newest_first=True),
    ),
    ordering=("-start_year", "title", "pk"),
    prefetch=("packages",),
)
RESEARCH = Listing(
    model=ResearchProjectPage,
    facets=(
        FacetSpec("cap", "Cấp quản lý", "level", dict(ResearchLevel.choices)),
        FacetSpec("tinh-trang", "Tình trạng", "status", dict(ResearchStatus.choices)),
        FacetSpec("nam", "Năm bắt đầu", "start_year", newest_first=True),
    ),
    ordering=("-start_year", "title", "pk"),
)
PLANNING = Listing(
    model=PlanningDocumentPage,
    facets=(
        FacetSpec("loai", "Loại", "kind", dict(PlanKind.choices)),
        FacetSpec("nam", "Từ năm", "start_year", newest_first=True),
    ),
    ordering=("-start_year", "kind", "title", "pk"),
)
LISTINGS = {"projects": PROJECTS, "research": RESEARCH, "planning": PLANNING}
