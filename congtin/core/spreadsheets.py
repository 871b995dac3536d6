"""The CSV and XLSX files editors import (targets, legal documents) and export.

Reading: each importer checks every row before saving anything and reports what is
wrong as "Bảng …, dòng N, cột …: …", in Vietnamese, so an editor can fix the file and
try again. Files come from people, so reading is bounded: the upload's size, the
number of rows, columns and characters in a cell, and for ZIP containers (an XLSX is
one, and so is the documents' archive of files) the number of entries, their size
once uncompressed and their compression ratio. What goes past a limit is refused
with a Vietnamese message (ImportFileError), never truncated and never held in
memory first: the limits are checked from what the file declares before reading it,
and rows are read one at a time. Every limit is a setting (see ``DEFAULTS``).

Writing: every CSV or XLSX the project produces goes through ``escape_formula`` /
``csv_bytes`` / ``xlsx_row`` so that text typed by anyone (a figure's note, a page
title) never becomes a live formula in the reader's spreadsheet program.
"""

import csv
import io
import os
import struct
import xml.parsers.expat
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.utils.formats import get_format

from .vietnamese import fold, format_file_size, format_number, nfc

MB = 1024 * 1024

# --- settings, read on every call so tests and deployments can change them --------

DEFAULTS = {
    # Data rows of one table (a CSV, or one sheet of an XLSX), the header not counted.
    "IMPORT_MAX_ROWS": 1000,
    # Columns read; a value further right is refused rather than silently dropped.
    "IMPORT_MAX_COLUMNS": 50,
    "IMPORT_MAX_CELL_CHARS": 10_000,
    # The uploaded list (CSV or XLSX) and the uploaded ZIP of documents' files.
    "IMPORT_MAX_TABLE_BYTES": 5 * MB,
    "IMPORT_MAX_ARCHIVE_BYTES": 200 * MB,
    # Entries of a ZIP (the archive of files, or the XLSX container itself).
    "IMPORT_MAX_ARCHIVE_ENTRIES": 2000,
    # Everything in the archive of files once uncompressed, and in an XLSX.
    "IMPORT_MAX_ARCHIVE_UNCOMPRESSED_BYTES": 500 * MB,
    "IMPORT_MAX_XLSX_UNCOMPRESSED_BYTES": 20 * MB,
    # Uncompressed / compressed size of one entry (entries under 1 MB are exempt).
    "IMPORT_MAX_COMPRESSION_RATIO": 100,
}


def limit(name: str) -> int:
    """The value of an IMPORT_* setting, or its documented default."""
    return getattr(settings, name, DEFAULTS[name])


# Below this size an entry's compression ratio does not matter: it cannot grow big.
RATIO_EXEMPT_BYTES = 1 * MB

# openpyxl keeps some of every XML part it reads (one object per merged range, style,
# row...), so the parts of an XLSX are counted before openpyxl sees them. Ceilings
# far above any real import; each one keeps openpyxl's memory to a few MB.
XLSX_MAX_ELEMENTS = 500_000  # every XML element of the workbook (parsing time)
XLSX_MAX_ROW_ELEMENTS = 20_000  # <row> elements of one sheet, empty ones included
XLSX_MAX_GROUP_ELEMENTS = 20_000  # elements inside one <row> or one shared string
XLSX_MAX_SHARED_STRINGS = 100_000
XLSX_MAX_OTHER_ELEMENTS = 20_000  # styles, merged cells, links, names, charts...
# What reading a damaged or hostile ZIP entry raises (bad CRC, truncated stream,
# unknown compression, encrypted entry, ...): each is the file's fault, not ours.
ZIP_READ_ERRORS = (
    zipfile.BadZipFile,
    EOFError,
    NotImplementedError,
    OSError,
    RuntimeError,
    ValueError,
)
UNREADABLE_XLSX = "Không đọc được tệp XLSX (tệp hỏng hoặc không phải Excel)."


class ImportFileError(ValueError):
    """The file itself cannot be read (not an XLSX, not UTF-8, too big...)."""


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


def row_reporter(errors: list[RowError], labels: dict, number: int, sheet: str = ""):
    """``bad(key, message)`` for row ``number``: adds a RowError to ``errors`` that
    names the column by its label in ``labels``."""

    def bad(key: str, message: str) -> None:
        errors.append(RowError(number, labels[key], message, sheet))

    return bad


# A table is its non-empty rows, each with its row number in the file (1 = first)
# and its cells, trailing empty cells dropped.
Row = tuple[int, list]


