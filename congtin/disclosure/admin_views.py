"""The compliance report in the admin: each kind of mandatory information per
portal, green (up to date), amber (overdue) or red (missing), and its CSV."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header

from congtin.core.spreadsheets import csv_bytes
from congtin.portals.sites import short_name

from . import access, status

TITLE = "Thông tin bắt buộc công khai"


def _rows_for(request):
    sites = access.report_sites(request.user)
    if not sites:
        raise PermissionDenied
    return sites, status.portal_status(sites)


def report(request):
    sites, rows = _rows_for(request)
    states = [cell.state for row in rows for cell in row.cells]
    return render(
        request,
        "disclosure/admin/report.html",
        {
            "page_title": TITLE,
            "sites": [(site, short_name(site)) for site in sites],
            "rows": rows,
            "summary": {
                label: states.count(state)
                for state, label in status.STATE_LABELS.items()
            },
        },
    )


def _date(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else ""


def report_csv(request):
    sites, rows = _rows_for(request)
    lines = [
        [
            "Cổng",
            "Loại thông tin",
            "Tình trạng",
            "Số mục",
            "Cập nhật gần nhất",
            "Hạn cập nhật tiếp theo",
            "Chu kỳ cập nhật (ngày)",
            "Địa chỉ",
        ]
    ]
    for row in rows:
        for cell in row.cells:
            lines.append(
                [
                    short_name(cell.site),
                    row.kind.name,
                    cell.state_label,
                    cell.count,
                    _date(cell.last),
                    _date(cell.due),
                    row.kind.update_days,
                    cell.url,
                ]
            )
    response = HttpResponse(
        csv_bytes(lines, convert=str), content_type="text/csv; charset=utf-8"
    )
    filename = f"thong-tin-bat-buoc-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
