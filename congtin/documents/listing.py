"""The public list of a portal's documents: filters, facet counts, sort, pages.

Every filter is a query-string parameter with a Vietnamese name. A value that
cannot be right (an unknown type or status, a year that is not a year, a page
number that is not a number) raises :class:`BadFilter`, which the index page
answers with 400 and the message. Each facet counts the documents that choosing
that value would list, given the other filters (its own filter left out).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import ExtractYear

from congtin.core.vietnamese import nfc

from .models import LegalDocumentPage
from .status import annotate_status
from .vocab import DocumentType, Status

MAX_TEXT = 255
SORTS = {"moi-nhat": "Mới nhất", "cu-nhat": "Cũ nhất"}
DEFAULT_SORT = "moi-nhat"


class BadFilter(ValueError):
    """A filter value that cannot be right; the message is for the reader."""


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


def _text(value: str, what: str) -> str:
    value = nfc(value).strip()
    if len(value) > MAX_TEXT or any(ord(c) < 32 for c in value):
        raise BadFilter(f"Giá trị lọc “{what}” không hợp lệ.")
    return value


def parse_filters(params) -> dict:
    """The filters as {field: value}; BadFilter for any value that cannot be right."""
    filters = {}
    kind = params.get("loai", "").strip()
    if kind:
        if kind not in DocumentType.values:
            raise BadFilter("Loại văn bản không hợp lệ.")
        filters["doc_type"] = kind
    body = _text(params.get("co-quan", ""), "Cơ quan ban hành")
    if body:
        filters["issuing_body"] = body
    field = _text(params.get("linh-vuc", ""), "Lĩnh vực")
    if field:
        filters["field"] = field
    year = params.get("nam", "").strip()
    if year:
        if not year.isdigit() or not 1900 <= int(year) <= 2100:
            raise BadFilter("Năm ban hành phải là số năm có bốn chữ số, ví dụ 2021.")
        filters["year"] = int(year)
    status = params.get("hieu-luc", "").strip()
    if status:
        if status not in Status.values:
            raise BadFilter("Tình trạng hiệu lực không hợp lệ.")
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


def facets(base, filters: dict, params: dict) -> list[Facet]:
    result = []
    for key, label, field in FACETS:
        counts = (
            _apply(base, filters, skip=field)
            .exclude(**{field: ""} if field not in ("year", "status_code") else {})
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
        )
        labels = _labels(field)
        rows = [(row[field], row["n"]) for row in counts]
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
    sort = request.GET.get("sap-xep", "").strip() or DEFAULT_SORT
    if sort not in SORTS:
        raise BadFilter("Cách sắp xếp không hợp lệ (chọn “Mới nhất” hoặc “Cũ nhất”).")
    page_text = request.GET.get("trang", "1").strip() or "1"
    if not page_text.isdigit() or int(page_text) < 1:
        raise BadFilter("Số trang phải là số nguyên dương.")

    base = documents_under(index_page)
    ordering = ("-issue_date", "-pk") if sort == "moi-nhat" else ("issue_date", "pk")
    chosen = _apply(base, filters).order_by(*ordering)
    paginator = Paginator(chosen, index_page.per_page)
    number = int(page_text)
    if number > max(paginator.num_pages, 1):
        raise BadFilter(
            f"Không có trang {number}: danh sách chỉ có {paginator.num_pages} trang."
        )
    page_obj = paginator.page(number)
    query_without_page = urlencode(
        {k: v for k, v in params.items() if k != "trang" and v}
    )
    return {
        "documents": page_obj,
        "facets": facets(base, filters, params),
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
        "page_query": query_without_page,
        "any_filter": bool(filters),
    }
