"""The "Lượt truy cập" report (admin > Reports): one portal at a time, of the
portals the user works on, with CSV downloads of each table."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header

from congtin.core import params
from congtin.core.spreadsheets import csv_bytes
from congtin.portals.sites import short_name

from . import access, charts, reports

TITLE = "Lượt truy cập"
TABLES = {
    "ngay": "Lượt truy cập theo ngày",
    "trang": "Trang được xem nhiều nhất",
    "tu-khoa": "Từ khóa được tìm nhiều nhất",
    "khong-ket-qua": "Tìm kiếm không có kết quả",
}


def _chosen_site(request):
    sites = access.report_sites(request.user)
    if not sites:
        raise PermissionDenied
    chosen = params.integer(request.GET, "cong", "Cổng", 1, 2**63 - 1)
    if chosen is None:
        return sites, sites[0]
    for site in sites:
        if site.pk == chosen:
            return sites, site
    # Another portal's figures, or no such portal: the same answer for both.
    raise Http404


def report(request):
    sites, site = _chosen_site(request)
    name = short_name(site)
    days = reports.views_by_day(site.pk)
    return render(
        request,
        "visits/admin/report.html",
        {
            "page_title": TITLE,
            "sites": [(s, short_name(s)) for s in sites],
            "site": site,
            "portal_name": name,
            "days": list(reversed(days)),
            "days_total": sum(row.views for row in days),
            "chart": charts.views_chart(days, name),
            "pages": reports.top_pages(site),
            "queries": reports.top_queries(site.pk),
            "empty_queries": reports.top_queries(site.pk, only_empty=True),
            "tables": TABLES,
            "report_days": reports.REPORT_DAYS,
        },
    )


def report_csv(request):
    _, site = _chosen_site(request)
    table = params.choice(request.GET, "bang", tuple(TABLES), "Bảng")
    if not table:
        raise params.BadParameter("Hãy chọn bảng cần tải.", "bang")
    if table == "ngay":
        lines = [["Ngày", "Lượt truy cập"]] + [
            [f"{row.day:%d/%m/%Y}", row.views] for row in reports.views_by_day(site.pk)
        ]
    elif table == "trang":
        lines = [["Trang", "Địa chỉ", "Lượt xem"]] + [
            [row.title, row.url, row.views] for row in reports.top_pages(site)
        ]
    else:
        only_empty = table == "khong-ket-qua"
        lines = [["Từ khóa", "Số lượt tìm", "Số lượt không có kết quả"]] + [
            [row.query, row.searches, row.empty]
            for row in reports.top_queries(site.pk, only_empty=only_empty)
        ]
    response = HttpResponse(
        csv_bytes(lines, convert=str), content_type="text/csv; charset=utf-8"
    )
    filename = f"luot-truy-cap-{table}-{site.pk}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
