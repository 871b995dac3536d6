"""Load-test the open data API (/api/v1/) uncached, as bench/pages.py does the pages.

Run: ``.venv/bin/python bench/api.py [--duration 10]`` (wrk from Debian's ``wrk``).

The demo on SQLite under the web server of `make run` (granian through congtin.serve,
2 workers, production settings), page cache off, so each request runs the API's view:
a list and a detail of articles and of legal documents, and the schedule list. Twice:
with the per-client limit off (what the endpoint itself costs), then on with a limit
no run reaches (what counting each request adds: without Redis, a write to the
shared counters' SQLite file per request; with Redis, one INCR).

Target (issue: "list and detail endpoints at >= 300 req/s uncached on the demo with
2 workers"): printed with each figure. Writes bench/out/api.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import WORKERS, Run, bench_env, log, manage  # noqa: E402
from servers import BenchError, find_program, get  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "api.json"
TARGET_RPS = 300.0
# The bench's settings read the limit from the environment (production's come from
# settings/base.py): 0 turns it off.
LIMIT_SETTING = """
import os as _os

API_RATE_LIMIT = int(_os.environ.get("API_RATE_LIMIT", "300"))
"""


def first_ids(port: int) -> dict[str, int]:
    ids = {}
    for name in ("bai-viet", "van-ban"):
        status, body, _ = get(port, f"/api/v1/{name}/")
        if status != 200:
            raise BenchError(f"/api/v1/{name}/ answered HTTP {status}")
        items = json.loads(body)["items"]
        if not items:
            raise BenchError(f"/api/v1/{name}/ lists nothing on the demo")
        ids[name] = items[0]["id"]
    return ids


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds each (10)")
    parser.add_argument("--warmup", type=int, default=2, help="warm-up seconds (2)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--connections", type=int, default=8, help="connections (8)")
    parser.add_argument("--json", type=Path, default=OUT, help=f"output ({OUT})")
    args = parser.parse_args(argv)
    if not 1 <= args.duration <= 600 or not 0 <= args.warmup <= 60:
        parser.error("--duration must be 1..600 and --warmup 0..60 seconds")
    wrk = find_program("wrk", "/usr/bin/wrk")
    if wrk is None:
        print("bench: wrk is not installed (apt-get install wrk).", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="congtin-bench-api-"))
    run = Run(args, wrk, tmp)
    started = time.monotonic()
    try:
        env = bench_env(tmp)
        settings_file = tmp / "bench_settings.py"
        settings_file.write_text(settings_file.read_text() + LIMIT_SETTING)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "load_demo", "--port", "80")
        load_before = list(os.getloadavg())
        for label, limit in (("limit off", "0"), ("limit counted", "1000000000")):
            server = run.app_server(
                env, label, PAGE_CACHE_SECONDS="0", API_RATE_LIMIT=limit
            )
            ids = first_ids(server.port)
            paths = {
                "articles list": "/api/v1/bai-viet/",
                "article detail": f"/api/v1/bai-viet/{ids['bai-viet']}/",
                "documents list": "/api/v1/van-ban/",
                "document detail": f"/api/v1/van-ban/{ids['van-ban']}/",
                "schedule list": "/api/v1/lich-cong-tac/",
            }
            for name, path in paths.items():
                run.measure(f"{name}, {label}", server.port, path, server.workers())
            run.stop(server)
        print()
        print(
            f"{'what':<34} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms':>7}  goal"
        )
        print("-" * 78)
        for label, row in run.rows.items():
            ok = "PASS" if row["rps"] >= TARGET_RPS else "FAIL"
            print(
                f"{label:<34} {row['rps']:>9.1f} {row['p50_ms']:>8.2f} "
                f"{row['p99_ms']:>8.2f} {row['server_cpu_ms_per_request']:>7.2f}  "
                f">= {TARGET_RPS:g} {ok}"
            )
        errors = sum(row["errors"] for row in run.rows.values())
        result = {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "app_server": f"granian (congtin.serve), {WORKERS} workers, page cache off",
            "cpus": os.cpu_count(),
            "load_average_before": load_before,
            "load_average_after": list(os.getloadavg()),
            "rows": run.rows,
            "target_rps": TARGET_RPS,
            "errors": errors,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        log(
            f"figures written to {args.json}; done in {time.monotonic() - started:.0f}s"
        )
        return 1 if errors else 0
    except (BenchError, subprocess.TimeoutExpired) as exc:
        log(f"ERROR: {exc}")
        for process in run.processes:
            tail = process.tail()
            if tail:
                log(f"{process.name} log (tail):\n{tail}")
        return 1
    finally:
        run.stop_all()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
