"""Procedures to and from a spreadsheet: export of a list, import that adds or
updates procedures by their code.

Agencies keep their list of procedures in spreadsheets, in the shape the national
database publishes. The export writes the columns the import reads, so a file can
be exported, edited and imported back.

The import is all or nothing and can be tried first: every row is checked before
anything is saved, each problem reported as "Dòng N, cột “…”: …" in Vietnamese, and
a dry run (``save=False``) says what each row would do without saving. A row whose
code the portal already has updates that procedure (a new revision) unless nothing
in it changed, so importing the same file twice changes nothing. Saved procedures go
through the portal's workflow, unless the user may publish and asked to. The file is
read within the limits of ``congtin.core.spreadsheets``.
"""

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django_tasks import task

from congtin.core.spreadsheets import (
    ImportFileError,
    Row,
    RowError,
    cell_text,
    check_table_size,
    choice_lookup,
    csv_bytes,
    keyed_rows,
    read_csv,
    read_xlsx,
    row_reporter,
    table_xlsx,
    unescape_formula,
)
from congtin.core.vietnamese import fold
from congtin.documents.models import LegalDocumentPage
from congtin.portals.sites import portal_of

from .models import (
    CODE_RE,
    ProcedureBasis,
    ProcedurePage,
    ProcedurePaper,
    normalise_code,
    validate_https,
)
from .vocab import LEVEL_WORDS, ONLINE_WORDS, Level, OnlineLevel

__all__ = ["ImportFileError", "import_procedures"]

logger = logging.getLogger(__name__)

COLUMNS = [
    ("code", "Mã thủ tục"),
    ("title", "Tên thủ tục"),
    ("field", "Lĩnh vực"),
    ("level", "Cấp thực hiện"),
    ("online_level", "Mức độ dịch vụ công trực tuyến"),
    ("processing_time", "Thời hạn giải quyết"),
    ("processing_days", "Số ngày làm việc"),
    ("fees", "Phí, lệ phí"),
    ("papers", "Thành phần hồ sơ"),
    ("steps", "Trình tự thực hiện"),
    ("result", "Kết quả thực hiện"),
    ("agency", "Cơ quan thực hiện"),
    ("bases", "Căn cứ pháp lý"),
    ("filing_url", "Địa chỉ nộp hồ sơ trực tuyến"),
    ("note", "Ghi chú"),
]
# Other headers the national database's exports and agencies' lists use.
ALIASES = {
    "Mã TTHC": "code",
    "Mã số": "code",
    "Tên TTHC": "title",
    "Tên thủ tục hành chính": "title",
    "Cấp": "level",
    "Mức độ": "online_level",
    "Mức độ DVC": "online_level",
    "Dịch vụ công trực tuyến": "online_level",
    "Thời gian giải quyết": "processing_time",
    "Phí": "fees",
    "Lệ phí": "fees",
    "Hồ sơ": "papers",
    "Trình tự": "steps",
    "Kết quả": "result",
    "Cơ quan": "agency",
    "Căn cứ": "bases",
    "Nộp trực tuyến": "filing_url",
}
REQUIRED = {
    "code",
    "title",
    "field",
    "level",
    "processing_time",
    "steps",
    "result",
    "agency",
}
LABELS = dict(COLUMNS)
MAX_LENGTHS = {
    "code": 60,
    "title": 255,
    "field": 255,
    "processing_time": 500,
    "agency": 255,
    "filing_url": 500,
}
MAX_DAYS = 999
_LEVELS = choice_lookup(Level.choices, LEVEL_WORDS)
_ONLINE = choice_lookup(OnlineLevel.choices, ONLINE_WORDS)
# "Tờ khai (1 bản chính, 2 bản sao)", folded: the counts after a paper's name.
_COUNTS_RE = re.compile(r"\(([^()]*\bban\b[^()]*)\)\s*$")
_COUNT_RE = re.compile(r"(\d+)\s*ban\s*(chinh|sao)")
_DAYS_RE = re.compile(r"(\d+)\s*ngay lam viec")
_ITEM_SPLIT_RE = re.compile(r"[\n;]+")

