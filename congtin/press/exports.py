"""A portal's press releases as CSV or XLSX (``xuat/csv/``, ``xuat/xlsx/``).

The list's year filter applies (``?nam=``; a value that is not a year is the
project's 400 page). One row per release, newest first. Text goes through
``core.spreadsheets``: a cell that a spreadsheet would run as a formula is written
as text; the CSV is UTF-8 with a byte order mark.
"""

from datetime import date

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

from congtin.core import params
from congtin.core.spreadsheets import csv_bytes, table_xlsx

from .listing import releases_under

HEADER = [
    "Ngày phát hành",
    "Số thông cáo",
    "Tiêu đề",
    "Tóm tắt",
    "Người phát ngôn",
    "Địa chỉ trang",
]
# Past any real portal's releases; a longer list is cut, never a slow request.
MAX_RELEASES = 5000
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def rows(releases, request) -> list[list]:
    return [HEADER] + [
        [
            release.date,
            release.number,
            release.title,
            release.summary,
            release.spokesperson.name if release.spokesperson else "",
            release.get_full_url(request),
        ]
        for release in releases
    ]


def _csv_cell(value):
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else str(value)


def export_xlsx(table: list[list]) -> bytes:
    return table_xlsx(table, "Thông cáo báo chí")


def export_response(index_page, request, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404("Chỉ có xuat/csv/ và xuat/xlsx/.")
    year = params.year(request.GET, "nam", "Năm")
    releases = releases_under(index_page)
    if year is not None:
        releases = releases.filter(date__year=year)
    table = rows(releases[:MAX_RELEASES], request)
    content = (
        csv_bytes(table, convert=_csv_cell) if fmt == "csv" else export_xlsx(table)
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = f"thong-cao-bao-chi-{index_page.get_parent().slug}"
    if year is not None:
        name += f"-{year}"
    response["Content-Disposition"] = (
        content_disposition_header(True, f"{name}.{fmt}") or "attachment"
    )
    return response
