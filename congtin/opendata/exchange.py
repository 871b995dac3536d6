"""Figures in and out as spreadsheets: a report's or a series' rows.

Import: agencies keep these figures in spreadsheets, so an editor uploads a CSV or
XLSX for one page. Reading and its limits (size, rows, columns, cells) are
``core.spreadsheets``'; every row is checked before anything is kept and each
problem is reported as "Dòng N, cột …: …". The rows then replace the page's rows in
a new revision, saved as a draft: publishing goes through the portal's workflow
as any other change.

Export: the CSV download of a page, UTF-8 with a byte order mark, numbers in the
Vietnamese format and text escaped against formulas (``csv_bytes``).
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from congtin.core.spreadsheets import (
    ImportFileError,
    RowError,
    cell_text,
    choice_lookup,
    csv_bytes,
    keyed_rows,
    read_table,
    row_reporter,
    table_xlsx,
)
from congtin.core.vietnamese import (
    MAX_YEAR,
    MIN_YEAR,
    fold,
    format_number,
    parse_number,
)

from .models import (
    BudgetFigure,
    BudgetReportPage,
    StatisticSeriesPage,
    StatisticValue,
)
from .vocab import PERIOD_COUNT, ROMAN, Frequency, MoneyUnit, period_label

__all__ = ["ImportFileError", "import_rows", "budget_csv", "series_csv"]

BUDGET_COLUMNS = [
    ("item", "Khoản mục"),
    ("amount", "Số tiền"),
    ("unit", "Đơn vị"),
    ("percent", "Tỷ lệ so với dự toán (%)"),
    ("note", "Ghi chú"),
]
BUDGET_REQUIRED = {"item", "amount"}
SERIES_COLUMNS = [
    ("year", "Năm"),
    ("number", "Quý/tháng"),
    ("value", "Giá trị"),
    ("note", "Ghi chú"),
]
SERIES_REQUIRED = {"year", "value"}
ALIASES = {"Tỷ lệ": "percent", "Tỷ lệ (%)": "percent", "Kỳ": "number"}
UNIT_WORDS = {
    MoneyUnit.DONG: ["VND", "VNĐ", "đ"],
    MoneyUnit.MILLION: ["triệu", "tr"],
    MoneyUnit.BILLION: ["tỷ", "tỉ", "tỉ đồng"],
}
UNITS = choice_lookup(MoneyUnit.choices, UNIT_WORDS)
NOTE_LENGTH = 255
ITEM_LENGTH = 255
# What the columns hold (max_digits 24 with 3 and 6 decimals).
MAX_AMOUNT = Decimal(10) ** 21
MAX_VALUE = Decimal(10) ** 18
MAX_PERCENT = Decimal(10) ** 6


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    count: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def number_of(value) -> Decimal:
    """A cell as a number: a spreadsheet number, or text in the Vietnamese format
    ("1.057,091"); ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
        if not number.is_finite():
            raise ValueError
        return number
    return parse_number(cell_text(value))


def _number(cell, bad, key, most, decimals) -> Decimal | None:
    try:
        number = number_of(cell)
    except (ValueError, InvalidOperation):
        bad(key, f"“{cell_text(cell)}” không phải là số (viết như 1.057,091).")
        return None
    if abs(number) >= most:
        bad(key, "Số quá lớn.")
        return None
    return round(number, decimals)


def _note(cell, bad) -> str:
    note = cell_text(cell)
    if len(note) > NOTE_LENGTH:
        bad("note", f"Ghi chú dài quá {NOTE_LENGTH} ký tự.")
    return note


