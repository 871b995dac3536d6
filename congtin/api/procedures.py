"""Administrative procedures (``congtin.procedures``) as the portal's open data.

The list takes the public list's own filters (``linh-vuc``, ``cap``, ``muc-do``,
``tu-khoa``, read by ``procedures.listing.parse``) and keeps its order: by field,
then by name, "Đất đai" among the D's.
"""

from ninja import Router, Schema

from congtin.documents.models import LegalDocumentPage
from congtin.procedures import listing
from congtin.procedures.models import ProcedurePage
from congtin.procedures.vocab import Level, OnlineLevel

from . import cursor, filters
from .endpoints import (
    ERRORS,
    Cursor,
    Limit,
    Text,
    _param,
    detail_of,
    next_url,
    portal,
    under,
    with_text,
)

router = Router(tags=["Thủ tục hành chính"])

_ORDER = ["field_key", "field", "title_key", "pk"]


class ProcedureSummary(Schema):
    id: int
    code: str
    title: str
    field: str
    level: str
    level_label: str
    online_level: str
    online_level_label: str
    agency: str
    processing_time: str
    processing_days: int | None
    filing_url: str
    url: str


class ProcedurePaper(Schema):
    title: str
    originals: int
    copies: int
    count_label: str


class ProcedureBasis(Schema):
    text: str
    document_id: int | None
    document_url: str | None


class Procedure(ProcedureSummary):
    fees: str
    steps: list[str]
    result: str
    note: str
    papers: list[ProcedurePaper]
    legal_bases: list[ProcedureBasis]


class ProcedureListPage(Schema):
    """A page of the list; ``next`` is the address of the following page, or null."""

    items: list[ProcedureSummary]
    next: str | None


def _procedures(site):
    return under(ProcedurePage.objects.all(), site).filter(alias_of__isnull=True)


def _row(request, procedure) -> dict:
    return {
        "id": procedure.pk,
        "code": procedure.code,
        "title": procedure.title,
        "field": procedure.field,
        "level": procedure.level,
        "level_label": procedure.level_label,
        "online_level": procedure.online_level,
        "online_level_label": procedure.online_label,
        "agency": procedure.agency,
        "processing_time": procedure.processing_time,
        "processing_days": procedure.processing_days,
        "filing_url": procedure.filing_url,
        "url": procedure.get_full_url(request),
    }


@router.get(
    "/thu-tuc-hanh-chinh/",
    response={200: ProcedureListPage, **ERRORS},
    summary="Thủ tục hành chính",
)
def procedure_list(
    request,
    field: str | None = _param("linh-vuc", "Lĩnh vực, ví dụ Hộ tịch."),
    level: str | None = _param(
        "cap", "Cấp thực hiện: " + ", ".join(Level.values) + "."
    ),
    online: str | None = _param(
        "muc-do", "Mức độ dịch vụ công trực tuyến: " + ", ".join(OnlineLevel.values)
    ),
    words: str | None = _param(
        "tu-khoa", "Từ khóa trong tên, mã, lĩnh vực, cơ quan (như trang danh sách)."
    ),
    text: str | None = Text,
    limit: str | None = Limit,
    cursor_: str | None = Cursor,
):
    site = portal(request)
    found = filters.common(request.GET)
    # The public list's reader; its export switch has no meaning here.
    query = request.GET.copy()
    query.pop("xuat", None)
    chosen = listing.parse(query)
    procedures = _procedures(site).filter(**chosen.filters)
    for word in chosen.words:
        procedures = procedures.filter(folded__contains=word)
    procedures = with_text(procedures, found, "procedures.procedure", site)
    items, token = cursor.page(
        procedures, "procedures", _ORDER, found.cursor, found.limit
    )
    return {
        "items": [_row(request, p) for p in items],
        "next": next_url(request, token),
    }


@router.get(
    "/thu-tuc-hanh-chinh/{id:pk}/",
    response={200: Procedure, **ERRORS},
    summary="Một thủ tục hành chính (thành phần hồ sơ, trình tự, căn cứ pháp lý)",
)
def procedure_detail(request, pk: int):
    site = portal(request)
    procedure = detail_of(
        _procedures(site).prefetch_related("papers", "bases__document"), pk
    )
    bases = list(procedure.bases.all())
    # A basis links to its document only while that page is published and public.
    documents = {
        d.pk: d
        for d in LegalDocumentPage.objects.live()
        .public()
        .filter(pk__in=[b.document_id for b in bases if b.document_id])
    }
    return {
        **_row(request, procedure),
        "fees": procedure.fees,
        "steps": procedure.step_lines,
        "result": procedure.result,
        "note": procedure.note,
        "papers": [
            {
                "title": p.name,
                "originals": p.originals,
                "copies": p.copies,
                "count_label": p.count_label,
            }
            for p in procedure.papers.all()
        ],
        "legal_bases": [
            {
                "text": b.label,
                "document_id": b.document_id if b.document_id in documents else None,
                "document_url": (
                    documents[b.document_id].get_full_url(request)
                    if b.document_id in documents
                    else None
                ),
            }
            for b in bases
            if b.label
        ],
    }
