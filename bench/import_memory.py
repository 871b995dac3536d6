"""Peak memory of the two importers fed hostile files, each import in a fresh process.

Run: ``.venv/bin/python bench/import_memory.py`` (about two minutes).
``--project DIR`` runs the imports with the code of another checkout (the hostile
files are still built by this one), to compare with an older version;
``--cap-mb`` (default 3072) bounds each import process's address space so that an
import that allocates without end stops with MemoryError instead of taking the
machine; ``--only NAME`` runs the cases whose name contains NAME.

What it does: builds a throw-away site in a temporary directory (SQLite database,
media; a portal at ``localhost`` with its "Văn bản" page, Lê Chân's 2021 and 2022
target plans from the seed article, one superuser) and the hostile files below.
Each case then runs in a new Python process on a copy of that database: Django is
set up, the import page is fetched once and a tiny import is read, so the code and
caches are warm; the resident set size is read (idle), the peak is reset
(``/proc/self/clear_refs``), the file is posted to the real admin view through
Django's test client, and the peak resident set size (VmHWM) is read again.
Printed per case: the answer's status, its first message, and the peak above idle.
Target: a hostile file costs less than 50 MB above idle. Figures are also written to
``bench/out/import-memory.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "import-memory.json"
TARGET_MB = 50
MB = 1024 * 1024

SETTINGS = """
from congtin.settings.test import *  # noqa: F401,F403

DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": {db!r}}}}}
MEDIA_ROOT = {media!r}
PRIVATE_MEDIA_ROOT = {private!r}
"""

DOC_HEADER = [
    "Số ký hiệu",
    "Loại văn bản",
    "Cơ quan ban hành",
    "Ngày ban hành",
    "Trích yếu",
    "Tệp",
]
DOC_ROW = ["{n}/QĐ-UBND", "Quyết định", "UBND quận Lê Chân", "01/03/2022", "Về {n}"]
FIG_HEADER = ["Mã chỉ tiêu", "Kỳ", "Số liệu", "Ngày", "Ghi chú"]
FIG_ROW = ["CT10", "Tháng 3", "{n}", "31/03/2022", "Dòng {n}"]


def build_files(folder: Path) -> list[dict]:
    """The cases: what is posted where, written to ``folder``."""
    sys.path.insert(0, str(ROOT))
    from congtin.core.tests import hostile_files as hostile
    from congtin.documents.pdf import simple_pdf

    def numbered(row, n):
        return [str(v).replace("{n}", str(n)) for v in row]

    def write(name, data):
        (folder / name).write_bytes(data)
        return name

    big_pdf = simple_pdf(["Phu luc"]) + os.urandom(20 * MB - 4096)
    doc_rows = [DOC_HEADER] + [numbered(DOC_ROW, n) + [""] for n in range(1, 3001)]
    fig_rows = [FIG_HEADER] + [numbered(FIG_ROW, n) for n in range(1, 3001)]
    cases = [
        {
            "name": "documents: dimension bomb XLSX, one valid row",
            "app": "documents",
            "table": write(
                "dim.xlsx", hostile.dimension_bomb([DOC_HEADER, doc_rows[1]])
            ),
        },
        {
            "name": "documents: 3,000 rows XLSX claiming A1:XFD1048576",
            "app": "documents",
            "table": write("dim3000.xlsx", hostile.dimension_bomb(doc_rows)),
        },
        {
            "name": "documents: 60,000 rows CSV (just under 5 MB)",
            "app": "documents",
            "table": write(
                "rows.csv", hostile.many_rows_csv(DOC_HEADER, DOC_ROW + [""], 60_000)
            ),
        },
        {
            "name": "documents: XLSX whose sheet unpacks to 200 MB",
            "app": "documents",
            "table": write("xmlbomb.xlsx", hostile.xml_bomb_xlsx(200 * MB)),
        },
        {
            "name": "documents: ZIP bomb, 400 MB entry named by a row",
            "app": "documents",
            "table": write(
                "bomb.csv", hostile.many_rows_csv(DOC_HEADER, DOC_ROW + ["bom.pdf"], 1)
            ),
            "archive": write("bomb.zip", hostile.zip_bomb("bom.pdf", 400 * MB)),
        },
        {
            "name": "documents: one 20 MB PDF named by 10 rows (accepted)",
            "app": "documents",
            "table": write(
                "ten.csv", hostile.many_rows_csv(DOC_HEADER, DOC_ROW + ["to.pdf"], 10)
            ),
            "archive": write("ten.zip", hostile.zip_of({"to.pdf": big_pdf})),
        },
        {
            "name": "targets: 3,000 figure rows XLSX claiming A1:XFD1048576",
            "app": "targets",
            "table": write(
                "fig3000.xlsx", hostile.dimension_bomb(fig_rows, title="Số liệu")
            ),
        },
        {
            "name": "targets: 100,000 figure rows CSV (just under 5 MB)",
            "app": "targets",
            "table": write(
                "figrows.csv", hostile.many_rows_csv(FIG_HEADER, FIG_ROW, 100_000)
            ),
        },
        {
            "name": "targets: 100,000 formatted empty rows XLSX",
            "app": "targets",
            "table": write("empty.xlsx", hostile.empty_rows_xlsx(100_000)),
        },
        {
            "name": "targets: 100,000 merged ranges XLSX",
            "app": "targets",
            "table": write("merged.xlsx", hostile.merged_cells_xlsx(100_000)),
        },
    ]
    for case in cases:
        case["bytes"] = sum(
            (folder / case[key]).stat().st_size
            for key in ("table", "archive")
            if key in case
        )
    return cases


# --- the child processes -------------------------------------------------------------


def setup_site():
    """Run in a child: migrate and build the minimal site."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    from congtin.demo.seed import parse_seed
    from congtin.documents.setup import ensure_document_index
    from congtin.editorial.setup import create_portal
    from congtin.targets.demo import load_targets_demo

    portal = create_portal(name="Quận Lê Chân", hostname="localhost", is_default=True)
    ensure_document_index(portal.site)
    load_targets_demo(portal.site, parse_seed())
    get_user_model().objects.create_superuser("bench", "bench@example.com", "x")


