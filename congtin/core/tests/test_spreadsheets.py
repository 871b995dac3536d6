"""Reading imported tables within limits, and writing exports that run no formula.

The importers' own tests (documents, targets) send the same hostile files through the
admin views; these look at the shared reader and writer directly.
"""

import csv
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from congtin.core import spreadsheets
from congtin.core.spreadsheets import (
    ImportFileError,
    csv_bytes,
    escape_formula,
    open_zip,
    read_csv,
    read_xlsx,
    unescape_formula,
    xlsx_row,
)

from .hostile_files import (
    dimension_bomb,
    empty_rows_xlsx,
    many_entries_zip,
    many_rows_csv,
    many_rows_xlsx,
    memory_ceiling,
    merged_cells_xlsx,
    row_xml,
    sheet_xml,
    with_zip64_end,
    xlsx_package,
    xml_bomb_xlsx,
    zip_bomb,
)


def refused(reader, *args, **kwargs) -> str:
    with pytest.raises(ImportFileError) as caught:
        reader(*args, **kwargs)
    return str(caught.value)


def test_a_declared_dimension_is_not_trusted():
    data = dimension_bomb([["Mã", "Tên"], ["CT01", "Thu ngân sách"]])
    assert len(data) < 2000
    with memory_ceiling(512):
        sheets = read_xlsx(data)
    assert sheets == {"Sheet1": [(1, ["Mã", "Tên"]), (2, ["CT01", "Thu ngân sách"])]}

    # A dimension that starts past A1 hides nothing either.
    body = row_xml(1, ["a", "b"]) + row_xml(4, [None, None, "c"])
    data = xlsx_package({"Sheet1": sheet_xml(body, dimension="C3:C4")})
    assert read_xlsx(data) == {"Sheet1": [(1, ["a", "b"]), (4, [None, None, "c"])]}


def test_rows_columns_and_cells_have_limits(settings):
    header = ["Mã chỉ tiêu", "Kỳ", "Số liệu", "Ngày"]
    row = ["CT{n}", "Quý I", "1", "31/03/2022"]
    assert len(read_xlsx(many_rows_xlsx(header, row, 1000))["Sheet1"]) == 1001
    message = refused(read_xlsx, many_rows_xlsx(header, row, 3000))
    assert message == (
        "Bảng “Sheet1” có hơn 1.000 dòng dữ liệu; mỗi lần nhập tối đa 1.000 dòng, "
        "hãy chia thành nhiều tệp."
    )
    message = refused(read_csv, many_rows_csv(header, row, 3000))
    assert message.startswith("Tệp có hơn 1.000 dòng dữ liệu")

    settings.IMPORT_MAX_COLUMNS = 3
    settings.IMPORT_MAX_CELL_CHARS = 10
    # Trailing empty cells are not columns.
    assert read_csv(b"a,b,c,,  ,\n") == [(1, ["a", "b", "c"])]
    assert refused(read_csv, b"a,b\na,b,c,d\n") == (
        "Dòng 2, cột “D”: Có dữ liệu ngoài 3 cột đầu tiên; hãy xóa các cột thừa "
        "rồi nhập lại."
    )
    data = xlsx_package({"Bảng": sheet_xml(row_xml(1, ["a", "x" * 11]))})
    assert (
        refused(read_xlsx, data) == "Bảng “Bảng”, dòng 1, cột “B”: Ô dài quá 10 ký tự."
    )


def test_csv_is_read_as_a_stream(settings):
    settings.IMPORT_MAX_COLUMNS = 2
    settings.IMPORT_MAX_CELL_CHARS = 10
    # One endless line is refused before it is held: 2 columns of 10 characters.
    message = refused(read_csv, b"a;b\n" + b"x" * 1_000_000)
    assert message == "Dòng 2 của tệp CSV dài quá 26 ký tự."
    assert refused(read_csv, b"a,b\x00c\n") == (
        "Dòng 1, cột “B”: Ô có ký tự không hợp lệ (NUL)."
    )
    assert refused(read_csv, "Mã;Kỳ".encode("utf-16")).startswith(
        "Tệp CSV phải lưu bằng mã UTF-8"
    )
    # Semicolons, a byte order mark, a quoted cell over two lines.
    settings.IMPORT_MAX_CELL_CHARS = 100
    data = '\ufeffMã;Ghi chú\nCT01;"dòng 1\ndòng 2"\n'.encode()
    assert read_csv(io.BytesIO(data)) == [
        (1, ["Mã", "Ghi chú"]),
        (2, ["CT01", "dòng 1\ndòng 2"]),
    ]


