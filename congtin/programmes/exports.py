"""The project list with its bidding packages as CSV or XLSX (``xuat/csv/``, ``xuat/xlsx/``).

The same filters as the list apply. One row per package, the project's columns
repeated (one row for a project without packages), so that a spreadsheet can sort
and filter on any column. Text goes through ``core.spreadsheets``: a cell that a
spreadsheet would run as a formula is written as text.
"""

import io
from datetime import date

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

from congtin.core.spreadsheets import csv_bytes, xlsx_row

from .listing import PROJECTS

HEADER = [
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
# Past any real portal's list; a longer one is cut, never a slow request.
MAX_PROJECTS = 5000
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def rows(projects, request) -> list[list]:
    result = [HEADER]
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


def _csv_cell(value):
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else str(value)


def export_xlsx(table: list[list]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Dự án và gói thầu"
    for row in table:
        sheet.append(xlsx_row(sheet, row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(cell.value, int) and cell.value >= 10_000:
                cell.number_format = "#,##0"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_response(index_page, request, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404("Chỉ có xuat/csv/ và xuat/xlsx/.")
    filters = PROJECTS.parse_filters(request.GET)
    projects = PROJECTS.chosen(index_page, filters)[:MAX_PROJECTS]
    table = rows(projects, request)
    content = (
        csv_bytes(table, convert=_csv_cell) if fmt == "csv" else export_xlsx(table)
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        content_disposition_header(True, f"du-an-{index_page.get_parent().slug}.{fmt}")
        or "attachment"
    )
    return response
