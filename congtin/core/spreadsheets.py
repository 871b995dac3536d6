"""Reading the CSV and XLSX files editors import (targets, legal documents).

Each importer checks every row before saving anything and reports what is wrong as
"Bảng …, dòng N, cột …: …", in Vietnamese, so an editor can fix the file and try again.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from .vietnamese import nfc

DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y")


class ImportFileError(ValueError):
    """The file itself cannot be read (not an XLSX, not UTF-8...)."""


@dataclass
class RowError:
    row: int
    column: str
    message: str
    sheet: str = ""

    def __str__(self):
        where = (
            f"Bảng “{self.sheet}”, dòng {self.row}"
            if self.sheet
            else f"Dòng {self.row}"
        )
        if self.column:
            where += f", cột “{self.column}”"
        return f"{where}: {self.message}"


def read_csv(data: bytes) -> list[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            "Tệp CSV phải lưu bằng mã UTF-8 (trong Excel: “CSV UTF-8”)."
        ) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def read_xlsx(data: bytes) -> dict[str, list[list]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError(
            "Không đọc được tệp XLSX (tệp hỏng hoặc không phải Excel)."
        ) from exc
    sheets = {}
    for sheet in workbook.worksheets:
        sheets[nfc(sheet.title)] = [
            list(row) for row in sheet.iter_rows(values_only=True)
        ]
    workbook.close()
    return sheets


def cell_text(value) -> str:
    """A cell as the text an editor sees: 12.0 is "12", a date is dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value)).strip()


def cell_date(value) -> date:
    """A date cell, or text written as dd/mm/yyyy and the like; ValueError otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError
