"""Budget disclosure reports and statistical series (``congtin.opendata``) as the
portal's open data; the filters are those of the public lists (``nam``, ``ky``,
``linh-vuc``), read by the opendata app's own parser."""

from decimal import Decimal

from django.db.models import Prefetch
from ninja import Router

from congtin.core import params
from congtin.core.vietnamese import format_number
from congtin.opendata.listing import parse_budget_filters
from congtin.opendata.models import (
    BudgetReportFile,
    BudgetReportPage,
    StatisticSeriesPage,
)
from congtin.opendata.vocab import BudgetPeriod, Frequency, MoneyUnit, period_label

from . import cursor, filters, schemas
from .endpoints import ERRORS, Cursor, Limit, _param, detail_of, next_url, portal, under

router = Router(tags=["Ngân sách, thống kê"])

_PERIODS = dict(BudgetPeriod.choices)
_UNITS = dict(MoneyUnit.choices)
_FREQUENCIES = dict(Frequency.choices)


def number(value: Decimal | None) -> tuple[str | None, str]:
    """(fixed-point text, Vietnamese text): "1057.091", "1.057,091"."""
    if value is None:
        return None, ""
    # Fixed-point: normalize() alone writes 90000 as "9E+4".
    return format(value.normalize(), "f"), format_number(value)


def document_file(request, document, name: str = "") -> dict:
    return {
        "title": name or document.title,
        "file_name": document.filename,
        "url": request.build_absolute_uri(document.url),
    }


# --- Budget reports --------------------------------------------------------------------


def _reports(site):
    return under(BudgetReportPage.objects.all(), site)


def _report_row(request, report) -> dict:
    return {
        "id": report.pk,
        "title": report.title,
        "year": report.year,
        "period": report.period,
        "period_label": _PERIODS.get(report.period, report.period),
        "decision_number": report.decision_number,
        "decision_date": report.decision_date,
        "issuing_body": report.issuing_body,
        "summary": report.summary,
        "url": report.get_full_url(request),
    }


def _figure_row(figure) -> dict:
    amount, amount_text = number(figure.amount)
    percent, percent_text = number(figure.percent_of_estimate)
    return {
        "id": figure.pk,
        "item": figure.item,
        "amount": amount,
        "amount_text": amount_text,
        "unit": figure.unit,
        "unit_label": _UNITS.get(figure.unit, figure.unit),
        "percent_of_estimate": percent,
        "percent_of_estimate_text": percent_text,
        "note": figure.note,
    }


@router.get(
    "/ngan-sach/",
    response={200: schemas.BudgetReportPage, **ERRORS},
    summary="Báo cáo công khai ngân sách",
)
def budget_list(
    request,
    year: str | None = _param("nam", "Năm ngân sách, ví dụ 2026."),
    period: str | None = _param(
        "ky", "Kỳ báo cáo: " + ", ".join(BudgetPeriod.values) + "."
    ),
    limit: str | None = Limit,
    cursor_: str | None = Cursor,
):
    found = filters.common(request.GET)
    reports = _reports(portal(request)).filter(**parse_budget_filters(request.GET))
    items, token = cursor.page(
        reports, "budget", ["-year", "-pk"], found.cursor, found.limit
    )
    return {
        "items": [_report_row(request, r) for r in items],
        "next": next_url(request, token),
    }


@router.get(
    "/ngan-sach/{id:pk}/",
    response={200: schemas.BudgetReport, **ERRORS},
    summary="Một báo cáo công khai ngân sách với số liệu chính và tệp báo cáo",
)
def budget_detail(request, pk: int):
    report = detail_of(
        _reports(portal(request)).prefetch_related(
            "figures",
            Prefetch(
                "files", queryset=BudgetReportFile.objects.select_related("document")
            ),
        ),
        pk,
    )
    return {
        **_report_row(request, report),
        "note": report.note,
        "figures": [_figure_row(f) for f in report.figures.all()],
        "files": [
            document_file(request, f.document, f.label) for f in report.files.all()
        ],
        "csv_url": report.get_full_url(request) + "csv/",
    }


# --- Statistical series ------------------------------------------------------------------


def _series(site):
    return under(StatisticSeriesPage.objects.all(), site)


def _series_row(request, series) -> dict:
    return {
        "id": series.pk,
        "title": series.title,
        "field": series.field,
        "unit": series.unit,
        "frequency": series.frequency,
        "frequency_label": _FREQUENCIES.get(series.frequency, series.frequency),
        "source": series.source,
        "url": series.get_full_url(request),
    }


@router.get(
    "/thong-ke/",
    response={200: schemas.StatisticSeriesPage, **ERRORS},
    summary="Chuỗi số liệu thống kê",
)
def statistics_list(
    request,
    field: str | None = _param("linh-vuc", "Lĩnh vực, ví dụ “Dân số”."),
    limit: str | None = Limit,
    cursor_: str | None = Cursor,
):
    found = filters.common(request.GET)
    series = _series(portal(request))
    chosen_field = params.text(request.GET, "linh-vuc", "Lĩnh vực")
    if chosen_field:
        series = series.filter(field=chosen_field)
    items, token = cursor.page(
        series, "statistics", ["field", "title", "pk"], found.cursor, found.limit
    )
    return {
        "items": [_series_row(request, s) for s in items],
        "next": next_url(request, token),
    }


@router.get(
    "/thong-ke/{id:pk}/",
    response={200: schemas.StatisticSeries, **ERRORS},
    summary="Một chuỗi số liệu thống kê với các giá trị theo kỳ",
)
def statistics_detail(request, pk: int):
    series = detail_of(_series(portal(request)).prefetch_related("values"), pk)
    rows = []
    for item in sorted(series.values.all(), key=lambda v: (v.year, v.number or 0)):
        value, text = number(item.value)
        rows.append(
            {
                "id": item.pk,
                "year": item.year,
                "number": item.number,
                "period_label": period_label(series.frequency, item.year, item.number),
                "value": value,
                "value_text": text,
                "note": item.note,
            }
        )
    return {
        **_series_row(request, series),
        "description": series.description,
        "note": series.note,
        "values": rows,
        "csv_url": series.get_full_url(request) + "csv/",
    }
