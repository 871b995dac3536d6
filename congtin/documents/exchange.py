"""Import many documents at once from a CSV or XLSX list and a ZIP of their files.

All or nothing: every row, every referenced ZIP entry and every file's content is
checked first; if anything is wrong nothing is saved and each problem is reported
as (row, column, message in Vietnamese). Imported documents are saved as drafts and
submitted to the portal's workflow, unless the user may publish there and asked to
publish at once.

Both files are read within the limits of ``congtin.core.spreadsheets`` (size, rows,
columns, cells; ZIP entries, uncompressed size, compression ratio). A ZIP entry is
extracted once, streamed to a temporary file, however many rows name it.
"""

import mmap
import os
import shutil
import tempfile
import unicodedata
import zipfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from congtin.core.spreadsheets import (
    NO_WORDS,
    YES_WORDS,
    ZIP_READ_ERRORS,
    ImportFileError,
    Row,
    RowError,
    cell_date,
    cell_text,
    choice_lookup,
    file_size,
    keyed_rows,
    limit,
    open_zip,
    read_table,
    row_reporter,
)
from congtin.core.vietnamese import fold, format_date, format_file_size

from . import files
from .models import LegalDocumentFile, LegalDocumentPage
from .vocab import DocumentType

COLUMNS = [
    ("number", "Số ký hiệu"),
    ("doc_type", "Loại văn bản"),
    ("issuing_body", "Cơ quan ban hành"),
    ("signer", "Người ký"),
    ("issue_date", "Ngày ban hành"),
    ("effective_date", "Ngày có hiệu lực"),
    ("expiry_date", "Ngày hết hiệu lực"),
    ("partly_expired", "Hết hiệu lực một phần"),
    ("field", "Lĩnh vực"),
    ("summary", "Trích yếu"),
    ("title", "Tiêu đề"),
    ("files", "Tệp"),
    ("note", "Ghi chú"),
]
# Other headers people write for the same columns (a quoted CSV cell or an XLSX
# cell may hold the comma of "Số, ký hiệu").
ALIASES = {
    "Số, ký hiệu": "number",
    "Số hiệu": "number",
    "Loại": "doc_type",
    "Cơ quan": "issuing_body",
    "Tệp đính kèm": "files",
}
REQUIRED = {"number", "doc_type", "issuing_body", "issue_date", "summary"}
LABELS = dict(COLUMNS)
MAX_LENGTHS = {
    "number": 100,
    "issuing_body": 255,
    "signer": 255,
    "field": 255,
    "title": 255,
}
_TYPES = choice_lookup(DocumentType.choices)


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    created: list[LegalDocumentPage] = field(default_factory=list)
    published: bool = False

    @property
    def ok(self):
        return not self.errors


def _entry_key(name: str) -> str:
    """ZIP entries are matched by file name, NFC (macOS writes NFD), any folder."""
    return unicodedata.normalize("NFC", os.path.basename(name.replace("\\", "/")))


def _check_extracted(name: str, path: str) -> None:
    """``files.check_content`` on an extracted file without reading it into memory:
    a read-only mapping reads only the pages the check looks at."""
    if os.path.getsize(path) == 0:
        files.check_content(name, b"")  # mmap refuses empty files
        return
    with open(path, "rb") as handle:
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as content:
            files.check_content(name, content)


