"""The public lists as CSV or XLSX (``xuat/csv/``, ``xuat/xlsx/`` under each list).

The same filters as the list apply (a bad value is the list's 400 page). Projects:
one row per package, the project's columns repeated (one row for a project without
packages), so that a spreadsheet can sort and filter on any column. Research and
plans: one row per item. Text goes through ``core.spreadsheets``: a cell that a
spreadsheet would run as a formula is written as text.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

from congtin.core.spreadsheets import csv_bytes, table_xlsx

from .listing import PLANNING, PROJECTS, RESEARCH, Listing

PROJECT_HEADER = [
    "Tên dự án",
    "Chủ đầu tư",
    "Địa điểm",
    "Tổng mức đầu tư (đồng)",
    "Nguồn vốn",
    "Năm bắt đầu",
    "Năm kết thúc",
    "Tiến độ (%)",
    "Tình trạng",
    "Gói thầu",
    "Hình thức lựa chọn nhà thầu",
    "Giá gói thầu (đồng)",
    "Ngày mời thầu",
    "Ngày mở thầu",
    "Ngày phê duyệt kết quả",
    "Kết quả",
    "Nhà thầu trúng thầu",
    "Giá trúng thầu (đồng)",
    "Địa chỉ trang",
]
RESEARCH_HEADER = [
    "Mã số",
    "Tên chương trình, đề tài",
    "Cấp quản lý",
    "Tổ chức chủ trì",
    "Chủ nhiệm",
    "Năm bắt đầu",
    "Năm kết thúc",
    "Kinh phí (đồng)",
    "Tình trạng",
    "Mục tiêu, nội dung",
    "Kết quả",
    "Địa chỉ trang",
]
PLANNING_HEADER = [
    "Loại",
    "Tên",
    "Từ năm",
    "Đến năm",
    "Số quyết định phê duyệt",
    "Ngày phê duyệt",
    "Cơ quan phê duyệt",
    "Nội dung chính",
    "Địa chỉ trang",
]
# Past any real portal's list; a longer one is cut, never a slow request.
MAX_ITEMS = 5000
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def project_rows(projects, request) -> list[list]:
    result = [PROJECT_HEADER]
    for project in projects:
        head = [
            project.title,
            project.investor,
            project.location,
            project.total_investment,
            project.capital_label,
            project.start_year,
            project.end_year,
            project.progress,
            project.status_label,
        ]
        url = project.get_full_url(request)
        packages = list(project.packages.all()) or [None]
        for package in packages:
            if package is None:
                result.append(head + [None] * 9 + [url])
                continue
            result.append(
                head
                + [
                    package.name,
                    package.method_label,
                    package.value,
                    package.invitation_date,
                    package.opening_date,
                    package.award_date,
                    package.result_label,
                    package.winner,
                    package.award_value,
                    url,
                ]
            )
    return result


def research_rows(items, request) -> list[list]:
    return [RESEARCH_HEADER] + [
        [
            item.code,
            item.title,
            item.level_label,
            item.lead_organisation,
            item.lead_person,
            item.start_year,
            item.end_year,
            item.budget,
            item.status_label,
            item.summary,
            item.results,
            item.get_full_url(request),
        ]
        for item in items
    ]


def planning_rows(items, request) -> list[list]:
    result = [PLANNING_HEADER]
    for item in items:
        # As the plan's page shows it: the live decision on the portal wins over
        # what was typed by hand; an unpublished one is not shown.
        document = item.approval_document
        if document is not None and document.live:
            approval = [document.number, document.issue_date, document.issuing_body]
        else:
            approval = [item.approval_number, item.approval_date, item.approving_body]
        result.append(
            [
                item.kind_label,
                item.title,
                item.start_year,
                item.end_year,
                *approval,
                item.summary,
                item.get_full_url(request),
            ]
        )
    return result


@dataclass(frozen=True)
class Export:
    listing: Listing
    rows: Callable[[Any, Any], list[list]]
    sheet_title: str
    file_prefix: str
    # Related rows fetched in one query each, not once per row.
    related: tuple[str, ...] = ()


EXPORTS = {
    "projects": Export(PROJECTS, project_rows, "Dự án và gói thầu", "du-an"),
    "research": Export(
        RESEARCH, research_rows, "Chương trình, đề tài", "chuong-trinh-de-tai"
    ),
    "planning": Export(
        PLANNING,
        planning_rows,
        "Chiến lược, quy hoạch",
        "quy-hoach-ke-hoach",
        related=("approval_document",),
    ),
}


def _csv_cell(value):
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else str(value)


def export_xlsx(table: list[list], title: str) -> bytes:
    return table_xlsx(table, title)


def export_response(index_page, request, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404("Chỉ có xuat/csv/ và xuat/xlsx/.")
    export = EXPORTS[index_page.listing_name]
    filters = export.listing.parse_filters(request.GET)
    chosen = export.listing.chosen(index_page, filters)
    items = chosen.prefetch_related(*export.related)[:MAX_ITEMS]
    table = export.rows(items, request)
    content = (
        csv_bytes(table, convert=_csv_cell)
        if fmt == "csv"
        else export_xlsx(table, export.sheet_title)
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        content_disposition_header(
            True, f"{export.file_prefix}-{index_page.get_parent().slug}.{fmt}"
        )
        or "attachment"
    )
    return response
