"""Load-test the public pages under gunicorn with production settings.

Run: ``.venv/bin/python bench/pages.py [--duration 15]`` (or ``make bench``).

Builds a throw-away site (temporary SQLite database, MEDIA_ROOT and STATIC_ROOT),
loads the Hai Phong demo, starts gunicorn with 2 sync workers on 127.0.0.1, drives
the home page and the seed article with ``wrk`` and reads the resident memory of
each worker afterwards. Prints a table, compares with the targets and writes the
figures to bench/out/pages.json.

Exit status: 0 when the bench ran (targets are informational), 1 when something
went wrong (setup failed, the server did not answer, a response was not 2xx or a
socket error happened), 2 when wrk is not installed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "pages.json"
BIN = Path(sys.executable).parent
HOST_HEADER = "localhost"
WORKERS = 2
SEED_TITLE_PREFIX = "Quận Lê Chân xác định"
TARGETS = {"article_rps": 200.0, "home_rps": 150.0, "worker_rss_mb": 120.0}

# Counts every response whose status is not 2xx (wrk's own line leaves out 3xx).
WRK_LUA = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("non2xx") end
  io.write(string.format("BENCH_NON2XX %d\n", total))
end
"""

SEED_URL_CODE = (
    "from congtin.news.models import ArticlePage\n"
    "page = ArticlePage.objects.live().get(title__startswith={prefix!r})\n"
    "print('BENCH_URL=' + page.get_url_parts()[2])\n"
)


class BenchError(Exception):
    pass


def log(message):
    print(f"[bench] {message}", flush=True)


SETTINGS_MODULE = """
from congtin.settings.production import *  # noqa: F401,F403

INSTALLED_APPS = ["congtin.demo", *INSTALLED_APPS]  # noqa: F405
"""


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    # Nothing outside the temporary directory and 127.0.0.1 may be reached.
    for name in (
        "REDIS_URL",
        "DATABASE_REPLICA_URL",
        "MEDIA_STORAGE",
        "GUNICORN_CMD_ARGS",
        "DEBUG",
        "EMAIL_BACKEND",
    ):
        env.pop(name, None)
    db = tmp / "bench.sqlite3"
    # Production settings plus the demo app, whose load_demo builds the pages.
    (tmp / "bench_settings.py").write_text(SETTINGS_MODULE)
    env.update(
        DJANGO_SETTINGS_MODULE="bench_settings",
        PYTHONPATH=os.pathsep.join([str(tmp), str(ROOT)]),
        SECRET_KEY="bench-only-secret-key-not-for-production-0123456789",
        ALLOWED_HOSTS="localhost,127.0.0.1",
        DATABASE_URL=f"sqlite:///{db}",
        SQLITE_PATH=str(db),
        MEDIA_ROOT=str(tmp / "media"),
        STATIC_ROOT=str(tmp / "static"),
        SECURE_COOKIES="false",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *args, timeout=300) -> str:
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    started = time.monotonic()
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise BenchError(
            f"manage.py {' '.join(args)} failed (exit {result.returncode}):\n"
            f"{result.stdout}{result.stderr}"
        )
    log(f"manage.py {args[0]}: ok in {time.monotonic() - started:.1f}s")
    return result.stdout


def get(port, path, timeout=10):
    """One GET with Host: localhost, redirects not followed: (status, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": HOST_HEADER})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_ready(server: subprocess.Popen, port, timeout=60):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited early with status {server.returncode}")
        try:
            status, _ = get(port, "/", timeout=5)
            if status == 200:
                return
            last = f"HTTP {status}"
        except OSError as exc:
            last = str(exc)
        time.sleep(0.2)
    raise BenchError(f"gunicorn did not answer 200 on / within {timeout}s ({last})")


def worker_pids(master_pid) -> list[int]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    try:
        return sorted(int(pid) for pid in children.read_text().split())
    except OSError:
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master_pid:
                pids.append(int(stat.parent.name))
        return sorted(pids)


def proc_status_kb(pid, field) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def smaps_mb(pid) -> dict[str, float]:
    """Proportional (PSS) and private (USS) memory of ``pid`` in MB."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                values[parts[0].rstrip(":")] = int(parts[1])
    except OSError:
        pass
    private = values.get("Private_Clean", 0) + values.get("Private_Dirty", 0)
    return {
        "pss_mb": round(values.get("Pss", 0) / 1024, 1),
        "uss_mb": round(private / 1024, 1),
    }