class ZipFiles:
    """The files in the uploaded ZIP, by name (NFC, any folder).

    An entry is extracted on first use into ``workdir``, streamed, and checked once;
    every row naming it gets the same path, or the same error.
    """

    def __init__(self, source, workdir: str):
        self.archive = None
        self.workdir = workdir
        self.entries: dict[str, zipfile.ZipInfo] = {}
        self._done: dict[str, str | ValidationError] = {}
        if source is None or file_size(source) == 0:
            return
        most = limit("IMPORT_MAX_ARCHIVE_BYTES")
        if file_size(source) > most:
            raise ImportFileError(f"Tệp ZIP lớn quá {format_file_size(most)}.")
        self.archive = open_zip(
            source,
            what="ZIP",
            max_uncompressed=limit("IMPORT_MAX_ARCHIVE_UNCOMPRESSED_BYTES"),
        )
        for info in self.archive.infolist():
            if not info.is_dir():
                self.entries.setdefault(_entry_key(info.filename), info)

    def extract(self, name: str) -> str:
        """The path of the checked file; ValidationError (Vietnamese) otherwise."""
        key = _entry_key(name)
        if key not in self._done:
            try:
                self._done[key] = self._extract(key)
            except ValidationError as exc:
                self._done[key] = exc
        result = self._done[key]
        if isinstance(result, ValidationError):
            raise result
        return result

    def _extract(self, key: str) -> str:
        info = self.entries[key]
        # Checked before reading: zipfile never inflates past the declared size.
        if info.file_size > files.MAX_FILE_SIZE:
            raise ValidationError(
                f"Tệp “{key}” lớn quá {format_file_size(files.MAX_FILE_SIZE)}."
            )
        path = os.path.join(self.workdir, f"{len(self._done)}.tep")
        # Entries are listed only from an archive that was opened.
        assert self.archive is not None
        try:
            with self.archive.open(info) as source, open(path, "wb") as target:
                shutil.copyfileobj(source, target, 1024 * 1024)
        except ZIP_READ_ERRORS as exc:
            raise ValidationError(f"Không giải nén được tệp “{key}”.") from exc
        _check_extracted(key, path)
        return path


def check_rows(index_page, table: list[Row], zipped: ZipFiles, errors) -> list[dict]:
    """Rows as ready-to-save dicts; appends every problem to ``errors``."""
    errors_before = len(errors)
    keyed = keyed_rows(table, COLUMNS, REQUIRED, errors, aliases=ALIASES)
    if len(errors) > errors_before:
        return []
    existing = {
        (fold(n), fold(b))
        for n, b in LegalDocumentPage.objects.child_of(index_page).values_list(
            "number", "issuing_body"
        )
    }
    seen: dict[tuple[str, str], int] = {}
    rows = []
    for number, cells in keyed:
        # A row with text only in columns not imported is empty here.
        if not any(cell_text(v) for v in cells.values()):
            continue
        bad = row_reporter(errors, LABELS, number)
        row: dict[str, Any] = {"row": number}
        for key in (
            "number",
            "issuing_body",
            "signer",
            "field",
            "summary",
            "title",
            "note",
        ):
            row[key] = cell_text(cells.get(key))
            if key in MAX_LENGTHS and len(row[key]) > MAX_LENGTHS[key]:
                bad(key, f"Dài quá {MAX_LENGTHS[key]} ký tự.")
        for key in REQUIRED - {"doc_type", "issue_date"}:
            if not row[key]:
                bad(key, "Không được để trống.")
        kind_text = cell_text(cells.get("doc_type"))
        row["doc_type"] = _TYPES.get(fold(kind_text))
        if not kind_text:
            bad("doc_type", "Không được để trống.")
        elif row["doc_type"] is None:
            bad(
                "doc_type",
                f"“{kind_text}” không phải loại văn bản đã biết (ví dụ: Nghị quyết, "
                "Quyết định, Chỉ thị, Kế hoạch, Thông báo, Công văn).",
            )
        for key in ("issue_date", "effective_date", "expiry_date"):
            value = cells.get(key)
            row[key] = None
            if not cell_text(value):
                if key == "issue_date":
                    bad(key, "Không được để trống.")
                continue
            try:
                row[key] = cell_date(value)
            except ValueError:
                bad(key, f"“{cell_text(value)}” không phải ngày (viết dd/mm/yyyy).")
        if (
            row["issue_date"]
            and row["effective_date"]
            and (row["effective_date"] < row["issue_date"])
        ):
            bad("effective_date", "Ngày có hiệu lực trước ngày ban hành.")
        starts = row["effective_date"] or row["issue_date"]
        if starts and row["expiry_date"] and row["expiry_date"] <= starts:
            bad("expiry_date", "Ngày hết hiệu lực phải sau ngày có hiệu lực.")
        flag = fold(cell_text(cells.get("partly_expired")))
        if flag in YES_WORDS:
            row["partly_expired"] = True
        elif flag in NO_WORDS:
            row["partly_expired"] = False
        else:
            bad("partly_expired", "Ghi “x” (có) hoặc để trống (không).")
        if row["number"] and row["issuing_body"]:
            identity = (fold(row["number"]), fold(row["issuing_body"]))
            if identity in existing:
                bad(
                    "number",
                    f"Văn bản {row['number']} của {row['issuing_body']} đã có.",
                )
            elif identity in seen:
                bad("number", f"Trùng với dòng {seen[identity]} trong tệp.")
            else:
                seen[identity] = number
        row["files"] = []
        names = [
            n.strip() for n in cell_text(cells.get("files")).split(";") if n.strip()
        ]
        for name in names:
            if not zipped.entries:
                bad("files", f"Dòng ghi tệp “{name}” nhưng chưa chọn tệp ZIP.")
                continue
            if _entry_key(name) not in zipped.entries:
                bad("files", f"Không có tệp “{name}” trong tệp ZIP.")
                continue
            try:
                path = zipped.extract(name)
            except ValidationError as exc:
                bad("files", " ".join(exc.messages))
                continue
            row["files"].append((_entry_key(name), path))
        rows.append(row)
    if not rows and not errors:
        header_number = table[0][0]
        errors.append(RowError(header_number + 1, "", "Tệp không có dòng văn bản nào."))
    return rows