def _budget_rows(page: BudgetReportPage, rows, errors) -> list[BudgetFigure]:
    labels = dict(BUDGET_COLUMNS)
    figures = []
    for number, cells in rows:
        bad = row_reporter(errors, labels, number)
        item = cell_text(cells.get("item"))
        if not item:
            bad("item", "Thiếu tên khoản mục.")
        elif len(item) > ITEM_LENGTH:
            bad("item", f"Tên khoản mục dài quá {ITEM_LENGTH} ký tự.")
        amount = _number(cells.get("amount"), bad, "amount", MAX_AMOUNT, 3)
        unit_text = cell_text(cells.get("unit"))
        unit = UNITS.get(fold(unit_text)) if unit_text else MoneyUnit.BILLION
        if unit is None:
            bad(
                "unit",
                f"Đơn vị “{unit_text}” không hợp lệ (đồng, triệu đồng, tỷ đồng).",
            )
        percent = None
        if cell_text(cells.get("percent")):
            if not page.is_execution:
                bad(
                    "percent",
                    "Chỉ báo cáo tình hình thực hiện mới có tỷ lệ so với dự toán.",
                )
            else:
                percent = _number(cells.get("percent"), bad, "percent", MAX_PERCENT, 2)
        note = _note(cells.get("note"), bad)
        if amount is not None and unit is not None:
            figures.append(
                BudgetFigure(
                    item=item,
                    amount=amount,
                    unit=unit,
                    percent_of_estimate=percent,
                    note=note,
                )
            )
    return figures


def _period_number(text: str, frequency: str) -> int | None:
    """ "2", "II", "Quý II", "Tháng 6" -> the number; None when unreadable."""
    word = fold(text).replace("quy", "").replace("thang", "").strip().upper()
    if word.isascii() and word.isdigit():
        return int(word)
    if frequency == Frequency.QUARTER:
        return {roman: n for n, roman in ROMAN.items()}.get(word)
    return None


def _series_rows(page: StatisticSeriesPage, rows, errors) -> list[StatisticValue]:
    labels = dict(SERIES_COLUMNS)
    most = PERIOD_COUNT[Frequency(page.frequency)]
    seen: dict[tuple, int] = {}
    values = []
    for number, cells in rows:
        bad = row_reporter(errors, labels, number)
        year_text = cell_text(cells.get("year"))
        year = int(year_text) if year_text.isascii() and year_text.isdigit() else None
        if year is None or not MIN_YEAR <= year <= MAX_YEAR:
            bad(
                "year",
                f"Năm “{year_text}” không hợp lệ (từ {MIN_YEAR} đến {MAX_YEAR}).",
            )
            year = None
        period_text = cell_text(cells.get("number"))
        period = None
        if most == 0:
            if period_text:
                bad("number", "Chuỗi số liệu theo năm: để trống cột này.")
        else:
            what = "quý (1 đến 4)" if most == 4 else "tháng (1 đến 12)"
            period = (
                _period_number(period_text, page.frequency) if period_text else None
            )
            if period is None or not 1 <= period <= most:
                bad("number", f"Hãy ghi {what}.")
                period = None
        value = _number(cells.get("value"), bad, "value", MAX_VALUE, 6)
        note = _note(cells.get("note"), bad)
        if year is None or value is None or (most and period is None):
            continue
        key = (year, period)
        if key in seen:
            label = period_label(page.frequency, year, period)
            bad("year", f"Kỳ {label} đã có ở dòng {seen[key]}.")
            continue
        seen[key] = number
        values.append(StatisticValue(year=year, number=period, value=value, note=note))
    return values


def import_rows(page, filename: str, source, user) -> ImportReport:
    """Replace the figures of ``page`` (a report or a series) with the rows of the
    file, in a new draft revision by ``user``; nothing changes when any row is
    wrong. ImportFileError when the file itself cannot be read."""
    page = page.specific
    table = read_table(filename, source)
    report = ImportReport()
    if isinstance(page, BudgetReportPage):
        rows = keyed_rows(
            table, BUDGET_COLUMNS, BUDGET_REQUIRED, report.errors, aliases=ALIASES
        )
        made: list = _budget_rows(page, rows, report.errors)
        related = "figures"
    else:
        rows = keyed_rows(
            table, SERIES_COLUMNS, SERIES_REQUIRED, report.errors, aliases=ALIASES
        )
        made = _series_rows(page, rows, report.errors)
        related = "values"
    if not rows and not report.errors:
        report.errors.append(RowError(2, "", "Tệp không có dòng số liệu nào."))
    if report.errors:
        return report
    # The latest revision, so that a draft in progress is built on, not lost.
    latest = page.get_latest_revision_as_object()
    setattr(latest, related, made)
    latest.save_revision(user=user, log_action=True)
    report.count = len(made)
    return report


