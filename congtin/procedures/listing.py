"""The public list of a portal's procedures: filters, facet counts, text, pages,
and the same list as CSV or XLSX.

Every filter is a query-string parameter with a Vietnamese name, read with
``congtin.core.params``: a value that cannot be right (a level or service level not
offered, over-long text, control characters) raises ``BadParameter``, which Django
answers with the project's 400 page and the message. The page number is never an
error. Each facet counts the procedures that choosing that value would list, given
the other filters (its own left out).

The text filter (``tu-khoa``) folds the query as ``core.vietnamese.fold`` does and
keeps the procedures whose folded name, code, field and agency hold every word, so
"dat dai", "Đất Đai" and "đất đai" find the same procedures.
"""

import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.utils.http import content_disposition_header

from congtin.core import chrome
from congtin.core import params as query
from congtin.core.vietnamese import fold

from . import exchange
from .models import ProcedurePage
from .vocab import Level, OnlineLevel

MAX_TEXT = 255
MAX_QUERY = 200
MAX_WORDS = 12
# Parameters that belong to one view of the list, not to the filters it keeps.
PER_VIEW = ("trang", "xuat")
EXPORTS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# (parameter, label, model field)
FACETS = [
    ("linh-vuc", "Lĩnh vực", "field"),
    ("muc-do", "Mức độ dịch vụ công", "online_level"),
    ("cap", "Cấp thực hiện", "level"),
]
LABELS = {"level": dict(Level.choices), "online_level": dict(OnlineLevel.choices)}
# Every parameter the list reads.
KNOWN = {key for key, _, _ in FACETS} | {"tu-khoa", *PER_VIEW}


@dataclass
class Chosen:
    """What the query string asks for, checked."""

    filters: dict = field(default_factory=dict)
    text: str = ""
    export: str = ""

    @property
    def words(self) -> list[str]:
        return fold(self.text).split()[:MAX_WORDS]


def parse(params) -> Chosen:
    """The request's filters; BadParameter for any value that cannot be right."""
    chosen = Chosen()
    value = query.text(params, "linh-vuc", "Lĩnh vực", MAX_TEXT)
    if value:
        chosen.filters["field"] = value
    value = query.choice(
        params,
        "cap",
        Level.values,
        "Cấp thực hiện",
        message="Cấp thực hiện không hợp lệ: “{value}” (chọn cấp tỉnh, huyện hoặc xã).",
    )
    if value:
        chosen.filters["level"] = value
    value = query.choice(
        params,
        "muc-do",
        OnlineLevel.values,
        "Mức độ dịch vụ công",
        message="Mức độ dịch vụ công trực tuyến không hợp lệ: “{value}”.",
    )
    if value:
        chosen.filters["online_level"] = value
    chosen.text = query.text(params, "tu-khoa", "Từ khóa", MAX_QUERY)
    chosen.export = query.choice(
        params,
        "xuat",
        EXPORTS,
        "Tải về",
        message="Chỉ tải về được dạng csv hoặc xlsx, không có “{value}”.",
    )
    return chosen


def procedures_under(index_page):
    return ProcedurePage.objects.live().public().descendant_of(index_page)


def _apply(queryset, chosen: Chosen, skip: str | None = None):
    queryset = queryset.filter(**{k: v for k, v in chosen.filters.items() if k != skip})
    for word in chosen.words:
        queryset = queryset.filter(folded__contains=word)
    return queryset


def chosen_procedures(index_page, chosen: Chosen):
    """The filtered list, grouped by field, then by name."""
    return _apply(procedures_under(index_page), chosen).order_by(
        # Fields that fold alike ("Hộ tịch", "Hộ Tịch") stay apart, each one group.
        "field_key",
        "field",
        "title_key",
        "pk",
    )


def _url(params: dict, **changes) -> str:
    merged = {
        k: v for k, v in params.items() if v not in ("", None) and k not in PER_VIEW
    }
    for key, value in changes.items():
        if value in ("", None):
            merged.pop(key, None)
        else:
            merged[key] = value
    return "?" + urlencode(merged) if merged else "?"


def facet_counts(index_page, chosen: Chosen) -> dict[str, list[tuple]]:
    """(value, count) of each facet's values, by field: one query per facet.

    Kept with the page chrome (``core.chrome``), whose version moves on when any
    page is published, unpublished, moved or deleted.
    """

    def build():
        base = procedures_under(index_page)
        counts = {}
        for _key, _label, name in FACETS:
            rows = (
                _apply(base, chosen, skip=name)
                .exclude(**{name: ""})
                .order_by()
                .values(name)
                .annotate(n=Count("pk"))
            )
            counts[name] = [(row[name], row["n"]) for row in rows]
        return counts

    key = hashlib.md5(
        f"{index_page.pk}:{sorted(chosen.filters.items())!r}:{chosen.words!r}".encode(),
        usedforsecurity=False,
    ).hexdigest()
    return chrome.cached("procedure-facets", key, build)


def facets(index_page, chosen: Chosen, params: dict) -> list[dict]:
    result = []
    counts = facet_counts(index_page, chosen)
    for key, label, name in FACETS:
        labels = LABELS.get(name, {})
        rows = list(counts[name])
        if labels:  # choices keep their declared order
            order = list(labels)
            rows.sort(key=lambda r: order.index(r[0]) if r[0] in order else 99)
        else:
            rows.sort(key=lambda r: fold(r[0]))
        selected = chosen.filters.get(name)
        options = [
            {
                "value": value,
                "label": labels.get(value, value),
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
                    "label": labels.get(selected, selected),
                    "count": 0,
                    "selected": True,
                    "url": _url(params, **{key: ""}),
                }
            )
        result.append({"key": key, "label": label, "options": options})
    return result


def listing_context(index_page, request, chosen: Chosen) -> dict:
    # Only the list's own parameters are carried into its links and export: an
    # unknown one (anything a link elsewhere appended) is left behind.
    params = {k: request.GET.get(k, "") for k in request.GET if k in KNOWN}
    paginator = Paginator(chosen_procedures(index_page, chosen), index_page.per_page)
    page_obj = paginator.get_page(query.page_number(request.GET))
    return {
        "procedures": page_obj,
        "facets": facets(index_page, chosen, params),
        "text": chosen.text,
        "hidden_filters": [
            (k, v) for k, v in params.items() if k not in ("tu-khoa", "trang", "xuat")
        ],
        "total": paginator.count,
        "any_filter": bool(chosen.filters or chosen.text),
        "export_csv": _url(params, xuat="csv"),
        "export_xlsx": _url(params, xuat="xlsx"),
    }


def export_response(index_page, chosen: Chosen) -> HttpResponse:
    """The filtered list (every page of it) as a file the import reads back."""
    procedures = chosen_procedures(index_page, chosen).prefetch_related(
        "papers", "bases__document"
    )
    rows = exchange.export_rows(procedures)
    if chosen.export == "xlsx":
        content = exchange.export_xlsx(rows)
    else:
        content = exchange.export_csv(rows)
    response = HttpResponse(content, content_type=EXPORTS[chosen.export])
    # An ASCII name: the header is never None for it.
    response["Content-Disposition"] = (
        content_disposition_header(True, f"thu-tuc-hanh-chinh.{chosen.export}") or ""
    )
    return response