def default_title(row) -> str:
    label = DocumentType(row["doc_type"]).label
    return (
        f"{label} số {row['number']} ngày {format_date(row['issue_date'])} "
        f"của {row['issuing_body']}"
    )[:255]


def _save(index_page, rows, user, publish, stored) -> list[LegalDocumentPage]:
    created = []
    for row in rows:
        page = LegalDocumentPage(
            title=row["title"] or default_title(row),
            number=row["number"],
            doc_type=row["doc_type"],
            issuing_body=row["issuing_body"],
            signer=row["signer"],
            issue_date=row["issue_date"],
            effective_date=row["effective_date"],
            expiry_date=row["expiry_date"],
            partly_expired=row["partly_expired"],
            field=row["field"],
            summary=row["summary"],
            note=row["note"],
            live=False,
            has_unpublished_changes=True,
            owner=user,
        )
        with ExitStack() as opened:
            # Storage copies each extracted file in chunks while the page is saved.
            for name, path in row["files"]:
                handle = opened.enter_context(open(path, "rb"))
                page.files.add(
                    LegalDocumentFile(file=File(handle, name=name), original_name=name)
                )
            index_page.add_child(instance=page)
        stored.extend(f.file.name for f in page.files.all())
        revision = page.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
        else:
            workflow = page.get_workflow()
            if workflow is not None:
                workflow.start(page, user)
        created.append(page)
    return created


def import_documents(index_page, table_name, table_data, zip_data, user, publish=False):
    """Check everything, then save every row or none. ``table_data`` and
    ``zip_data`` are bytes or binary files (uploads); ``zip_data`` may be None.
    ImportFileError when the list or the ZIP cannot be read at all or passes a limit."""
    table = read_table(table_name, table_data)
    with tempfile.TemporaryDirectory(prefix="congtin-import-") as workdir:
        zipped = ZipFiles(zip_data, workdir)
        try:
            return _import_rows(index_page, table, zipped, user, publish)
        finally:
            if zipped.archive is not None:
                zipped.archive.close()


def _import_rows(index_page, table, zipped, user, publish) -> ImportReport:
    report = ImportReport(published=publish)
    rows = check_rows(index_page, table, zipped, report.errors)
    if report.errors:
        return report
    stored: list[str] = []
    try:
        with transaction.atomic():
            report.created = _save(index_page, rows, user, publish, stored)
    except Exception:
        # The database rolled back; the files already written to storage go too.
        storage = LegalDocumentFile._meta.get_field("file").storage
        for name in stored:
            storage.delete(name)
        raise
    return report
