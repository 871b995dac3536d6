"""XLSX and CSV export of a plan, and all-or-nothing import of targets and figures.

Both directions use the same columns, so an exported file can be edited and imported
again. An import first checks every row; if any row is wrong nothing is saved and
every wrong cell is reported as (sheet, row, column, message in Vietnamese).
"""

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from congtin.core.spreadsheets import (  # noqa: F401 (ImportFileError: admin views)
    YES_WORDS,
    ImportFileError,
    Row,
    RowError,
    cell_date,
    cell_text,
    check_table_size,
    choice_lookup,
    csv_bytes,
    keyed_rows,
    read_csv,
    read_xlsx,
    row_reporter,
    xlsx_row,
)
from congtin.core.vietnamese import fold, format_date, format_number, parse_number

from .models import VALUE_DIGITS, ReportedFigure, Target
from .vocab import (
    Basis,
    Direction,
    Group,
    Measure,
    Period,
    canonical_unit,
    parse_period,
)

TARGET_SHEET = "Chỉ tiêu"
FIGURE_SHEET = "Số liệu"

TARGET_COLUMNS = [
    ("code", "Mã"),
    ("name", "Tên chỉ tiêu"),
    ("group", "Nhóm"),
    ("unit", "Đơn vị tính"),
    ("direction", "Yêu cầu"),
    ("value", "Giá trị"),
    ("measure", "Cách tính tiến độ"),
    ("indicator", "Mã chỉ số"),
    ("city_assigned", "Thành phố giao"),
    ("council_assigned", "HĐND giao"),
    ("previous_year", "Cùng kỳ năm trước"),
    ("source_text", "Câu nguồn"),
]
TARGET_REQUIRED = {"code", "name", "group", "unit", "direction"}
FIGURE_COLUMNS = [
    ("code", "Mã chỉ tiêu"),
    ("period", "Kỳ"),
    ("value", "Số liệu"),
    ("basis", "Tính theo"),
    ("reported_on", "Ngày"),
    ("source", "Nguồn"),
    ("source_url", "Liên kết nguồn"),
    ("note", "Ghi chú"),
    ("is_illustrative", "Minh họa"),
]
FIGURE_REQUIRED = {"code", "period", "value", "reported_on"}

_DIRECTION_WORDS = {
    Direction.AT_LEAST: ["≥", ">=", "trở lên", "ít nhất", "tối thiểu"],
    Direction.AT_MOST: [
        "≤",
        "<=",
        "trở xuống",
        "không quá",
        "không vượt quá",
        "tối đa",
    ],
    Direction.EXACTLY: ["=", "bằng", "đúng bằng"],
    Direction.COMPLETE: ["hoàn thành"],
}
_MEASURE_WORDS = {
    Measure.CUMULATIVE: ["cộng dồn"],
    Measure.LEVEL: ["mức", "mức tại thời điểm", "tỷ lệ"],
}
_BASIS_WORDS = {
    Basis.VALUE: ["giá trị", "số tuyệt đối"],
    Basis.PCT_TARGET: ["% chỉ tiêu", "% so với chỉ tiêu"],
    Basis.PCT_CITY: ["% dự toán thành phố giao", "% thành phố giao"],
    Basis.PCT_COUNCIL: ["% dự toán hđnd giao", "% hđnd giao"],
    Basis.PCT_PREVIOUS: ["% cùng kỳ", "% so với cùng kỳ năm trước"],
}


_GROUPS = choice_lookup(Group.choices, {})
_DIRECTIONS = choice_lookup(Direction.choices, _DIRECTION_WORDS)
_MEASURES = choice_lookup(Measure.choices, _MEASURE_WORDS)
_BASES = choice_lookup(Basis.choices, _BASIS_WORDS)


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    targets_created: int = 0
    targets_updated: int = 0
    figures_created: int = 0
    figures_unchanged: int = 0

    @property
    def ok(self):
        return not self.errors


