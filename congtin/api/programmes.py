"""Projects with their bidding packages, research programmes and strategies, plans
(``congtin.programmes``) as the portal's open data. The filters are those of the
public lists (``listing.LISTINGS``: same names, same values, same parser).

A research project's lead person (chủ nhiệm) is not given: the organisation that
leads it is what the open data is about.
"""

from django.db.models import Prefetch
from ninja import Router

from congtin.core import facets as facet_lists
from congtin.programmes.listing import PLANNING, PROJECTS, RESEARCH
from congtin.programmes.models import (
    PlanningDocumentPage,
    PlanningFile,
    PlanningMap,
    ProjectDecision,
    ProjectPage,
    ResearchProjectPage,
    ResearchResultFile,
)
from congtin.programmes.vocab import (
    CapitalSource,
    PackageResult,
    PlanKind,
    ProjectStatus,
    ResearchLevel,
    ResearchStatus,
    SelectionMethod,
)

from . import cursor, filters, schemas
from .endpoints import ERRORS, Cursor, Limit, _param, detail_of, next_url, portal, under
from .opendata import document_file

router = Router(tags=["Dự án, đề tài, quy hoạch"])


def _labels(choices) -> dict:
    return dict(choices.choices)


_PROJECT_STATUSES = _labels(ProjectStatus)
_CAPITAL = _labels(CapitalSource)
_METHODS = _labels(SelectionMethod)
_RESULTS = _labels(PackageResult)
_LEVELS = _labels(ResearchLevel)
_RESEARCH_STATUSES = _labels(ResearchStatus)
_KINDS = _labels(PlanKind)


def _choice(name: str, label: str, choices):
    return _param(name, f"{label}: {', '.join(choices.values)}.")


StartYear = _param("nam", "Năm bắt đầu, ví dụ 2026.")


def _listed(listing, site, request):
    """This portal's live items, filtered as the public list filters them."""
    items = under(listing.model.objects.all(), site)
    return facet_lists.apply(items, listing.parse_filters(request.GET))


def _page_of(request, listing, site, name: str, row):
    found = filters.common(request.GET)
    items, token = cursor.page(
        _listed(listing, site, request).prefetch_related(*listing.prefetch),
        name,
        list(listing.ordering),
        found.cursor,
        found.limit,
    )
    return {"items": [row(request, i) for i in items], "next": next_url(request, token)}


def _period(page) -> dict:
    return {"start_year": page.start_year, "end_year": page.end_year}


# --- Projects and bidding packages ---------------------------------------------------


def _project_row(request, project) -> dict:
    return {
        "id": project.pk,
        "title": project.title,
        "investor": project.investor,
        "location": project.location,
        "total_investment": project.total_investment,
        "capital_source": project.capital_source,
        "capital_source_label": _CAPITAL.get(project.capital_source, ""),
        **_period(project),
        "progress": project.progress,
        "status": project.status,
        "status_label": _PROJECT_STATUSES.get(project.status, ""),
        "package_count": len(project.packages.all()),
        "url": project.get_full_url(request),
    }


def _decision_row(request, decision) -> dict:
    document = decision.legal_document
    if document is not None and document.live:
        row = {
            "number": document.number,
            "issue_date": document.issue_date,
            "title": document.title,
            "document_id": document.pk,
            "document_url": document.get_full_url(request),
        }
    else:
        row = {
            "number": decision.number,
            "issue_date": decision.date,
            "title": decision.title,
            "document_id": None,
            "document_url": None,
        }
    row["file"] = document_file(request, decision.file) if decision.file else None
    return row


def _package_row(package) -> dict:
    return {
        "id": package.pk,
        "title": package.name,
        "selection_method": package.selection_method,
        "selection_method_label": _METHODS.get(package.selection_method, ""),
        "value": package.value,
        "invitation_date": package.invitation_date,
        "opening_date": package.opening_date,
        "award_date": package.award_date,
        "result": package.result,
        "result_label": _RESULTS.get(package.result, ""),
        "winner": package.winner,
        "award_value": package.award_value,
    }


@router.get(
    "/du-an/",
    response={200: schemas.ProjectPage, **ERRORS},
    summary="Dự án đầu tư, mua sắm công",
)
def project_list(
    request,
    status: str | None = _choice("tinh-trang", "Tình trạng", ProjectStatus),
    capital: str | None = _choice("nguon-von", "Nguồn vốn", CapitalSource),
    year: str | None = StartYear,
    limit: str | None = Limit,
    cursor_: str | None = Cursor,
):
    return _page_of(request, PROJECTS, portal(request), "projects", _project_row)


