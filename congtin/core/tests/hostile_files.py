"""Hostile spreadsheets and archives for the importers' tests and bench/import_memory.py.

Each builder returns bytes as an attacker would upload them: small files that claim,
or unpack to, far more than they hold. The XLSX files are written by hand (a minimal
valid package) so that nothing tidies what a real attacker would send.
"""

import io
import struct
import zipfile
from contextlib import contextmanager
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_TYPE = DOC_RELS + "/worksheet"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def row_xml(number: int, values) -> str:
    """One <row> of inline-string cells (None: no cell)."""
    cells = "".join(
        f'<c r="{get_column_letter(i)}{number}" t="inlineStr"><is><t>'
        f"{escape(str(v))}</t></is></c>"
        for i, v in enumerate(values, start=1)
        if v is not None
    )
    return f'<row r="{number}">{cells}</row>'


def sheet_xml(rows_xml: str, dimension: str = "A1", after: str = "") -> str:
    return (
        f'{XML}<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/>'
        f"<sheetData>{rows_xml}</sheetData>{after}</worksheet>"
    )


def xlsx_package(sheets: dict[str, str], extra: dict[str, bytes] | None = None):
    """An XLSX of ``sheets`` (title -> worksheet XML), plus ``extra`` parts as is."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    content_types = (
        f'{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        f'sheet.main+xml"/>{overrides}</Types>'
    )
    package_rels = (
        f'{XML}<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
        f'Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    workbook = (
        f'{XML}<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>'
        + "".join(
            f'<sheet name="{escape(title)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, title in enumerate(sheets, start=1)
        )
        + "</sheets></workbook>"
    )
    workbook_rels = (
        f'{XML}<Relationships xmlns="{RELS}">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{SHEET_TYPE}" '
            f'Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        + "</Relationships>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", package_rels)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        for i, xml in enumerate(sheets.values(), start=1):
            archive.writestr(f"xl/worksheets/sheet{i}.xml", xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def dimension_bomb(rows, title="Sheet1") -> bytes:
    """A tiny XLSX holding ``rows`` whose sheet claims all of A1:XFD1048576 and ends
    with an empty cell in its very last row and column (as a formatted cell would):
    a reader that pads to the dimension makes 16,384 cells of each of a million
    rows."""
    body = "".join(row_xml(n, values) for n, values in enumerate(rows, start=1))
    body += '<row r="1048576"><c r="XFD1048576"/></row>'
    return xlsx_package({title: sheet_xml(body, dimension="A1:XFD1048576")})


def many_rows_xlsx(header, row, count: int, title="Sheet1") -> bytes:
    """A header and ``count`` copies of ``row`` (any ``{n}`` in a cell numbered)."""
    body = [row_xml(1, header)]
    body += [
        row_xml(n, [str(v).replace("{n}", str(n)) for v in row])
        for n in range(2, count + 2)
    ]
    return xlsx_package({title: sheet_xml("".join(body))})


def many_rows_csv(header, row, count: int) -> bytes:
    lines = [",".join(header)]
    lines += [
        ",".join(str(v).replace("{n}", str(n)) for v in row)
        for n in range(2, count + 2)
    ]
    return ("\n".join(lines) + "\n").encode()


def empty_rows_xlsx(count: int) -> bytes:
    """Only ``count`` formatted empty rows: a few KB that openpyxl keeps one object
    per row for (with its height), hundreds of bytes each."""
    body = "".join(f'<row r="{n}" ht="20" customHeight="1"/>' for n in range(1, count))
    return xlsx_package({"Sheet1": sheet_xml(body)})


def merged_cells_xlsx(count: int) -> bytes:
    """One cell and ``count`` merged ranges, which openpyxl parses into objects."""
    merges = "".join(f'<mergeCell ref="A{n}:B{n}"/>' for n in range(1, count + 1))
    after = f'<mergeCells count="{count}">{merges}</mergeCells>'
    return xlsx_package({"Sheet1": sheet_xml(row_xml(1, ["x"]), after=after)})


def xml_bomb_xlsx(size: int) -> bytes:
    """An XLSX whose sheet unpacks to about ``size`` bytes of empty rows, compressed
    about a thousand times."""
    chunk = '<row r="5"/>' * 4096
    body = chunk * max(1, size // len(chunk))
    return xlsx_package({"Sheet1": sheet_xml(body)})


def zip_of(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb(name: str, size: int, prefix: bytes = b"%PDF-1.4\n") -> bytes:
    """A ZIP with one entry of ``size`` bytes, ``prefix`` then zeros, written in
    chunks (the bytes are never all in memory, here either)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(name, "w", force_zip64=size > 0x7FFFFFFF) as entry:
            entry.write(prefix)
            left = size - len(prefix)
            block = b"\0" * (1024 * 1024)
            while left > 0:
                entry.write(block[: min(left, len(block))])
                left -= len(block)
    return buffer.getvalue()


def many_entries_zip(count: int) -> bytes:
    """``count`` empty entries: a directory that zipfile turns into ``count``
    objects before anyone can count them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for n in range(count):
            archive.writestr(f"{n}.pdf", b"")
    return buffer.getvalue()


def with_zip64_end(data: bytes) -> bytes:
    """``data`` (a ZIP) ending as ZIP64 writers end it: the classic end record says
    0xFFFF entries and the real count is in the ZIP64 record before it."""
    at = data.rfind(b"PK\x05\x06")
    _, _, _, count, size, offset, _ = struct.unpack("<HHHHIIH", data[at + 4 : at + 22])
    record = struct.pack(
        "<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, size, offset
    )
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, at, 1)
    end = struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, size, offset, 0
    )
    return data[:at] + record + locator + end


@contextmanager
def memory_ceiling(extra_mb: int = 1024):
    """Inside, the process may grow its address space by ``extra_mb`` only, so that
    a runaway allocation fails at once with MemoryError instead of taking the
    machine's memory. A guard, not a measure: bench/import_memory.py measures."""
    try:
        import resource

        with open("/proc/self/status") as status:
            size = next(
                int(line.split()[1]) * 1024
                for line in status
                if line.startswith("VmSize:")
            )
    except (ImportError, OSError, StopIteration):
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    ceiling = size + extra_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