def _decimal(value) -> Decimal:
    """A cell as an exact decimal that fits the database column (20 digits, 6 after
    the comma); ValueError otherwise, so that the row is reported, not saved."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(str(value))
    else:
        number = parse_number(cell_text(value))
    if not number.is_finite():
        raise ValueError
    sign, digits, exponent = number.normalize().as_tuple()
    # Finite, so the exponent is a number ("n", "N", "F" mark NaN and infinity).
    assert isinstance(exponent, int)
    places = max(0, -exponent)
    whole = max(0, len(digits) + exponent)
    if places > VALUE_DIGITS["decimal_places"] or whole > (
        VALUE_DIGITS["max_digits"] - VALUE_DIGITS["decimal_places"]
    ):
        raise ValueError
    return number


# --- Checking rows ---------------------------------------------------------------


def _check_targets(plan, rows, errors, sheet):
    """Valid target rows as dicts of model fields, keyed by code."""
    labels = dict(TARGET_COLUMNS)
    seen = {}
    valid = {}
    for number, row in rows:
        bad = row_reporter(errors, labels, number, sheet)
        fields = {}
        code = cell_text(row.get("code"))
        if not code:
            bad("code", "Thiếu mã chỉ tiêu.")
        elif len(code) > 20:
            bad("code", "Mã dài quá 20 ký tự.")
        elif fold(code) in seen:
            bad("code", f"Mã “{code}” trùng với dòng {seen[fold(code)]}.")
        else:
            seen[fold(code)] = number
        name = cell_text(row.get("name"))
        if not name:
            bad("name", "Thiếu tên chỉ tiêu.")
        elif len(name) > 500:
            bad("name", "Tên dài quá 500 ký tự.")
        fields["name"] = name
        group = _GROUPS.get(fold(cell_text(row.get("group"))))
        if group is None:
            bad(
                "group",
                f"Nhóm “{cell_text(row.get('group'))}” không có trong danh mục ("
                + ", ".join(label for _, label in Group.choices)
                + ").",
            )
        fields["group"] = group
        unit = canonical_unit(cell_text(row.get("unit")))
        if unit is None:
            bad(
                "unit",
                f"Đơn vị tính “{cell_text(row.get('unit'))}” không có trong danh mục.",
            )
        fields["unit"] = unit
        direction = _DIRECTIONS.get(fold(cell_text(row.get("direction"))))
        if direction is None:
            bad(
                "direction",
                f"Yêu cầu “{cell_text(row.get('direction'))}” không hợp lệ "
                "(dùng: ≥, ≤, =, hoàn thành).",
            )
        fields["direction"] = direction
        for key in ("value", "city_assigned", "council_assigned", "previous_year"):
            raw = row.get(key)
            if cell_text(raw) == "":
                fields[key] = None
                continue
            try:
                fields[key] = _decimal(raw)
            except (ValueError, InvalidOperation):
                bad(
                    key,
                    f"“{cell_text(raw)}” không phải là số hợp lệ (viết như 1.057,091; "
                    "tối đa 6 chữ số sau dấu phẩy).",
                )
        measure_text = cell_text(row.get("measure"))
        if measure_text:
            measure = _MEASURES.get(fold(measure_text))
            if measure is None:
                bad("measure", f"“{measure_text}” không hợp lệ (dùng: cộng dồn, mức).")
        else:
            level = unit == "%" or direction in (Direction.AT_MOST, Direction.COMPLETE)
            measure = Measure.LEVEL if level else Measure.CUMULATIVE
        fields["measure"] = measure
        fields["indicator"] = cell_text(row.get("indicator"))[:80]
        fields["source_text"] = cell_text(row.get("source_text"))
        if code:
            valid[code] = fields
    return valid


def _check_figures(plan, rows, codes, errors, sheet):
    labels = dict(FIGURE_COLUMNS)
    valid = []
    for number, row in rows:
        bad = row_reporter(errors, labels, number, sheet)
        fields = {}
        code = cell_text(row.get("code"))
        if not code:
            bad("code", "Thiếu mã chỉ tiêu.")
        elif code not in codes:
            bad("code", f"Kế hoạch {plan} không có chỉ tiêu mã “{code}”.")
        fields["code"] = code
        try:
            period, year = parse_period(cell_text(row.get("period")))
            if year is not None and year != plan.year:
                bad(
                    "period",
                    f"Kỳ “{cell_text(row.get('period'))}” nằm ngoài năm kế hoạch "
                    f"{plan.year}.",
                )
            fields["period"] = period
        except ValueError as exc:
            bad("period", str(exc))
        try:
            fields["value"] = _decimal(row.get("value"))
        except (ValueError, InvalidOperation):
            bad(
                "value",
                f"“{cell_text(row.get('value'))}” không phải là số hợp lệ "
                "(viết như 1.057,091; tối đa 6 chữ số sau dấu phẩy).",
            )
        basis_text = cell_text(row.get("basis"))
        basis = _BASES.get(fold(basis_text)) if basis_text else Basis.VALUE
        if basis is None:
            bad("basis", f"“{basis_text}” không hợp lệ.")
        fields["basis"] = basis
        try:
            reported_on = cell_date(row.get("reported_on"))
            if not plan.year <= reported_on.year <= plan.year + 1:
                bad(
                    "reported_on",
                    f"Ngày {format_date(reported_on)} nằm ngoài năm kế hoạch {plan.year} "
                    f"(cho phép đến hết năm {plan.year + 1} cho số liệu cả năm).",
                )
            fields["reported_on"] = reported_on
        except ValueError:
            bad(
                "reported_on",
                f"“{cell_text(row.get('reported_on'))}” không phải ngày (dd/mm/yyyy).",
            )
        fields["source"] = cell_text(row.get("source"))[:500]
        fields["source_url"] = cell_text(row.get("source_url"))[:500]
        try:  # the model's own check, which would otherwise fail at saving
            ReportedFigure._meta.get_field("source_url").run_validators(
                fields["source_url"] or None
            )
        except ValidationError:
            bad(
                "source_url",
                f"“{fields['source_url'][:80]}” không phải là liên kết hợp lệ "
                "(viết đầy đủ, ví dụ https://haiphong.gov.vn/...).",
            )
        fields["note"] = cell_text(row.get("note"))
        fields["is_illustrative"] = (
            fold(cell_text(row.get("is_illustrative"))) in YES_WORDS
        )
        valid.append(fields)
    return valid


# --- Import ----------------------------------------------------------------------


def import_tables(plan, target_table=None, figure_table=None, user=None):
    """Check, then save all or nothing. Returns an ImportReport."""
    report = ImportReport()
    targets = {}
    figures = []
    if target_table is not None:
        rows = keyed_rows(
            target_table,
            TARGET_COLUMNS,
            TARGET_REQUIRED,
            report.errors,
            sheet=TARGET_SHEET,
        )
        targets = _check_targets(plan, rows, report.errors, TARGET_SHEET)
    if figure_table is not None:
        existing = set(plan.targets.values_list("code", flat=True))
        rows = keyed_rows(
            figure_table,
            FIGURE_COLUMNS,
            FIGURE_REQUIRED,
            report.errors,
            sheet=FIGURE_SHEET,
        )
        figures = _check_figures(
            plan, rows, existing | set(targets), report.errors, FIGURE_SHEET
        )
    if report.errors:
        report.errors.sort(key=lambda e: (e.sheet != TARGET_SHEET, e.row))
        return report
    with transaction.atomic():
        if targets:
            by_code = {t.code: t for t in plan.targets.all()}
            order = max((t.sort_order or 0 for t in by_code.values()), default=0)
            for code, fields in targets.items():
                target = by_code.get(code)
                if target is None:
                    order += 1
                    Target.objects.create(
                        plan=plan, code=code, sort_order=order, **fields
                    )
                    report.targets_created += 1
                else:
                    for key, value in fields.items():
                        setattr(target, key, value)
                    target.save()
                    report.targets_updated += 1
            # The plan's revisions hold its targets: record this change as one.
            plan.save_revision(user=user, log_action=True)
        if figures:
            by_code = {t.code: t for t in plan.targets.all()}
            for fields in figures:
                target = by_code[fields.pop("code")]
                same = ReportedFigure.objects.filter(
                    target=target,
                    period=fields["period"],
                    basis=fields["basis"],
                    value=fields["value"],
                    reported_on=fields["reported_on"],
                )
                if same.exists():
                    report.figures_unchanged += 1
                    continue
                figure = ReportedFigure.objects.create(
                    target=target, entered_by=user, **fields
                )
                figure.save_revision(user=user, log_action=True)
                report.figures_created += 1
    return report


def _wanted_sheets(titles):
    """The sheets an import reads: those named like the export's, else the first."""
    named = [t for t in titles if fold(t) in (fold(TARGET_SHEET), fold(FIGURE_SHEET))]
    return named or titles[:1]