@router.get(
    "/du-an/{id:pk}/",
    response={200: schemas.Project, **ERRORS},
    summary="Một dự án với các quyết định và gói thầu",
)
def project_detail(request, pk: int):
    project = detail_of(
        under(ProjectPage.objects.all(), portal(request)).prefetch_related(
            "packages",
            Prefetch(
                "decisions",
                queryset=ProjectDecision.objects.select_related(
                    "legal_document", "file"
                ),
            ),
        ),
        pk,
    )
    return {
        **_project_row(request, project),
        "summary": project.summary,
        "note": project.note,
        "decisions": [_decision_row(request, d) for d in project.decisions.all()],
        "packages": [_package_row(p) for p in project.packages.all()],
    }


# --- Research ----------------------------------------------------------------------------


def _research_row(request, research) -> dict:
    return {
        "id": research.pk,
        "title": research.title,
        "code": research.code,
        "level": research.level,
        "level_label": _LEVELS.get(research.level, ""),
        "lead_organisation": research.lead_organisation,
        **_period(research),
        "budget": research.budget,
        "status": research.status,
        "status_label": _RESEARCH_STATUSES.get(research.status, ""),
        "url": research.get_full_url(request),
    }


@router.get(
    "/de-tai/",
    response={200: schemas.ResearchPage, **ERRORS},
    summary="Chương trình, đề tài khoa học",
)
def research_list(
    request,
    level: str | None = _choice("cap", "Cấp quản lý", ResearchLevel),
    status: str | None = _choice("tinh-trang", "Tình trạng", ResearchStatus),
    year: str | None = StartYear,
    limit: str | None = Limit,
    cursor_: str | None = Cursor,
):
    return _page_of(request, RESEARCH, portal(request), "research", _research_row)


@router.get(
    "/de-tai/{id:pk}/",
    response={200: schemas.Research, **ERRORS},
    summary="Một chương trình, đề tài khoa học với tệp kết quả",
)
def research_detail(request, pk: int):
    research = detail_of(
        under(ResearchProjectPage.objects.all(), portal(request)).prefetch_related(
            Prefetch(
                "files", queryset=ResearchResultFile.objects.select_related("file")
            )
        ),
        pk,
    )
    return {
        **_research_row(request, research),
        "summary": research.summary,
        "results": research.results,
        "note": research.note,
        "files": [
            document_file(request, f.file, f.caption) for f in research.files.all()
        ],
    }


# --- Strategies, master plans, plans -----------------------------------------------------


def _planning_row(request, plan) -> dict:
    document = plan.approval_document
    linked = document is not None and document.live
    return {
        "id": plan.pk,
        "title": plan.title,
        "kind": plan.kind,
        "kind_label": _KINDS.get(plan.kind, ""),
        **_period(plan),
        "approval_number": document.number if linked else plan.approval_number,
        "approval_date": document.issue_date if linked else plan.approval_date,
        "approving_body": plan.approving_body,
        "approval_document_id": document.pk if linked else None,
        "url": plan.get_full_url(request),
    }


@router.get(
    "/quy-hoach/",
    response={200: schemas.PlanningPage, **ERRORS},
    summary="Chiến lược, quy hoạch, kế hoạch",
)
def planning_list(
    request,
    kind: str | None = _choice("loai", "Loại", PlanKind),
    year: str | None = _param("nam", "Từ năm, ví dụ 2021."),
    limit: str | None = Limit,
    cursor_: str | None = Cursor,
):
    site = portal(request)
    listing = PLANNING
    found = filters.common(request.GET)
    items, token = cursor.page(
        _listed(listing, site, request).select_related("approval_document"),
        "planning",
        list(listing.ordering),
        found.cursor,
        found.limit,
    )
    return {
        "items": [_planning_row(request, p) for p in items],
        "next": next_url(request, token),
    }


@router.get(
    "/quy-hoach/{id:pk}/",
    response={200: schemas.Planning, **ERRORS},
    summary="Một chiến lược, quy hoạch, kế hoạch với tệp và bản đồ",
)
def planning_detail(request, pk: int):
    plan = detail_of(
        under(PlanningDocumentPage.objects.all(), portal(request))
        .select_related("approval_document")
        .prefetch_related(
            Prefetch("files", queryset=PlanningFile.objects.select_related("file")),
            Prefetch("maps", queryset=PlanningMap.objects.select_related("image")),
        ),
        pk,
    )
    document = plan.approval_document
    return {
        **_planning_row(request, plan),
        "approval_document_url": (
            document.get_full_url(request) if document and document.live else None
        ),
        "summary": plan.summary,
        "note": plan.note,
        "files": [document_file(request, f.file, f.caption) for f in plan.files.all()],
        "maps": [
            {
                "caption": m.caption,
                # The size the public page shows, made once by that page.
                "url": request.build_absolute_uri(
                    m.image.get_rendition("max-1200x900").url
                ),
            }
            for m in plan.maps.all()
        ],
    }