def _binary(source):
    """A seekable binary file for ``source``: bytes, a file, or a Django upload."""
    if isinstance(source, bytes | bytearray | memoryview):
        return io.BytesIO(source)
    source.seek(0)
    return source


def file_size(source) -> int:
    if isinstance(source, bytes | bytearray | memoryview):
        return len(source)
    size = getattr(source, "size", None)
    if size is None:
        source.seek(0, os.SEEK_END)
        size = source.tell()
        source.seek(0)
    return size


def check_table_size(source) -> None:
    """ImportFileError when the list (CSV or XLSX) is larger than allowed."""
    most = limit("IMPORT_MAX_TABLE_BYTES")
    if file_size(source) > most:
        raise ImportFileError(f"Tệp danh sách lớn quá {format_file_size(most)}.")


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(min(index, 18278))


def _collect(rows, sheet: str) -> list[Row]:
    """The non-empty rows of ``rows`` (an iterator of cell sequences, the first being
    row 1), checked against the row, column and cell limits as they come."""
    max_rows = limit("IMPORT_MAX_ROWS")
    max_columns = limit("IMPORT_MAX_COLUMNS")
    max_chars = limit("IMPORT_MAX_CELL_CHARS")
    table: list[Row] = []
    for number, raw in enumerate(rows, start=1):
        cells = list(raw)
        while cells and _blank(cells[-1]):
            cells.pop()
        if not cells:
            continue
        if len(cells) > max_columns:
            raise ImportFileError(
                str(
                    RowError(
                        number,
                        _column_letter(len(cells)),
                        f"Có dữ liệu ngoài {format_number(max_columns)} cột đầu tiên; "
                        "hãy xóa các cột thừa rồi nhập lại.",
                        sheet,
                    )
                )
            )
        for index, value in enumerate(cells, start=1):
            if not isinstance(value, str):
                continue
            problem = None
            if len(value) > max_chars:
                problem = f"Ô dài quá {format_number(max_chars)} ký tự."
            elif "\x00" in value:  # a database text column cannot hold it
                problem = "Ô có ký tự không hợp lệ (NUL)."
            if problem:
                raise ImportFileError(
                    str(RowError(number, _column_letter(index), problem, sheet))
                )
        if len(table) > max_rows:  # the header and max_rows rows are already in
            where = f"Bảng “{sheet}”" if sheet else "Tệp"
            raise ImportFileError(
                f"{where} có hơn {format_number(max_rows)} dòng dữ liệu; mỗi lần nhập tối "
                f"đa {format_number(max_rows)} dòng, hãy chia thành nhiều tệp."
            )
        table.append((number, cells))
    return table


# --- CSV ------------------------------------------------------------------------------


def _lines(text, most: int):
    """Physical lines of ``text``, none longer than ``most`` characters: a line is
    read at most that far, so one endless line is refused without being held."""
    number = 0
    while True:
        line = text.readline(most + 1)
        if not line:
            return
        number += 1
        if len(line) > most:
            raise ImportFileError(
                f"Dòng {number} của tệp CSV dài quá {format_number(most)} ký tự."
            )
        yield line


def read_csv(source) -> list[Row]:
    """The rows of a UTF-8 CSV (comma, semicolon or tab), read as a stream."""
    stream = _binary(source)
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = None
    try:
        sample = text.read(4096)
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        text.seek(0)
        # A line holds at most every column at its longest (quoted, with separators).
        most = limit("IMPORT_MAX_COLUMNS") * (limit("IMPORT_MAX_CELL_CHARS") + 3)
        reader = csv.reader(_lines(text, most), dialect)
        return _collect(reader, "")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            "Tệp CSV phải lưu bằng mã UTF-8 (trong Excel: “CSV UTF-8”)."
        ) from exc
    except csv.Error as exc:
        line = reader.line_num if reader is not None else 1
        raise ImportFileError(
            f"Không đọc được tệp CSV ở dòng {line} (ô quá dài hoặc có ký tự lạ)."
        ) from exc
    finally:
        text.detach()  # the caller's file stays open


# --- ZIP containers -------------------------------------------------------------------

_END = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_END = b"PK\x06\x06"