def import_file(plan, filename: str, data, kind: str, user=None):
    """Import an uploaded file (bytes or a binary file). ``kind`` is "targets" or
    "figures" (CSV: one table; XLSX: the named sheets, or the first sheet for
    ``kind``). Files are read within the limits of ``core.spreadsheets``."""
    name = filename.lower()
    if name.endswith((".csv", ".xlsx")):
        check_table_size(data)
    if name.endswith(".csv"):
        table = read_csv(data)
        if kind == "targets":
            return import_tables(plan, target_table=table, user=user)
        return import_tables(plan, figure_table=table, user=user)
    if name.endswith(".xlsx"):
        sheets = read_xlsx(data, select=_wanted_sheets)
        folded = {fold(title): rows for title, rows in sheets.items()}
        target_table = folded.get(fold(TARGET_SHEET))
        figure_table = folded.get(fold(FIGURE_SHEET))
        if target_table is None and figure_table is None and sheets:
            first = next(iter(sheets.values()))
            if kind == "targets":
                target_table = first
            else:
                figure_table = first
        if kind == "targets" and target_table is None:
            raise ImportFileError(f"Tệp không có bảng “{TARGET_SHEET}”.")
        if kind == "figures" and figure_table is None:
            raise ImportFileError(f"Tệp không có bảng “{FIGURE_SHEET}”.")
        return import_tables(
            plan, target_table=target_table, figure_table=figure_table, user=user
        )
    raise ImportFileError("Chỉ nhận tệp .xlsx hoặc .csv.")


