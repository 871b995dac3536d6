"""Compare WSGI servers on the demo: gunicorn (sync, gthread) and granian, 2 workers each.

Run: ``.venv/bin/python bench/wsgi_servers.py [--rounds 5] [--duration 5]`` from a checkout
where ``make run`` (or ``make setup`` and ``make static``) has built the demo: the
servers serve that database and ``staticfiles/`` with the ``make run`` settings
(congtin.settings.demo_server). Nothing is written to the database by the load.

Every server is started once, on its own loopback port, and stays idle while another
is measured. Each round measures every path on every server in turn, the order of the
servers rotating from round to round, so that a machine shared with others treats them
alike; the medians of the rounds are printed. Paths: the home page and the seed article
rendered (a session cookie makes the page cache pass; CPU bound), the home page from
the page cache, ``/robots.txt`` (a tiny response through the whole middleware stack)
and a stylesheet through WhiteNoise, with and without keep-alive; and nginx serving
the same stylesheet from disk, as the yardstick.
``wrk`` keeps its connections open: a server that closes each one (gunicorn's sync
workers) pays a TCP handshake per request. Worker memory (RSS, PSS) is read after
the last round. Figures go to bench/out/wsgi-servers.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import (  # noqa: E402
    WRK_LUA,
    cpu_seconds,
    log,
    parse_wrk,
    proc_status_kb,
    smaps_mb,
)
from servers import BenchError, free_port, get  # noqa: E402
from servers import children as worker_pids  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "wsgi-servers.json"
BIN = Path(sys.executable).parent
WORKERS = 2

SERVERS = {
    # What bench/pages.py and docs/deployment.md ran until now.
    "gunicorn-sync": lambda port: [
        str(BIN / "gunicorn"),
        "congtin.wsgi:application",
        "--workers",
        str(WORKERS),
        "--preload",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ],
    # gunicorn's worker that keeps connections open (4 threads each).
    "gunicorn-gthread": lambda port: [
        str(BIN / "gunicorn"),
        "congtin.wsgi:application",
        "--workers",
        str(WORKERS),
        "--threads",
        "4",
        "--preload",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ],
    # What make run starts: granian with the application loaded before the fork,
    # one Python thread per worker (like a sync worker); the HTTP side is Rust.
    "granian": lambda port: [
        sys.executable,
        "-m",
        "congtin.serve",
        "--workers",
        str(WORKERS),
        "--blocking-threads",
        "1",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ],
    # granian's own command: each worker loads the application itself.
    "granian-cli": lambda port: [
        str(BIN / "granian"),
        "--interface",
        "wsgi",
        "congtin.wsgi:application",
        "--workers",
        str(WORKERS),
        "--blocking-threads",
        "1",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ],
}

NGINX_CONF = """
worker_processes {workers};
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
daemon off;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    default_type text/css;
    server {{
        listen 127.0.0.1:{port};
        location /static/ {{ alias {static}/; }}
    }}
}}
"""


def run_wrk(
    wrk, lua, port, path, duration, threads, connections, close=False, uncached=False
):
    """wrk against ``path``; ``close`` opens a connection per request, as nginx does
    towards the app unless told to keep them (``proxy_http_version 1.1``)."""
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s"]
    command += [
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(lua),
        "-H",
        "Host: localhost",
    ]
    if uncached:
        # A session cookie (of no session) makes the page cache pass: a full render.
        command += ["-H", "Cookie: sessionid=bench-uncached"]
    if close:
        command += ["-H", "Connection: close"]
    command.append(f"http://127.0.0.1:{port}{path}")
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise BenchError(f"wrk failed:\n{result.stdout}{result.stderr}")
    return parse_wrk(result.stdout), result.stdout


def seed_article_path(env) -> str:
    code = (
        "from congtin.news.models import ArticlePage\n"
        "page = ArticlePage.objects.live().get(title__startswith='Quận Lê Chân xác định')\n"
        "print('BENCH_URL=' + page.get_url_parts()[2])\n"
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    match = re.search(r"^BENCH_URL=(\S+)$", result.stdout, re.MULTILINE)
    if not match:
        raise BenchError(f"seed article not found:\n{result.stdout}{result.stderr}")
    return match.group(1)


def stylesheet_path() -> str:
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/portal.css"]


def wait_ready(process, port, path="/robots.txt", timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"server exited early with status {process.returncode}")
        try:
            if get(port, path, timeout=5)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise BenchError(f"no 200 on {path} within {timeout}s")


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def memory(pid) -> dict:
    return {
        "pid": pid,
        "rss_mb": round((proc_status_kb(pid, "VmRSS") or 0) / 1024, 1),
        **smaps_mb(pid),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=int, default=5, help="seconds per run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument(
        "--servers", default=",".join(SERVERS), help="comma-separated subset"
    )
    parser.add_argument("--json", type=Path, default=OUT)
    args = parser.parse_args(argv)
    names = [name for name in args.servers.split(",") if name]
    wrk = shutil.which("wrk") or "/usr/bin/wrk"
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        print("bench: run `make run` (or `make setup static`) first.", file=sys.stderr)
        return 2

    tmp = Path(tempfile.mkdtemp(prefix="congtin-servers-"))
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG"}} | {
        "DJANGO_SETTINGS_MODULE": "congtin.settings.demo_server",
        "PYTHONPATH": str(ROOT),
        "PYTHONUNBUFFERED": "1",
    }
    processes: dict[str, subprocess.Popen] = {}
    ports: dict[str, int] = {}
    lua = tmp / "count.lua"
    lua.write_text(WRK_LUA)
    try:
        paths = {
            "home": "/",
            "article": seed_article_path(env),
            "robots": "/robots.txt",
            "static": stylesheet_path(),
        }
        # The same stylesheet, one connection per request.
        paths["static-close"] = paths["static"]
        # The home page from the page cache (the other two pages pass it).
        paths["home-hit"] = "/"
        for name in names:
            ports[name] = free_port()
            processes[name] = subprocess.Popen(
                SERVERS[name](ports[name]),
                cwd=ROOT,
                env=env,
                stdout=(tmp / f"{name}.log").open("wb"),
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        ports["nginx"] = free_port()
        (tmp / "nginx.conf").write_text(
            NGINX_CONF.format(
                workers=WORKERS,
                tmp=tmp,
                port=ports["nginx"],
                static=ROOT / "staticfiles",
            )
        )
        processes["nginx"] = subprocess.Popen(
            [nginx, "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "nginx-error.log")],
            stdout=(tmp / "nginx.log").open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for name, process in processes.items():
            wait_ready(
                process, ports[name], paths["static"] if name == "nginx" else "/"
            )
            for path in paths.values() if name != "nginx" else [paths["static"]]:
                status = get(ports[name], path)[0]
                if status != 200:
                    raise BenchError(f"{name} {path}: HTTP {status}")
            # Warm every worker's caches (templates, site lookup, renditions).
            if name != "nginx":
                for path in paths.values():
                    run_wrk(wrk, lua, ports[name], path, 1, 2, args.connections)
                headers = get(ports[name], paths["home-hit"])[2]
                if {k.lower(): v for k, v in headers.items()}.get(
                    "x-page-cache"
                ) != "hit":
                    raise BenchError(f"{name}: the home page is not a page-cache hit")
        log(f"servers up: {ports}")

        load_before = list(os.getloadavg())
        runs: dict[str, dict[str, list[dict]]] = {
            name: {p: [] for p in paths} for name in names
        }
        runs["nginx"] = {"static": [], "static-close": []}
        for round_no in range(args.rounds):
            order = names[round_no % len(names) :] + names[: round_no % len(names)]
            for page, path in paths.items():
                for name in order + (["nginx"] if page.startswith("static") else []):
                    workers = worker_pids(processes[name].pid)
                    cpu_before = cpu_seconds(workers)
                    figures, raw = run_wrk(
                        wrk,
                        lua,
                        ports[name],
                        path,
                        args.duration,
                        args.threads,
                        args.connections,
                        close=page.endswith("-close"),
                        uncached=page in {"home", "article"},
                    )
                    figures["worker_cpu_ms_per_request"] = round(
                        1000
                        * (cpu_seconds(workers) - cpu_before)
                        / max(figures["requests"], 1),
                        3,
                    )
                    if figures["errors"]:
                        raise BenchError(f"{name} {path}: errors\n{raw}")
                    runs[name][page].append(figures)
            log(
                f"round {round_no + 1}/{args.rounds} done, load "
                f"{os.getloadavg()[0]:.2f}"
            )
        load_after = list(os.getloadavg())

        time.sleep(2)
        mem = {
            name: [memory(pid) for pid in worker_pids(processes[name].pid)]
            for name in names
        }
        summary = {
            name: {
                page: {
                    "rps_median": round(
                        statistics.median(r["rps"] for r in results), 1
                    ),
                    "rps_rounds": [round(r["rps"], 1) for r in results],
                    "p99_ms_median": round(
                        statistics.median(r["p99_ms"] for r in results), 2
                    ),
                    "cpu_ms_per_request_median": round(
                        statistics.median(
                            r["worker_cpu_ms_per_request"] for r in results
                        ),
                        3,
                    ),
                }
                for page, results in by_page.items()
            }
            for name, by_page in runs.items()
        }
        nginx = summary["nginx"]
        print()
        print(
            f"{'server':<17} {'page':<13} {'rps (median)':>12} {'% nginx':>8} "
            f"{'p99 ms':>8} {'CPU ms/req':>10}  rounds"
        )
        for name, by_page in summary.items():
            for page, figures in by_page.items():
                # Small responses against nginx's static file (keep-alive or not).
                yardstick = nginx[
                    "static-close" if page.endswith("-close") else "static"
                ]
                share = (
                    f"{100 * figures['rps_median'] / yardstick['rps_median']:>7.1f}%"
                    if page in {"robots", "static", "static-close", "home-hit"}
                    else f"{'':>8}"
                )
                print(
                    f"{name:<17} {page:<13} {figures['rps_median']:>12.1f} {share} "
                    f"{figures['p99_ms_median']:>8.2f} "
                    f"{figures['cpu_ms_per_request_median']:>10.3f}  "
                    f"{figures['rps_rounds']}"
                )
        print()
        for name, workers in mem.items():
            for worker in workers:
                print(
                    f"{name:<17} worker {worker['pid']:>7}: RSS {worker['rss_mb']:.1f} "
                    f"MB, PSS {worker['pss_mb']:.1f} MB, USS {worker['uss_mb']:.1f} MB"
                )
        print(
            f"\nload average before {load_before[0]:.2f}, after {load_after[0]:.2f} "
            f"({os.cpu_count()} CPUs)"
        )
        result = {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "wrk": {
                "threads": args.threads,
                "connections": args.connections,
                "duration_s": args.duration,
                "rounds": args.rounds,
            },
            "paths": paths,
            "load_average_before": load_before,
            "load_average_after": load_after,
            "summary": summary,
            "memory": mem,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        return 0
    except BenchError as exc:
        log(f"ERROR: {exc}")
        for log_file in tmp.glob("*.log"):
            log(f"{log_file.name}:\n{log_file.read_text(errors='replace')[-2000:]}")
        return 1
    finally:
        for process in processes.values():
            stop(process)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