CREATE, UPDATE, SAME = "them", "sua", "giu"
ACTION_LABELS = {CREATE: "Thêm mới", UPDATE: "Cập nhật", SAME: "Không thay đổi"}


@dataclass
class Planned:
    row: int
    code: str
    title: str
    action: str
    page: ProcedurePage | None = None

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)
    saved: bool = False
    # Handed to the task worker, which saves it shortly.
    queued: bool = False
    published: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(1 for p in self.planned if p.action == action)

    @property
    def created(self) -> int:
        return self.count(CREATE)

    @property
    def updated(self) -> int:
        return self.count(UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(SAME)


# --- Export ---------------------------------------------------------------------------


def paper_line(paper) -> str:
    return f"{paper.name} ({paper.count_label})" if paper.count_label else paper.name


def export_rows(procedures):
    """The header, then one row per procedure, in the import's columns."""
    yield [label for _key, label in COLUMNS]
    for p in procedures:
        yield [
            p.code,
            p.title,
            p.field,
            p.level_label,
            p.online_label,
            p.processing_time,
            p.processing_days,
            p.fees,
            "\n".join(paper_line(paper) for paper in p.papers.all()),
            p.steps,
            p.result,
            p.agency,
            "\n".join(basis.label for basis in p.bases.all()),
            p.filing_url,
            p.note,
        ]


def export_csv(rows) -> bytes:
    """UTF-8 with BOM; text a spreadsheet would run as a formula is escaped."""
    return csv_bytes(rows, convert=lambda v: "" if v is None else str(v))


def export_xlsx(rows) -> bytes:
    return table_xlsx(rows, "Thủ tục hành chính", wrap=True)


# --- Import ---------------------------------------------------------------------------


def read_table(filename: str, source) -> list[Row]:
    """The list's rows; ``source`` is bytes or a binary file (an upload)."""
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


def _items(text: str) -> list[str]:
    return [item.strip(" -•\t") for item in _ITEM_SPLIT_RE.split(text) if item.strip()]


def parse_papers(text: str) -> list[tuple[str, int, int]]:
    """(name, originals, copies) of each line; "(1 bản chính, 2 bản sao)" after a
    name gives the counts, and a name alone means one original."""
    papers = []
    for item in _items(text):
        folded = fold(item)
        match = _COUNTS_RE.search(folded)
        counts = _COUNT_RE.findall(match.group(1)) if match else []
        if match is None or not counts:
            papers.append((item, 1, 0))
            continue
        originals = sum(int(n) for n, kind in counts if kind == "chinh")
        copies = sum(int(n) for n, kind in counts if kind == "sao")
        # fold() keeps the length of NFC text, so the position holds in ``item``.
        papers.append((item[: match.start()].rstrip(), originals, copies))
    return papers


def document_finder(index_page):
    """A function from a legal basis's text to the live document of the same portal
    whose number it names, or None."""
    portal = portal_of(index_page)
    documents = LegalDocumentPage.objects.live().only("id", "number", "title")
    if portal is not None:
        documents = documents.descendant_of(portal.home)
    by_number = {}
    for document in documents:
        number = fold(document.number).strip()
        if number:
            by_number.setdefault(number, document)
    # Longest numbers first, so "128/NQ-CP" wins over "28/NQ-CP" inside it.
    patterns = [
        (re.compile(rf"(?<![\w/.-]){re.escape(number)}(?![\w/-])"), document)
        for number, document in sorted(by_number.items(), key=lambda i: -len(i[0]))
    ]

    def find(text: str):
        folded = fold(text)
        for pattern, document in patterns:
            if pattern.search(folded):
                return document
        return None

    return find


def _cell(cells, key) -> str:
    """A cell's text; an export's escaped formula-like text is read back as it was."""
    return unescape_formula(cell_text(cells.get(key)))


def _text_cells(cells, bad) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for key in (
        "code",
        "title",
        "field",
        "processing_time",
        "fees",
        "steps",
        "result",
        "agency",
        "filing_url",
        "note",
    ):
        row[key] = _cell(cells, key)
        if key in MAX_LENGTHS and len(row[key]) > MAX_LENGTHS[key]:
            bad(key, f"Dài quá {MAX_LENGTHS[key]} ký tự.")
    for key in REQUIRED - {"level"}:
        if not row[key]:
            bad(key, "Không được để trống.")
    return row


def _check_row(cells, bad, find_document) -> dict[str, Any]:
    row = _text_cells(cells, bad)
    row["code"] = normalise_code(row["code"])
    if row["code"] and not CODE_RE.match(row["code"]):
        bad("code", f"“{row['code']}” không phải mã thủ tục (ví dụ 1.001612).")
    level_text = _cell(cells, "level")
    row["level"] = _LEVELS.get(fold(level_text))
    if not level_text:
        bad("level", "Không được để trống.")
    elif row["level"] is None:
        bad("level", f"“{level_text}” không phải cấp thực hiện (cấp tỉnh, huyện, xã).")
    online_text = _cell(cells, "online_level")
    row["online_level"] = (
        _ONLINE.get(fold(online_text)) if online_text else OnlineLevel.INFORMATION
    )
    if row["online_level"] is None:
        bad(
            "online_level",
            f"“{online_text}” không phải mức độ dịch vụ công (Toàn trình, Một phần, "
            "Chỉ cung cấp thông tin).",
        )
    days_text = _cell(cells, "processing_days")
    row["processing_days"] = None
    if days_text:
        if days_text.isdigit() and 0 < int(days_text) <= MAX_DAYS:
            row["processing_days"] = int(days_text)
        else:
            bad("processing_days", f"“{days_text}” không phải số ngày (1 đến 999).")
    elif "processing_days" not in cells:
        # A list without the column: "15 ngày làm việc" in the time gives the
        # number. An empty cell of the column stays empty (an export of a
        # procedure without the number imports back unchanged).
        match = _DAYS_RE.search(fold(row["processing_time"]))
        if match and 0 < int(match.group(1)) <= MAX_DAYS:
            row["processing_days"] = int(match.group(1))
    if row["filing_url"]:
        try:
            validate_https(row["filing_url"])
        except ValidationError as exc:
            bad("filing_url", " ".join(exc.messages))
    row["papers"] = parse_papers(_cell(cells, "papers"))
    for name, _originals, _copies in row["papers"]:
        if len(name) > 500:
            bad("papers", "Tên một giấy tờ dài quá 500 ký tự.")
    row["bases"] = []
    for text in _items(_cell(cells, "bases")):
        if len(text) > 500:
            bad("bases", "Một căn cứ pháp lý dài quá 500 ký tự.")
        document = find_document(text)
        row["bases"].append((text, document.pk if document else None))
    return row


FIELDS = (
    "title",
    "field",
    "level",
    "online_level",
    "processing_time",
    "processing_days",
    "fees",
    "steps",
    "result",
    "agency",
    "filing_url",
    "note",
)


def _state(page) -> dict:
    """What an import compares: the fields, papers and legal bases of ``page``."""
    state = {key: getattr(page, key) for key in FIELDS}
    state["papers"] = [(p.name, p.originals, p.copies) for p in page.papers.all()]
    state["bases"] = [(b.text, b.document_id) for b in page.bases.all()]
    return state


def _row_state(row) -> dict:
    state = {key: row[key] for key in FIELDS}
    state["papers"] = row["papers"]
    state["bases"] = row["bases"]
    return state


def check_rows(index_page, table, user, errors) -> list[tuple[Planned, dict]]:
    """Each row with what saving it would do; appends every problem to ``errors``."""
    errors_before = len(errors)
    keyed = keyed_rows(table, COLUMNS, REQUIRED, errors, aliases=ALIASES)
    if len(errors) > errors_before:
        return []
    existing = {page.code: page for page in ProcedurePage.objects.child_of(index_page)}
    find_document = document_finder(index_page)
    seen: dict[str, int] = {}
    checked = []
    for number, cells in keyed:
        if not any(cell_text(v) for v in cells.values()):
            continue
        bad = row_reporter(errors, LABELS, number)
        row = _check_row(cells, bad, find_document)
        code = row["code"]
        if code in seen:
            bad("code", f"Trùng mã với dòng {seen[code]} trong tệp.")
        elif code:
            seen[code] = number
        page = existing.get(code)
        action = CREATE
        if page is not None:
            if not page.permissions_for_user(user).can_edit():
                bad("code", f"Bạn không có quyền sửa thủ tục mã {code}.")
            # What the editor sees in the admin: the latest draft, if any.
            page = page.get_latest_revision_as_object()
            action = SAME if _state(page) == _row_state(row) else UPDATE
        checked.append((Planned(number, code, row["title"], action, page), row))
    if not checked and not errors:
        errors.append(RowError(table[0][0] + 1, "", "Tệp không có dòng thủ tục nào."))
    return checked


def _fill(page: ProcedurePage, row: dict) -> None:
    for key in FIELDS:
        setattr(page, key, row[key])
    page.papers = [
        ProcedurePaper(name=name, originals=originals, copies=copies)
        for name, originals, copies in row["papers"]
    ]
    page.bases = [
        ProcedureBasis(text=text, document_id=document_id)
        for text, document_id in row["bases"]
    ]


def _save(index_page, planned: Planned, row: dict, user, publish: bool) -> None:
    if planned.action == SAME:
        return
    if planned.page is None:
        page = ProcedurePage(
            code=row["code"], live=False, has_unpublished_changes=True, owner=user
        )
        _fill(page, row)
        index_page.add_child(instance=page)
    else:
        page = planned.page
        _fill(page, row)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
        return
    workflow = page.get_workflow()
    if workflow is not None and not page.workflow_in_progress:
        workflow.start(page, user)


def import_procedures(
    index_page, table_name, table_data, user, *, save=True, publish=False
) -> ImportReport:
    """Check every row; with ``save``, and no error, save them all in one
    transaction, or, past ``PROCEDURES_IMPORT_BACKGROUND_ROWS`` procedures to save,
    hand the checked list to the task worker (``report.queued``).
    ImportFileError when the file cannot be read or passes a limit."""
    table = read_table(table_name, table_data)
    report = import_table(index_page, table, user, save=False, publish=publish)
    if report.errors or not save:
        return report
    if report.created + report.updated > settings.PROCEDURES_IMPORT_BACKGROUND_ROWS:
        # Plain text cells, so the list goes to the task as JSON.
        plain = [[number, [cell_text(c) for c in cells]] for number, cells in table]
        import_in_background.enqueue(index_page.pk, user.pk, plain, publish)
        report.queued = True
        return report
    return import_table(index_page, table, user, save=True, publish=publish)


def import_table(index_page, table, user, *, save, publish) -> ImportReport:
    report = ImportReport(published=publish)
    checked = check_rows(index_page, table, user, report.errors)
    report.planned = [planned for planned, _row in checked]
    if report.errors or not save:
        return report
    with transaction.atomic():
        for planned, row in checked:
            _save(index_page, planned, row, user, publish)
    report.saved = True
    return report


@task()
def import_in_background(index_pk: int, user_pk: int, table: list, publish: bool):
    """A large checked import, saved by the worker. The rows are checked again
    against the portal as it is now: if someone changed it meanwhile so that a row
    no longer fits, nothing is saved and the problems are logged."""
    from django.contrib.auth import get_user_model

    from .models import ProcedureIndexPage

    index_page = ProcedureIndexPage.objects.get(pk=index_pk)
    user = get_user_model().objects.get(pk=user_pk)
    report = import_table(index_page, table, user, save=True, publish=publish)
    if report.errors:
        logger.warning(
            "Import of procedures into page %s not saved: %s",
            index_pk,
            "; ".join(str(e) for e in report.errors),
        )
    return {
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "errors": [str(e) for e in report.errors],
    }