# --- Export ----------------------------------------------------------------------


def _number(value):
    return "" if value is None else format_number(value)


def target_rows(plan):
    yield [label for _, label in TARGET_COLUMNS]
    for t in plan.targets.all():
        yield [
            t.code,
            t.name,
            t.get_group_display(),
            t.unit,
            {
                Direction.AT_LEAST: "≥",
                Direction.AT_MOST: "≤",
                Direction.EXACTLY: "=",
            }.get(t.direction, "hoàn thành"),
            t.value,
            "cộng dồn" if t.measure == Measure.CUMULATIVE else "mức",
            t.indicator,
            t.city_assigned,
            t.council_assigned,
            t.previous_year,
            t.source_text,
        ]


def figure_rows(plan):
    yield [label for _, label in FIGURE_COLUMNS]
    figures = (
        ReportedFigure.objects.filter(target__plan=plan)
        .select_related("target")
        .order_by("target__sort_order", "reported_on", "pk")
    )
    for f in figures:
        yield [
            f.target.code,
            Period(f.period).label,
            f.value,
            "giá trị" if f.basis == Basis.VALUE else Basis(f.basis).label,
            f.reported_on,
            f.source,
            f.source_url,
            f.note,
            "x" if f.is_illustrative else "",
        ]


def _csv_cell(value):
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else value


def export_csv(rows) -> bytes:
    """UTF-8 with BOM so that Excel opens it as UTF-8; Vietnamese number format;
    text that a spreadsheet would run as a formula is escaped."""
    return csv_bytes(rows, convert=_csv_cell)


def export_xlsx(plan) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in (
        (TARGET_SHEET, target_rows(plan)),
        (FIGURE_SHEET, figure_rows(plan)),
    ):
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(xlsx_row(sheet, row))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column in sheet.iter_cols(min_row=2):
            for cell in column:
                if isinstance(cell.value, date):
                    cell.number_format = "DD/MM/YYYY"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