def cpu_seconds(pids) -> float:
    """User + system CPU time used so far by ``pids``, in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def host_cpu_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole host since boot, all CPUs."""
    fields = [
        int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    ]
    idle = fields[3] + fields[4]  # idle, iowait
    ticks = os.sysconf("SC_CLK_TCK")
    return (sum(fields[:8]) - idle) / ticks, sum(fields[:8]) / ticks


def to_ms(value, unit) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(output: str) -> dict:
    def find(pattern, cast=float, default=None):
        match = re.search(pattern, output, re.MULTILINE)
        return cast(match.group(1)) if match else default

    def percentile(label):
        match = re.search(
            rf"^\s+{label}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE
        )
        return to_ms(*match.groups()) if match else None

    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    sockets = dict(
        zip(
            ("connect", "read", "write", "timeout"),
            (int(n) for n in socket_errors.groups()) if socket_errors else (0, 0, 0, 0),
            strict=True,
        )
    )
    figures = {
        "requests": find(r"^\s*(\d+) requests in", int),
        "rps": find(r"^Requests/sec:\s+([\d.]+)"),
        "p50_ms": percentile(50),
        "p75_ms": percentile(75),
        "p90_ms": percentile(90),
        "p99_ms": percentile(99),
        "wrk_non_2xx_3xx": find(r"Non-2xx or 3xx responses:\s+(\d+)", int, 0),
        "non_2xx": find(r"^BENCH_NON2XX (\d+)", int),
        "socket_errors": sockets,
    }
    if (
        figures["rps"] is None
        or figures["p99_ms"] is None
        or figures["requests"] is None
    ):
        raise BenchError(f"could not read wrk output:\n{output}")
    if figures["non_2xx"] is None:  # the Lua hook did not report: fall back
        figures["non_2xx"] = figures["wrk_non_2xx_3xx"]
    figures["errors"] = figures["non_2xx"] + sum(sockets.values())
    return figures


def run_wrk(wrk, lua, port, path, duration, threads, connections) -> tuple[dict, str]:
    command = [
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(lua),
        "-H",
        f"Host: {HOST_HEADER}",
        f"http://127.0.0.1:{port}{path}",
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + 60
    )
    if result.returncode != 0:
        raise BenchError(
            f"wrk failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"
        )
    return parse_wrk(result.stdout), result.stdout


def stop(server: subprocess.Popen | None):
    if server is None or server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)  # gunicorn: graceful shutdown
    try:
        server.wait(timeout=35)
    except subprocess.TimeoutExpired:
        log("gunicorn did not stop in 35s; killing its process group")
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def verdict(ok):
    return "PASS" if ok else "FAIL"


