"""Import many documents at once from a CSV or XLSX list and a ZIP of their files.

All or nothing: every row, every referenced ZIP entry and every file's content is
checked first; if anything is wrong nothing is saved and each problem is reported
as (row, column, message in Vietnamese). Imported documents are saved as drafts and
submitted to the portal's workflow, unless the user may publish there and asked to
publish at once.
"""

import io
import os
import unicodedata
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from congtin.core.spreadsheets import (
    ImportFileError,
    RowError,
    cell_date,
    cell_text,
    read_csv,
    read_xlsx,
)
from congtin.core.vietnamese import fold

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
MAX_ROWS = 1000
MAX_ZIP_TOTAL = 500 * 1024 * 1024
_TRUE = {"x", "co", "1", "true", "dung", "yes"}
_FALSE = {"", "khong", "0", "false", "sai", "no"}
_TYPES = {}
for _value, _label in DocumentType.choices:
    _TYPES[fold(_value)] = _value
    _TYPES[fold(_label)] = _value


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    created: list[LegalDocumentPage] = field(default_factory=list)
    published: bool = False

    @property
    def ok(self):
        return not self.errors


def read_table(filename: str, data: bytes) -> list[list]:
    name = filename.lower()
    if name.endswith(".csv"):
        return read_csv(data)
    if name.endswith(".xlsx"):
        sheets = read_xlsx(data)
        if not sheets:
            raise ImportFileError("Tệp XLSX không có bảng nào.")
        return next(iter(sheets.values()))
    raise ImportFileError("Danh sách phải là tệp .xlsx hoặc .csv.")


def _entry_key(name: str) -> str:
    """ZIP entries are matched by file name, NFC (macOS writes NFD), any folder."""
    return unicodedata.normalize("NFC", os.path.basename(name.replace("\\", "/")))


class ZipFiles:
    """The files in the uploaded ZIP, by name; content read on demand."""

    def __init__(self, data: bytes | None):
        self.archive = None
        self.entries: dict[str, zipfile.ZipInfo] = {}
        if not data:
            return
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            infos = [i for i in self.archive.infolist() if not i.is_dir()]
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise ImportFileError("Không đọc được tệp ZIP (tệp hỏng).") from exc
        if sum(i.file_size for i in infos) > MAX_ZIP_TOTAL:
            raise ImportFileError("Các tệp trong ZIP khi giải nén lớn quá 500 MB.")
        for info in infos:
            self.entries.setdefault(_entry_key(info.filename), info)

    def read(self, name: str) -> bytes:
        info = self.entries[_entry_key(name)]
        if info.file_size > files.MAX_FILE_SIZE:
            raise ValidationError(f"Tệp “{name}” lớn quá 20 MB.")
        try:
            return self.archive.read(info)
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as exc:
            raise ValidationError(f"Không giải nén được tệp “{name}”.") from exc


def _header_positions(header, errors) -> dict | None:
    by_label = {fold(label): key for key, label in COLUMNS}
    by_label.update({fold(key): key for key, _ in COLUMNS})
    by_label.update({fold(alias): key for alias, key in ALIASES.items()})
    positions = {}
    for index, cell in enumerate(header):
        key = by_label.get(fold(cell_text(cell)))
        if key and key not in positions:
            positions[key] = index
    missing = [LABELS[k] for k, _ in COLUMNS if k in REQUIRED and k not in positions]
    for label in missing:
        errors.append(RowError(1, label, "Thiếu cột này trong dòng tiêu đề."))
    return None if missing else positions


def check_rows(index_page, table, zipped: ZipFiles, errors) -> list[dict]:
    """Rows as ready-to-save dicts; appends every problem to ``errors``."""
    while table and not any(cell_text(c) for c in table[-1]):
        table.pop()
    if not table:
        errors.append(RowError(1, "", "Tệp không có dòng tiêu đề."))
        return []
    positions = _header_positions(table[0], errors)
    if positions is None:
        return []
    if len(table) - 1 > MAX_ROWS:
        errors.append(RowError(1, "", f"Mỗi lần nhập tối đa {MAX_ROWS} văn bản."))
        return []
    existing = {
        (fold(n), fold(b))
        for n, b in LegalDocumentPage.objects.child_of(index_page).values_list(
            "number", "issuing_body"
        )
    }
    seen = {}
    rows = []
    for number, raw in enumerate(table[1:], start=2):
        cells = {k: raw[i] if i < len(raw) else None for k, i in positions.items()}
        if not any(cell_text(v) for v in cells.values()):
            continue

        def bad(key, message, number=number):
            errors.append(RowError(number, LABELS[key], message))

        row = {"row": number}
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
        if flag in _TRUE:
            row["partly_expired"] = True
        elif flag in _FALSE:
            row["partly_expired"] = False
        else:
            bad("partly_expired", "Ghi “x” (có) hoặc để trống (không).")
        if row["number"] and row["issuing_body"]:
            key = (fold(row["number"]), fold(row["issuing_body"]))
            if key in existing:
                bad(
                    "number",
                    f"Văn bản {row['number']} của {row['issuing_body']} đã có.",
                )
            elif key in seen:
                bad("number", f"Trùng với dòng {seen[key]} trong tệp.")
            else:
                seen[key] = number
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
                data = zipped.read(name)
                files.check_content(_entry_key(name), data)
            except ValidationError as exc:
                bad("files", " ".join(exc.messages))
                continue
            row["files"].append((_entry_key(name), data))
        rows.append(row)
    if not rows and not errors:
        errors.append(RowError(2, "", "Tệp không có dòng văn bản nào."))
    return rows


def default_title(row) -> str:
    label = DocumentType(row["doc_type"]).label
    return (
        f"{label} số {row['number']} ngày {row['issue_date']:%d/%m/%Y} "
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
        for name, data in row["files"]:
            page.files.add(
                LegalDocumentFile(file=ContentFile(data, name=name), original_name=name)
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
    """Check everything, then save every row or none. ImportFileError when the list
    or the ZIP cannot be read at all."""
    report = ImportReport(published=publish)
    table = read_table(table_name, table_data)
    zipped = ZipFiles(zip_data)
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