def status_kb(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


def run_case(case: dict, folder: Path) -> dict:
    """Run in a child: post the case's files to the real view, measure the peak."""
    import resource

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.test.client import (
        BOUNDARY,
        MULTIPART_CONTENT,
        FakePayload,
        encode_multipart,
    )
    from openpyxl import Workbook

    import congtin
    from congtin.twofactor.testing import verify_client

    client = Client(HTTP_HOST="localhost")
    bench_user = get_user_model().objects.get(username="bench")
    client.force_login(bench_user)
    # A superuser passes the admin's second factor too (congtin/twofactor).
    verify_client(client, bench_user)

    if case["app"] == "documents":
        from congtin.documents.models import DocumentIndexPage

        url = "/admin/van-ban/nhap-tep/"
        fields = {"index": str(DocumentIndexPage.objects.get().pk)}
    else:
        from congtin.targets.models import AnnualPlan

        url = "/admin/targets/nhap-tep/"
        fields = {"plan": str(AnnualPlan.objects.get(year=2022).pk), "kind": "figures"}

    # Warm: templates, openpyxl's modules, the form, a tiny refused import.
    client.get(url)
    book = Workbook()
    book.active.append(["Số ký hiệu"])
    tiny = folder / "tiny.xlsx"
    book.save(tiny)
    for _ in range(2):
        client.post(
            url,
            {
                **fields,
                ("table" if case["app"] == "documents" else "file"): (
                    SimpleUploadedFile("tiny.xlsx", tiny.read_bytes())
                ),
            },
        )

    # The request body is the browser's: built before measuring, as a server only
    # reads it from its socket.
    data = dict(fields)
    key = "table" if case["app"] == "documents" else "file"
    handles = [open(folder / case["table"], "rb")]
    data[key] = handles[0]
    if "archive" in case:
        handles.append(open(folder / case["archive"], "rb"))
        data["archive"] = handles[1]
    body = encode_multipart(BOUNDARY, data)
    for handle in handles:
        handle.close()
    request = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": url,
        "CONTENT_TYPE": MULTIPART_CONTENT,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": FakePayload(body),
    }
    del body

    cap = case["cap_mb"] * MB
    resource.setrlimit(resource.RLIMIT_AS, (status_kb("VmSize") * 1024 + cap, -1))
    idle = status_kb("VmRSS")
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")  # the peak (VmHWM) starts again from now
        method = "VmHWM"
    except OSError:
        method = "ru_maxrss (peak since start)"
    started = time.perf_counter()
    try:
        response = client.request(**request)
        status, content = response.status_code, response.content.decode()
    except MemoryError:
        status, content = "MemoryError", ""
    seconds = time.perf_counter() - started
    if method == "VmHWM":
        peak = status_kb("VmHWM")
    else:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "status": status,
        "message": first_message(content),
        "idle_mb": round(idle / 1024, 1),
        "peak_above_idle_mb": round((peak - idle) / 1024, 1),
        "seconds": round(seconds, 2),
        "method": method,
        "code": str(Path(congtin.__file__).parent.parent),
    }