def _declared_entries(stream) -> int | None:
    """How many entries the archive's end record announces (None: no ZIP).

    Read by hand because zipfile builds one object per entry of the central directory
    before anything can be counted: a few MB of directory would be millions of them.
    """
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    tail_size = min(size, 22 + 0xFFFF)  # end record + longest comment
    stream.seek(size - tail_size)
    tail = stream.read(tail_size)
    at = tail.rfind(_END)
    if at < 0 or len(tail) - at < 22:
        return None
    (entries,) = struct.unpack_from("<H", tail, at + 10)
    if entries != 0xFFFF:
        return entries
    locator = at - 20
    if locator < 0 or tail[locator : locator + 4] != _ZIP64_LOCATOR:
        return None
    (offset,) = struct.unpack_from("<Q", tail, locator + 8)
    stream.seek(offset)
    record = stream.read(56)
    if len(record) < 56 or record[:4] != _ZIP64_END:
        return None
    (entries,) = struct.unpack_from("<Q", record, 32)
    return entries


def open_zip(source, *, what: str, max_uncompressed: int) -> zipfile.ZipFile:
    """``source`` as a ZipFile, once its declared entries, their total size when
    uncompressed and each entry's compression ratio are within the limits.

    zipfile never inflates an entry past the size its directory declares, so these
    checks hold for what is read afterwards. ``what`` names the file in messages.
    """
    stream = _binary(source)
    unreadable = f"Không đọc được tệp {what} (tệp hỏng hoặc không đúng định dạng)."
    count = _declared_entries(stream)
    if count is None:
        raise ImportFileError(unreadable)
    most = limit("IMPORT_MAX_ARCHIVE_ENTRIES")
    if count > most:
        raise ImportFileError(
            f"Tệp {what} có {format_number(count)} tệp bên trong, nhiều quá mức cho phép "
            f"({format_number(most)})."
        )
    stream.seek(0)
    try:
        archive = zipfile.ZipFile(stream)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise ImportFileError(unreadable) from exc
    if len(infos) > most:
        raise ImportFileError(
            f"Tệp {what} có {format_number(len(infos))} tệp bên trong, nhiều quá mức cho "
            f"phép ({format_number(most)})."
        )
    if sum(info.file_size for info in infos) > max_uncompressed:
        raise ImportFileError(
            f"Các tệp trong {what} khi giải nén lớn quá {format_file_size(max_uncompressed)}."
        )
    ratio = limit("IMPORT_MAX_COMPRESSION_RATIO")
    for info in infos:
        if info.file_size > RATIO_EXEMPT_BYTES and info.file_size > ratio * max(
            info.compress_size, 1
        ):
            raise ImportFileError(
                f"Tệp “{nfc(info.filename)}” trong {what} nén bất thường (giải nén "
                f"lớn gấp hơn {format_number(ratio)} lần); tệp này không được nhận."
            )
    return archive


# --- XLSX -----------------------------------------------------------------------------


EXCEL_MAX_ROW = 1_048_576


def _valid_row_number(text) -> bool:
    if text is None:
        return True
    try:
        number = float(text)
    except ValueError:
        return False
    return number.is_integer() and 1 <= number <= EXCEL_MAX_ROW