def report(pages, rss, targets) -> list[dict]:
    checks = [
        {
            "name": "article rps",
            "value": pages["article"]["rps"],
            "target": f">= {targets['article_rps']:g}",
            "ok": pages["article"]["rps"] >= targets["article_rps"],
        },
        {
            "name": "home rps",
            "value": pages["home"]["rps"],
            "target": f">= {targets['home_rps']:g}",
            "ok": pages["home"]["rps"] >= targets["home_rps"],
        },
    ]
    for worker in rss["workers"]:
        checks.append(
            {
                "name": f"worker {worker['pid']} RSS MB",
                "value": worker["rss_mb"],
                "target": f"< {targets['worker_rss_mb']:g}",
                "ok": worker["rss_mb"] < targets["worker_rss_mb"],
            }
        )

    print()
    print(
        f"{'page':<8} {'rps':>8} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} "
        f"{'errors':>7} {'CPU ms/req':>11} {'ceiling rps':>12} "
        f"{'workers/host CPU %':>19}"
    )
    print("-" * 97)
    for name, figures in pages.items():
        print(
            f"{name:<8} {figures['rps']:>8.1f} {figures['p50_ms']:>8.1f} "
            f"{figures['p99_ms']:>8.1f} {figures['requests']:>9} "
            f"{figures['errors']:>7} {figures['worker_cpu_ms_per_request']:>11.1f} "
            f"{figures['cpu_bound_ceiling_rps']:>12.1f} "
            f"{figures['workers_cpu_pct_of_host']:>9.0f} / "
            f"{figures['host_cpu_busy_pct']:<7.0f}"
        )
    for name, figures in pages.items():
        print(f"  {name}: {figures['path']}")
    print()
    print(
        f"{'process':<16} {'pid':>8} {'RSS MB':>8} {'peak MB':>8} {'PSS MB':>8} "
        f"{'USS MB':>8}"
    )
    print("-" * 61)
    processes = [("gunicorn master", rss["master"])]
    processes += [("gunicorn worker", worker) for worker in rss["workers"]]
    for label, proc in processes:
        print(
            f"{label:<16} {proc['pid']:>8} {proc['rss_mb']:>8.1f} "
            f"{proc['peak_mb']:>8.1f} {proc['pss_mb']:>8.1f} {proc['uss_mb']:>8.1f}"
        )
    print("  (RSS counts pages shared with other processes; USS is private memory)")
    print()
    print(
        "  CPU ms/req: worker CPU time per request; ceiling rps: what the workers"
        " would serve\n  with one idle CPU each; workers/host CPU %: share of all"
        " CPUs used by the workers\n  and by everything (100 = host saturated)."
    )
    print()
    print(f"{'target':<22} {'value':>8} {'goal':>9}  result")
    print("-" * 48)
    for check in checks:
        print(
            f"{check['name']:<22} {check['value']:>8.1f} {check['target']:>9}  "
            f"{verdict(check['ok'])}"
        )
    print()
    return checks


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--duration", type=int, default=15, help="seconds per page (15)"
    )
    parser.add_argument(
        "--warmup", type=int, default=3, help="warm-up seconds per page (3)"
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument(
        "--connections", type=int, default=8, help="wrk connections (8)"
    )
    parser.add_argument("--json", type=Path, default=OUT, help=f"output ({OUT})")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory"
    )
    parser.add_argument(
        "--wrk", help="path of the wrk program (default: wrk on PATH, /usr/bin/wrk)"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.duration <= 600 or not 0 <= args.warmup <= 60:
        parser.error("--duration must be 1..600 and --warmup 0..60 seconds")

    if args.wrk:
        wrk = args.wrk if os.access(args.wrk, os.X_OK) else None
    else:
        wrk = shutil.which("wrk") or (
            "/usr/bin/wrk" if os.access("/usr/bin/wrk", os.X_OK) else None
        )
    if wrk is None:
        print(
            f"bench: wrk is not installed ({args.wrk or 'apt-get install wrk'} not "
            "found); nothing was measured.",
            file=sys.stderr,
        )
        return 2
    gunicorn = BIN / "gunicorn"
    if not os.access(gunicorn, os.X_OK):
        gunicorn = shutil.which("gunicorn")
    if gunicorn is None:
        print("bench: gunicorn is not installed in the virtualenv.", file=sys.stderr)
        return 1

    tmp = Path(tempfile.mkdtemp(prefix="congtin-bench-"))
    server = None
    server_log = tmp / "gunicorn.log"

    def on_signal(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    started = time.monotonic()
    try:
        env = bench_env(tmp)
        port = free_port()
        log(f"temporary site in {tmp}, port {port}")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "load_demo", "--port", str(port))
        output = manage(
            env, "shell", "-c", SEED_URL_CODE.format(prefix=SEED_TITLE_PREFIX)
        )
        match = re.search(r"^BENCH_URL=(\S+)$", output, re.MULTILINE)
        if not match:
            raise BenchError(f"seed article URL not found in:\n{output}")
        paths = {"home": "/", "article": match.group(1)}

        lua = tmp / "count.lua"
        lua.write_text(WRK_LUA)
        with server_log.open("wb") as log_file:
            server = subprocess.Popen(
                [
                    str(gunicorn),
                    "congtin.wsgi:application",
                    "--workers",
                    str(WORKERS),
                    "--preload",
                    "--worker-class",
                    "sync",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--timeout",
                    "30",
                    "--graceful-timeout",
                    "30",
                    "--log-level",
                    "warning",
                    "--error-logfile",
                    "-",
                    "--worker-tmp-dir",
                    str(tmp),
                ],
                cwd=ROOT,
                env=env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        log(f"gunicorn master {server.pid}, {WORKERS} sync workers")
        wait_ready(server, port)
        workers = worker_pids(server.pid)
        if len(workers) != WORKERS:
            raise BenchError(f"expected {WORKERS} gunicorn workers, found {workers}")

        for name, path in paths.items():
            status, body = get(port, path)
            if status != 200:
                raise BenchError(f"{name} {path} answered HTTP {status}")
            log(f"{name} {path}: HTTP 200, {len(body) / 1024:.1f} KiB")

        load_before = list(os.getloadavg())
        pages = {}
        for name, path in paths.items():
            if args.warmup:
                warm, _ = run_wrk(
                    wrk, lua, port, path, args.warmup, args.threads, args.connections
                )
                log(
                    f"warm-up {name}: {warm['requests']} requests, "
                    f"{warm['errors']} errors"
                )
            log(f"measuring {name} for {args.duration}s")
            cpu_before, host_before = cpu_seconds(workers), host_cpu_seconds()
            figures, raw = run_wrk(
                wrk, lua, port, path, args.duration, args.threads, args.connections
            )
            cpu_used = cpu_seconds(workers) - cpu_before
            host_after = host_cpu_seconds()
            host_busy = host_after[0] - host_before[0]
            host_total = max(host_after[1] - host_before[1], 1e-9)
            pages[name] = {
                "path": path,
                **figures,
                # Worker CPU per request: less sensitive to a busy machine than rps.
                "worker_cpu_ms_per_request": round(
                    1000 * cpu_used / max(figures["requests"], 1), 2
                ),
                # Share of the host's CPU capacity: workers vs everything (wrk,
                # other programs). Host busy near 100% means the host was the limit.
                "workers_cpu_pct_of_host": round(100 * cpu_used / host_total, 1),
                # What the workers could serve with a whole CPU each and nothing
                # else running: an upper bound that a busy host does not change.
                "cpu_bound_ceiling_rps": round(
                    min(WORKERS, os.cpu_count() or 1)
                    * figures["requests"]
                    / max(cpu_used, 1e-9),
                    1,
                ),
                "host_cpu_busy_pct": round(100 * host_busy / host_total, 1),
            }
            others = (
                pages[name]["host_cpu_busy_pct"]
                - pages[name]["workers_cpu_pct_of_host"]
            )
            if others > 20:
                log(
                    f"warning: wrk and other programs used {others:.0f}% of the host "
                    f"CPU while {name} was measured; its rps is pessimistic "
                    "(see CPU ms/req and ceiling rps)"
                )
            if figures["errors"]:
                log(f"{name}: wrk output\n{raw}")

        time.sleep(2)  # let the workers settle before reading their memory
        after = worker_pids(server.pid)
        if after != workers:
            log(f"warning: workers changed during the run: {workers} -> {after}")

        def memory(pid):
            return {
                "pid": pid,
                "rss_mb": round((proc_status_kb(pid, "VmRSS") or 0) / 1024, 1),
                "peak_mb": round((proc_status_kb(pid, "VmHWM") or 0) / 1024, 1),
                **smaps_mb(pid),
            }

        rss = {"master": memory(server.pid), "workers": [memory(pid) for pid in after]}

        checks = report(pages, rss, TARGETS)
        errors = sum(figures["errors"] for figures in pages.values())
        result = {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "settings": "congtin.settings.production + congtin.demo",
            "server": f"gunicorn, {WORKERS} sync workers, 127.0.0.1",
            "wrk": {
                "threads": args.threads,
                "connections": args.connections,
                "duration_s": args.duration,
                "warmup_s": args.warmup,
                "host_header": HOST_HEADER,
            },
            "cpus": os.cpu_count(),
            "load_average_before": load_before,
            "load_average_after": list(os.getloadavg()),
            "pages": pages,
            "memory": rss,
            "targets": TARGETS,
            "checks": checks,
            "all_targets_met": all(check["ok"] for check in checks),
            "errors": errors,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        log(f"figures written to {args.json}")

        server_errors = [
            line
            for line in server_log.read_text(errors="replace").splitlines()
            if "Traceback" in line or "ERROR" in line or "CRITICAL" in line
        ]
        if server_errors:
            log("gunicorn logged errors:\n" + "\n".join(server_errors[:20]))
        if errors:
            log(f"FAILED: {errors} non-2xx responses or socket errors")
            return 1
        met = "all targets met" if result["all_targets_met"] else "some targets missed"
        log(f"done in {time.monotonic() - started:.0f}s ({met})")
        return 0
    except (BenchError, subprocess.TimeoutExpired) as exc:
        log(f"ERROR: {exc}")
        if server_log.exists() and server_log.stat().st_size:
            log(
                "gunicorn log (tail):\n"
                + server_log.read_text(errors="replace")[-4000:]
            )
        return 1
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        stop(server)
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