def first_message(html: str) -> str:
    for pattern in (
        r'class="import-errors".*?<li[^>]*>(.*?)</li>',
        r'<li class="error">(.*?)</li>',
        r'class="error-message"[^>]*>(.*?)</',
    ):
        for found in re.finditer(pattern, html, re.S):
            text = re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip()
            if text:
                return text
    return ""


# --- the parent ----------------------------------------------------------------------


def child(project: Path, env: dict, *args: str, timeout=1800) -> str:
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{result.stderr[-4000:]}")
    return result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--cap-mb", type=int, default=3072)
    parser.add_argument("--only", default="")
    parser.add_argument(
        "--timeout", type=int, default=300, help="seconds per case (default 300)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()

    if options.child == "setup":
        setup_site()
        return
    if options.child == "case":
        case = json.loads(os.environ["BENCH_CASE"])
        print(json.dumps(run_case(case, options.folder)))
        return

    project = options.project.resolve()
    work = Path(tempfile.mkdtemp(prefix="congtin-import-bench-"))
    try:
        files = work / "files"
        files.mkdir()
        cases = [c for c in build_files(files) if options.only in c["name"]]
        db = work / "site.sqlite3"

        def environment(db_path: Path) -> dict:
            (work / "bench_settings.py").write_text(
                SETTINGS.format(
                    db=str(db_path),
                    media=str(work / "media"),
                    private=str(work / "private"),
                )
            )
            return {
                **os.environ,
                "PYTHONPATH": os.pathsep.join([str(work), str(project)]),
                "DJANGO_SETTINGS_MODULE": "bench_settings",
            }

        print(f"code: {project}; building the site...", flush=True)
        child(project, environment(db), "--child", "setup")
        results = []
        print(f"{'case':58} {'in':>8} {'status':>11} {'peak':>9} {'time':>7}  message")
        for case in cases:
            copy = work / "case.sqlite3"
            shutil.copy(db, copy)
            env = environment(copy)
            env["BENCH_CASE"] = json.dumps({**case, "cap_mb": options.cap_mb})
            try:
                output = child(
                    project,
                    env,
                    *("--child", "case", "--folder", str(files)),
                    timeout=options.timeout,
                )
                figures = json.loads(output.strip().splitlines()[-1])
            except subprocess.TimeoutExpired:
                figures = {
                    "status": "timeout",
                    "message": f"still running after {options.timeout} s",
                    "peak_above_idle_mb": float("nan"),
                    "seconds": options.timeout,
                    "method": "-",
                    "code": str(project),
                }
            results.append({"case": case["name"], "bytes": case["bytes"], **figures})
            size = (
                f"{case['bytes'] / MB:.1f} MB"
                if case["bytes"] >= MB
                else f"{case['bytes'] / 1024:.0f} KB"
            )
            print(
                f"{case['name']:58} {size:>8} {figures['status']!s:>11} "
                f"{figures['peak_above_idle_mb']:>6} MB {figures['seconds']:>6}s  "
                f"{figures['message'][:90]}",
                flush=True,
            )
        measured = [
            r["peak_above_idle_mb"] for r in results if r["status"] != "timeout"
        ]
        worst = max(measured, default=0)
        print(
            f"\nworst peak above idle: {worst} MB (target < {TARGET_MB} MB; "
            f"measured with {results[0]['method'] if results else '-'}; code "
            f"imported from {results[0]['code'] if results else '-'})"
        )
        OUT.parent.mkdir(exist_ok=True)
        OUT.write_text(
            json.dumps(
                {"project": str(project), "cap_mb": options.cap_mb, "results": results},
                ensure_ascii=False,
                indent=2,
            )
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
