"""The public list of a portal's documents: filters, facet counts, sort, pages.

Every filter is a query-string parameter with a Vietnamese name, read with
``congtin.core.params``: a value that cannot be right (an unknown type or status, a
year that is not a year) raises ``BadParameter``, which Django answers with the
project's 400 page and the message. The page number is never an error. Each facet
counts the documents that choosing that value would list, given the other filters
(its own filter left out).
"""

import hashlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import ExtractYear

from congtin.core import chrome
from congtin.core import params as query

from .models import LegalDocumentPage
from .status import annotate_status, today
from .vocab import DocumentType, Status

MAX_TEXT = 255
SORTS = {"moi-nhat": "Mới nhất", "cu-nhat": "Cũ nhất"}
DEFAULT_SORT = "moi-nhat"


@dataclass
class Facet:
    key: str  # the query parameter
    label: str
    field: str  # the queryset value grouped on
    options: list


FACETS = [
    ("loai", "Loại văn bản", "doc_type"),
    ("co-quan", "Cơ quan ban hành", "issuing_body"),
    ("linh-vuc", "Lĩnh vực", "field"),
    ("nam", "Năm ban hành", "year"),
    ("hieu-luc", "Tình trạng hiệu lực", "status_code"),
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


def _apply(queryset, filters: dict, skip: str | None = None):
    return queryset.filter(**{k: v for k, v in filters.items() if k != skip})


def _url(params: dict, **changes) -> str:
    merged = {k: v for k, v in params.items() if v not in ("", None)}
    for key, value in changes.items():
        if value in ("", None):
            merged.pop(key, None)
        else:
            merged[key] = value
    merged.pop("trang", None)
    return "?" + urlencode(merged) if merged else "?"


def _labels(field: str):
    if field == "doc_type":
        return dict(DocumentType.choices)
    if field == "status_code":
        return dict(Status.choices)
    return {}


def facet_counts(index_page, base, filters: dict) -> dict[str, list[tuple]]:
    """(value, count) of each facet's values, by field: one query per facet.

    Kept with the page chrome (``core.chrome``), whose version moves on when any
    page is published, unpublished, moved or deleted, and per day, since a
    document's status follows the date.
    """

    def build():
        counts = {}
        for _key, _label, field in FACETS:
            rows = (
                _apply(base, filters, skip=field)
                .exclude(**{field: ""} if field not in ("year", "status_code") else {})
                .order_by()
                .values(field)
                .annotate(n=Count("pk"))
            )
            counts[field] = [(row[field], row["n"]) for row in rows]
        return counts

    chosen = repr(sorted(filters.items()))
    key = hashlib.md5(
        f"{index_page.pk}:{today().isoformat()}:{chosen}".encode(),
        usedforsecurity=False,
    ).hexdigest()
    return chrome.cached("document-facets", key, build)


def facets(index_page, base, filters: dict, params: dict) -> list[Facet]:
    result = []
    counts = facet_counts(index_page, base, filters)
    for key, label, field in FACETS:
        labels = _labels(field)
        rows = list(counts[field])
        if field == "year":
            rows.sort(key=lambda r: -r[0])
        elif labels:  # choices keep their declared order
            order = list(labels)
            rows.sort(key=lambda r: order.index(r[0]) if r[0] in order else 99)
        else:
            rows.sort(key=lambda r: r[0])
        selected = filters.get(field)
        options = [
            {
                "value": value,
                "label": labels.get(value, str(value)),
                "count": n,
                "selected": value == selected,
                "url": _url(params, **{key: "" if value == selected else value}),
            }
            for value, n in rows
        ]
        if selected is not None and not any(o["selected"] for o in options):
            options.append(
                {
                    "value": selected,
                    "label": labels.get(selected, str(selected)),
                    "count": 0,
                    "selected": True,
                    "url": _url(params, **{key: ""}),
                }
            )
        result.append(Facet(key, label, field, options))
    return result


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
    chosen = _apply(base, filters).order_by(*ordering)
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
                "url": _url(params, **{"sap-xep": v}),
            }
            for v, label in SORTS.items()
        ],
        "sort": sort,
        "total": paginator.count,
        "any_filter": bool(filters),
    }