class _XmlBudget:
    """Counts the elements of every XML part of a workbook against the ceilings."""

    too_complex = (
        "Tệp XLSX quá phức tạp để nhập (quá nhiều định dạng, ô gộp hoặc thành phần "
        "khác); hãy chép bảng cần nhập sang một tệp Excel mới rồi thử lại."
    )

    def __init__(self):
        self.elements = 0
        self.other = 0

    def scan(self, stream) -> None:
        self.depth = 0
        self.root = None
        self.in_data = False
        self.group_depth = None  # depth of the open <row> or <si>
        self.group_size = 0
        self.rows = 0
        self.strings = 0
        parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.StartDoctypeDeclHandler = self._doctype
        try:
            while chunk := stream.read(64 * 1024):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except xml.parsers.expat.ExpatError:
            # Not XML (a picture) or broken XML, which openpyxl refuses in turn;
            # what was counted until here is within the ceilings either way.
            return

    def _doctype(self, *args):
        # Office files never declare a DTD; one is only there to expand entities.
        raise ImportFileError(UNREADABLE_XLSX)

    def _start(self, name, attrs):
        self.depth += 1
        self.elements += 1
        if self.elements > XLSX_MAX_ELEMENTS:
            raise ImportFileError(self.too_complex)
        local = name.rpartition(" ")[2]
        if self.root is None:
            self.root = local
            return
        if self.group_depth is not None:
            self.group_size += 1
            if self.group_size > XLSX_MAX_GROUP_ELEMENTS:
                raise ImportFileError(self.too_complex)
            return
        if self.root == "worksheet" and local == "sheetData":
            self.in_data = True
            return
        if self.in_data and local == "row":
            if not _valid_row_number(attrs.get("r")):
                # openpyxl would walk every row number up to it.
                raise ImportFileError(UNREADABLE_XLSX)
            self.rows += 1
            if self.rows > XLSX_MAX_ROW_ELEMENTS:
                raise ImportFileError(
                    f"Một bảng trong tệp XLSX có hơn {format_number(XLSX_MAX_ROW_ELEMENTS)} "
                    f"dòng; mỗi lần nhập tối đa {format_number(limit('IMPORT_MAX_ROWS'))} "
                    "dòng dữ liệu, hãy xóa các dòng thừa hoặc chia thành nhiều tệp."
                )
            self.group_depth, self.group_size = self.depth, 0
            return
        if self.root == "sst" and local == "si":
            self.strings += 1
            if self.strings > XLSX_MAX_SHARED_STRINGS:
                raise ImportFileError(self.too_complex)
            self.group_depth, self.group_size = self.depth, 0
            return
        self.other += 1
        if self.other > XLSX_MAX_OTHER_ELEMENTS:
            raise ImportFileError(self.too_complex)

    def _end(self, name):
        if self.group_depth == self.depth:
            self.group_depth = None
        elif self.in_data and self.group_depth is None and name.endswith("sheetData"):
            self.in_data = False
        self.depth -= 1


def read_xlsx(source, select=None) -> dict[str, list[Row]]:
    """The sheets of an XLSX by title (NFC), each as a list of Rows.

    ``select(titles)`` names the sheets to read (default: all); the others are never
    parsed. Rows are streamed (openpyxl read-only) and the sheet's declared
    dimension is ignored: a sheet that claims A1:XFD1048576 costs what it holds.
    """
    from openpyxl import load_workbook

    stream = _binary(source)
    archive = open_zip(
        stream,
        what="XLSX",
        max_uncompressed=limit("IMPORT_MAX_XLSX_UNCOMPRESSED_BYTES"),
    )
    budget = _XmlBudget()
    try:
        for info in archive.infolist():
            if not info.is_dir():
                with archive.open(info) as part:
                    budget.scan(part)
    except ImportFileError:
        raise
    except ZIP_READ_ERRORS as exc:
        raise ImportFileError(UNREADABLE_XLSX) from exc
    finally:
        archive.close()
    stream.seek(0)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError(UNREADABLE_XLSX) from exc
    try:
        titles = [nfc(sheet.title) for sheet in workbook.worksheets]
        wanted = set(select(titles) if select else titles)
        sheets = {}
        for sheet, title in zip(workbook.worksheets, titles, strict=True):
            if title not in wanted:
                continue
            # openpyxl pads every row to the declared width (16,384 cells for
            # XFD); without a dimension a row is as long as its last cell.
            sheet.reset_dimensions()
            try:
                sheets[title] = _collect(sheet.iter_rows(values_only=True), title)
            except ImportFileError:
                raise
            except Exception as exc:  # a damaged sheet, found while reading it
                raise ImportFileError(UNREADABLE_XLSX) from exc
        return sheets
    finally:
        workbook.close()


