"""The public list of a portal's documents: filters, facet counts, sort, pages.

Every filter is a query-string parameter with a Vietnamese name, read with
``congtin.core.params``: a value that cannot be right (an unknown type or status, a
year that is not a year) raises ``BadParameter``, which Django answers with the
project's 400 page and the message. The page number is never an error. Each facet
counts the documents that choosing that value would list, given the other filters
(its own filter left out).
"""

import hashlib
from typing import Any

from django.core.paginator import Paginator
from django.db.models.functions import ExtractYear

from congtin.core import chrome
from congtin.core import facets as facet_lists
from congtin.core import params as query
from congtin.core.facets import Facet, FacetSpec, query_url

from .models import LegalDocumentPage
from .status import annotate_status, today
from .vocab import DocumentType, Status

MAX_TEXT = 255
SORTS = {"moi-nhat": "Mới nhất", "cu-nhat": "Cũ nhất"}
DEFAULT_SORT = "moi-nhat"

FACETS = [
    FacetSpec(
        "loai", "Loại văn bản", "doc_type", dict(DocumentType.choices), text=True
    ),
    FacetSpec("co-quan", "Cơ quan ban hành", "issuing_body", text=True),
    FacetSpec("linh-vuc", "Lĩnh vực", "field", text=True),
    FacetSpec("nam", "Năm ban hành", "year", newest_first=True),
    FacetSpec("hieu-luc", "Tình trạng hiệu lực", "status_code", dict(Status.choices)),
]


def parse_filters(params) -> dict:
    """The filters as {field: value}; BadParameter for any value that cannot be right."""
    filters: dict[str, Any] = {}
    kind = query.choice(
        params,
        "loai",
        DocumentType.values,
        "Loại văn bản",
        message="Loại văn bản không hợp lệ: “{value}”.",
    )
    if kind:
        filters["doc_type"] = kind
    body = query.text(params, "co-quan", "Cơ quan ban hành", MAX_TEXT)
    if body:
        filters["issuing_body"] = body
    field = query.text(params, "linh-vuc", "Lĩnh vực", MAX_TEXT)
    if field:
        filters["field"] = field
    year = query.year(params, "nam", "Năm ban hành")
    if year is not None:
        filters["year"] = year
    status = query.choice(
        params,
        "hieu-luc",
        Status.values,
        "Tình trạng hiệu lực",
        message="Tình trạng hiệu lực không hợp lệ: “{value}”.",
    )
    if status:
        filters["status_code"] = status
    return filters


def documents_under(index_page):
    queryset = LegalDocumentPage.objects.live().public().descendant_of(index_page)
    return annotate_status(queryset).annotate(year=ExtractYear("issue_date"))


def facet_counts(index_page, base, filters: dict) -> dict[str, list[tuple]]:
    """(value, count) of each facet's values, by field: one query per facet.

    Kept with the page chrome (``core.chrome``), whose version moves on when any
    page is published, unpublished, moved or deleted, and per day, since a
    document's status follows the date.
    """

    def build():
        return facet_lists.count_values(base, filters, FACETS)

    chosen = repr(sorted(filters.items()))
    key = hashlib.md5(
        f"{index_page.pk}:{today().isoformat()}:{chosen}".encode(),
        usedforsecurity=False,
    ).hexdigest()
    return chrome.cached("document-facets", key, build)


def facets(index_page, base, filters: dict, params: dict) -> list[Facet]:
    counts = facet_counts(index_page, base, filters)
    return facet_lists.build(FACETS, counts, filters, params)


def listing_context(index_page, request) -> dict:
    params = {k: request.GET.get(k, "") for k in request.GET}
    filters = parse_filters(request.GET)
    sort = query.choice(
        request.GET,
        "sap-xep",
        SORTS,
        "Sắp xếp",
        default=DEFAULT_SORT,
        message="Cách sắp xếp không hợp lệ (chọn “Mới nhất” hoặc “Cũ nhất”).",
    )

    base = documents_under(index_page)
    ordering = ("-issue_date", "-pk") if sort == "moi-nhat" else ("issue_date", "pk")
    chosen = facet_lists.apply(base, filters).order_by(*ordering)
    paginator = Paginator(chosen, index_page.per_page)
    page_obj = paginator.get_page(query.page_number(request.GET))
    return {
        "documents": page_obj,
        "facets": facets(index_page, base, filters, params),
        "filters": filters,
        "sorts": [
            {
                "value": v,
                "label": label,
                "selected": v == sort,
                "url": query_url(params, **{"sap-xep": v}),
            }
            for v, label in SORTS.items()
        ],
        "sort": sort,
        "total": paginator.count,
        "any_filter": bool(filters),
    }