# --- Export -----------------------------------------------------------------------------


def _cell(value):
    if isinstance(value, Decimal):
        return format_number(value)
    return "" if value is None else value


def budget_csv(page: BudgetReportPage) -> bytes:
    rows = [[label for _, label in BUDGET_COLUMNS]]
    for f in page.figures.all():
        rows.append(
            [f.item, f.amount, MoneyUnit(f.unit).label, f.percent_of_estimate, f.note]
        )
    return csv_bytes(rows, convert=_cell)


def series_csv(page: StatisticSeriesPage) -> bytes:
    rows = [
        ["Chỉ tiêu", "Kỳ", "Năm", "Quý/tháng", "Giá trị", "Đơn vị", "Nguồn", "Ghi chú"]
    ]
    for v in page.ordered_values():
        rows.append(
            [
                page.title,
                v.label,
                v.year,
                v.number,
                v.value,
                page.unit,
                page.source,
                v.note,
            ]
        )
    return csv_bytes(rows, convert=_cell)


# --- Whole lists: the "Công khai ngân sách" and "Thông tin thống kê" pages --------

# Past any real portal's list; a longer one is cut, never a slow request.
LIST_MAX_PAGES = 2000
BUDGET_LIST_HEADER = [
    "Năm",
    "Kỳ báo cáo",
    "Báo cáo",
    "Số quyết định",
    "Ngày quyết định",
    *[label for _, label in BUDGET_COLUMNS],
    "Địa chỉ trang",
]
STATISTICS_LIST_HEADER = [
    "Lĩnh vực",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Kỳ",
    "Năm",
    "Quý/tháng",
    "Giá trị",
    "Nguồn",
    "Ghi chú",
    "Địa chỉ trang",
]


def budget_list_table(reports, request) -> list[list]:
    """One row per figure of each report (a report without figures: one row)."""
    rows: list[list] = [BUDGET_LIST_HEADER]
    for page in reports.prefetch_related("figures")[:LIST_MAX_PAGES]:
        head = [
            page.year,
            page.get_period_display(),
            page.title,
            page.decision_number,
            page.decision_date,
        ]
        url = page.get_full_url(request)
        figures = list(page.figures.all())
        for f in figures:
            rows.append(
                head
                + [
                    f.item,
                    f.amount,
                    MoneyUnit(f.unit).label,
                    f.percent_of_estimate,
                    f.note,
                    url,
                ]
            )
        if not figures:
            rows.append(head + [None] * len(BUDGET_COLUMNS) + [url])
    return rows


def statistics_list_table(series_list, request) -> list[list]:
    """One row per value of each series, in the order the page lists them."""
    rows: list[list] = [STATISTICS_LIST_HEADER]
    for page in series_list[:LIST_MAX_PAGES]:
        url = page.get_full_url(request)
        for v in page.ordered_values():
            rows.append(
                [
                    page.field,
                    page.title,
                    page.unit,
                    v.label,
                    v.year,
                    v.number,
                    v.value,
                    page.source,
                    v.note,
                    url,
                ]
            )
    return rows


def list_response(table: list[list], fmt: str, name: str, title: str) -> HttpResponse:
    """The whole list as ``fmt`` ("csv" or "xlsx"), a download named ``name``."""
    if fmt == "xlsx":
        response = HttpResponse(
            table_xlsx(table, title),
            content_type="application/vnd.openxmlformats-officedocument"
            ".spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            csv_bytes(table, convert=_cell), content_type="text/csv; charset=utf-8"
        )
    disposition = content_disposition_header(True, f"{name}.{fmt}")
    response["Content-Disposition"] = disposition or "attachment"
    return response