def read_table(filename: str, source) -> list[Row]:
    """The rows of a list that is a CSV or the first sheet of an XLSX, chosen by
    ``filename``'s extension; ``source`` is bytes or a binary file (an upload)."""
    name = filename.lower()
    if not name.endswith((".csv", ".xlsx")):
        raise ImportFileError("Danh sách phải là tệp .xlsx hoặc .csv.")
    check_table_size(source)
    if name.endswith(".csv"):
        return read_csv(source)
    sheets = read_xlsx(source, select=lambda titles: titles[:1])
    if not sheets:
        raise ImportFileError("Tệp XLSX không có bảng nào.")
    return next(iter(sheets.values()))


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
    # The shapes forms accept, whatever language the admin is in at the moment.
    for fmt in get_format("DATE_INPUT_FORMATS", lang="vi"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError


# --- Columns and rows ---------------------------------------------------------------

# What an editor writes in a yes/no column, folded (no marks, lower case).
YES_WORDS = frozenset({"x", "co", "1", "true", "dung", "yes"})
NO_WORDS = frozenset({"", "khong", "0", "false", "sai", "no"})


def choice_lookup(choices, extra_words=None) -> dict:
    """Folded value, label and extra words of each choice -> the choice's value, so
    a cell is matched with ``lookup.get(fold(cell_text(value)))``."""
    table = {}
    for value, label in choices:
        table[fold(value)] = value
        table[fold(label)] = value
        for word in (extra_words or {}).get(value, []):
            table[fold(word)] = value
    return table


def keyed_rows(
    table: list[Row], columns, required, errors, *, sheet: str = "", aliases=None
) -> list[tuple[int, dict]]:
    """The data rows of ``table`` as ``(row number, {key: cell})``.

    ``columns`` is ``[(key, header label)]``; a header cell names a column by its
    label, its key or one of ``aliases`` (``{other label: key}``), in any case and
    with or without marks, and columns not named are left out. The first cell
    naming a column wins. A missing required column, or no header at all, is
    reported in ``errors`` (then no row is returned); empty rows are skipped.
    """
    if not table:
        errors.append(RowError(1, "", "Tệp không có dòng tiêu đề.", sheet))
        return []
    header_number, header_cells = table[0]
    by_label = {fold(label): key for key, label in columns}
    by_label.update({fold(key): key for key, _ in columns})
    by_label.update({fold(alias): key for alias, key in (aliases or {}).items()})
    positions = {}
    for index, header in enumerate(header_cells):
        key = by_label.get(fold(cell_text(header)))
        if key and key not in positions:
            positions[key] = index
    labels = dict(columns)
    missing = [
        labels[key] for key, _ in columns if key in required and key not in positions
    ]
    for label in missing:
        errors.append(
            RowError(header_number, label, "Thiếu cột này trong dòng tiêu đề.", sheet)
        )
    if missing:
        return []
    return [
        (
            number,
            {key: raw[i] if i < len(raw) else None for key, i in positions.items()},
        )
        for number, raw in table[1:]
        if any(cell_text(c) for c in raw)
    ]


# --- Writing --------------------------------------------------------------------------

# A cell starting with one of these is run as a formula by Excel, LibreOffice or
# Google Sheets (OWASP "CSV injection"); the fullwidth forms are read as the same.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def escape_formula(value):
    """Text that a spreadsheet would run as a formula, made plain text by a leading
    apostrophe; any other value (numbers, dates, other text) unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape_formula(text: str) -> str:
    """The text :func:`escape_formula` escaped, as it was: an importer reading back
    an export takes "'=1+1" as "=1+1" (then stores it as text, never runs it)."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def csv_bytes(rows, convert=None) -> bytes:
    """Rows as CSV in UTF-8 with a byte order mark (so that Excel reads it as UTF-8),
    every text cell passed through ``escape_formula``.

    ``convert`` turns a value that is not text (a number, a date, None) into what is
    written; its result is not escaped, so a negative number stays ``-5``.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(
            [
                escape_formula(value)
                if isinstance(value, str) or convert is None
                else convert(value)
                for value in row
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_row(sheet, values) -> list:
    """openpyxl cells for ``sheet.append`` (normal or write-only sheet): text is
    always a text cell, never a formula or an error value (openpyxl makes "=…" a
    formula and "#N/A" an error); characters XML cannot hold are dropped; numbers
    and dates stay as they are."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

    cells = []
    for value in values:
        # Row and column are placeholders that append() replaces (as WriteOnlyCell).
        if isinstance(value, str):
            cell = Cell(
                sheet, row=1, column=1, value=ILLEGAL_CHARACTERS_RE.sub("", value)
            )
            cell.data_type = "s"
        else:
            cell = Cell(sheet, row=1, column=1, value=value)
        cells.append(cell)
    return cells


def table_xlsx(table: list[list], title: str, wrap: bool = False) -> bytes:
    """An exported list as an XLSX workbook of one sheet named ``title``: the first
    row bold (the header), cells through :func:`xlsx_row` (text never a formula),
    dates shown as 31/12/2022, whole numbers from 10,000 up grouped, and with
    ``wrap`` every cell wrapped to its column (long texts such as a procedure's
    steps)."""
    from datetime import date

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    # A sheet's name is at most 31 characters in XLSX.
    sheet.title = title[:31]
    for row in table:
        sheet.append(xlsx_row(sheet, row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    aligned = Alignment(wrap_text=True, vertical="top")
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(cell.value, int) and cell.value >= 10_000:
                cell.number_format = "#,##0"
            if wrap:
                cell.alignment = aligned
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