def test_xlsx_parts_are_counted_before_openpyxl_reads_them():
    with memory_ceiling(512):
        message = refused(read_xlsx, empty_rows_xlsx(30_000))
        assert message.startswith("Một bảng trong tệp XLSX có hơn 20.000 dòng")
        message = refused(read_xlsx, merged_cells_xlsx(30_000))
        assert message.startswith("Tệp XLSX quá phức tạp để nhập")
        # 50 MB of rows in a 50 KB file.
        message = refused(read_xlsx, xml_bomb_xlsx(50 * 1024 * 1024))
        assert message == "Các tệp trong XLSX khi giải nén lớn quá 20 MB."
    # A row number past Excel's last row would be walked up to by openpyxl.
    far = xlsx_package({"Sheet1": sheet_xml(row_xml(999_999_999, ["x"]))})
    assert refused(read_xlsx, far).startswith("Không đọc được tệp XLSX")
    doctype = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
        + sheet_xml(row_xml(1, ["&a;"])).split("?>", 1)[1]
    )
    message = refused(read_xlsx, xlsx_package({"Sheet1": doctype}))
    assert message.startswith("Không đọc được tệp XLSX")


def test_zip_limits_are_checked_before_reading(settings, monkeypatch):
    settings.IMPORT_MAX_ARCHIVE_ENTRIES = 100
    crowded = many_entries_zip(101)
    opened = []

    class Spy(zipfile.ZipFile):
        def __init__(self, *args, **kwargs):
            opened.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(spreadsheets.zipfile, "ZipFile", Spy)
    message = refused(open_zip, crowded, what="ZIP", max_uncompressed=10**9)
    monkeypatch.undo()
    assert message == "Tệp ZIP có 101 tệp bên trong, nhiều quá mức cho phép (100)."
    assert opened == []  # refused from the end record, no directory parsed

    bomb = zip_bomb("a.pdf", 30 * 1024 * 1024)
    assert len(bomb) < 100_000
    message = refused(open_zip, bomb, what="ZIP", max_uncompressed=10**9)
    assert message == (
        "Tệp “a.pdf” trong ZIP nén bất thường (giải nén lớn gấp hơn 100 lần); tệp "
        "này không được nhận."
    )
    message = refused(open_zip, bomb, what="ZIP", max_uncompressed=20 * 1024 * 1024)
    assert message == "Các tệp trong ZIP khi giải nén lớn quá 20 MB."
    assert refused(open_zip, b"PK not a zip", what="ZIP", max_uncompressed=1)
    with open_zip(zip_bomb("b.pdf", 1000), what="ZIP", max_uncompressed=1000) as ok:
        assert ok.namelist() == ["b.pdf"]


def test_zip64_end_record_is_read(settings):
    settings.IMPORT_MAX_ARCHIVE_ENTRIES = 100
    crowded = with_zip64_end(many_entries_zip(101))
    message = refused(open_zip, crowded, what="ZIP", max_uncompressed=1)
    assert message.startswith("Tệp ZIP có 101 tệp bên trong")
    with open_zip(
        with_zip64_end(many_entries_zip(3)), what="ZIP", max_uncompressed=1
    ) as ok:
        assert ok.namelist() == ["0.pdf", "1.pdf", "2.pdf"]


# --- Writing -------------------------------------------------------------------------

HOSTILE = [
    '=HYPERLINK("http://evil.example","bấm")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1",
    "\r=1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
]


def test_formula_text_is_escaped_and_numbers_stay_numbers():
    from datetime import date
    from decimal import Decimal

    for text in HOSTILE:
        assert escape_formula(text) == "'" + text
    for value in ("Thu ngân sách", "1.057,091", "", Decimal("-5"), -5, None):
        assert escape_formula(value) == value
    # An importer reads an export's escaped text back as it was typed.
    for text in [*HOSTILE, "'trích dẫn'", "Thu ngân sách", ""]:
        assert unescape_formula(escape_formula(text)) == text

    rows = [["Mã", "Ghi chú", "Số"], *[["CT", text, Decimal("-5")] for text in HOSTILE]]
    data = csv_bytes(rows, convert=lambda v: str(v).replace(".", ","))
    assert data.startswith("\ufeff".encode())
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [row[1] for row in parsed[1:]] == ["'" + text for text in HOSTILE]
    assert {row[2] for row in parsed[1:]} == {"-5"}

    book = Workbook()
    sheet = book.active
    for text in [*HOSTILE, "#N/A", "a\x01b"]:
        sheet.append(xlsx_row(sheet, [text, Decimal("1057.091"), date(2022, 3, 31)]))
    out = io.BytesIO()
    book.save(out)
    read = load_workbook(io.BytesIO(out.getvalue()))
    cells = list(read.active.iter_rows())
    assert all(row[0].data_type == "s" for row in cells)
    # (XML itself reads a carriage return as a line feed.)
    expected = [text.replace("\r", "\n") for text in HOSTILE]
    assert [row[0].value for row in cells] == [*expected, "#N/A", "ab"]
    assert {row[1].data_type for row in cells} == {"n"}
    assert {row[2].data_type for row in cells} == {"d"}
