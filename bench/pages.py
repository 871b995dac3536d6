"""Load-test the public pages: the uncached render, the page cache, Varnish, two app
servers and a large site, against nginx serving a file as the yardstick.

Run: ``.venv/bin/python bench/pages.py [--duration 10]`` (or ``make bench``, which
installs wrk, nginx and Varnish from Debian when they are missing).

One run, on this machine, side by side:

1. nginx serving a static file of the seed article's size (the yardstick).
2. The demo on SQLite under the web server of `make run` (granian through
   congtin.serve, 2 workers, production settings) with the page cache off: home
   and seed article rendered on every request; worker memory.
3. The same with the page cache on (files shared by the workers): cache hits.
4. Varnish (deploy/varnish/congtin.vcl) in front of 3: edge-cache hits (skipped with
   ``--no-varnish``).
5. On PostgreSQL + Redis (skipped with a message when either is missing, or with
   ``--no-postgres``): two app servers; 50 publishes of the seed article in a row, each
   timed until server B shows it (p50/p95); the uncached pages on the demo-size
   database (the demo and 600 generated articles, so that its home page lists as many
   items as the large one's) and, on a copy of the demo, 100,000 articles and 200
   component portals (``load_bulk_demo``). Both databases are vacuumed and
   checkpointed after loading; each has its own server and Redis database, and the
   two take turns for ``--rounds`` rounds (3), the median round being kept.

Prints a table with req/s, latency, worker CPU ms per request and the ratio to
nginx, then the targets; writes the figures to bench/out/pages.json.

Exit status: 0 when the bench ran (targets are informational), 1 when something
went wrong (setup failed, a server did not answer, a response was not 2xx or a socket
error happened), 2 when wrk is not installed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import (  # noqa: E402
    AppServer,
    BenchError,
    Nginx,
    Varnish,
    find_program,
    free_port,
    get,
)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "pages.json"
VCL = ROOT / "deploy" / "varnish" / "congtin.vcl"
HOST_HEADER = "localhost"
WORKERS = 2
# Articles added to the demo-size site: enough to fill each list of its home page.
DEMO_SIZE_ARTICLES = 600
SEED_TITLE_PREFIX = "Quận Lê Chân xác định"
PG_ADMIN_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
LARGE_REDIS_URL = os.environ.get(
    "BENCH_LARGE_REDIS_URL", REDIS_URL.rsplit("/", 1)[0] + "/12"
)
TARGETS = {
    "article_rps": 200.0,
    "home_rps": 150.0,
    "worker_rss_mb": 120.0,
    "app_hit_share_of_nginx": 0.25,
    "varnish_hit_share_of_nginx": 0.80,
    "publish_p95_s": 1.0,
    "large_site_share": 0.90,
}

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

# Run by `manage.py shell` against server B's database and caches: publishes the
# seed article ``count`` times, each with a new title, and times each until server B
# answers with it (B's copy was read, so cached, just before).
PUBLISH_CODE = """
import http.client, json, time, uuid
from congtin.news.models import ArticlePage

def read(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={{"Host": "localhost"}})
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, body, response.getheader("X-Page-Cache")

page = ArticlePage.objects.live().get(title__startswith={prefix!r})
path = page.get_url_parts()[2]
base = page.title
seconds, publish_seconds, hits = [], [], 0
for i in range({count}):
    marker = uuid.uuid4().hex[:10]
    status, body, outcome = read({port}, path)
    hits += outcome == "hit"
    article = ArticlePage.objects.get(pk=page.pk)
    article.title = f"{{base}} {{marker}}"
    began = time.perf_counter()
    article.save_revision().publish()
    published = time.perf_counter()
    while True:
        status, body, outcome = read({port}, path)
        if marker in body:
            break
        if time.perf_counter() - began > 10:
            raise SystemExit(f"publish {{i}} not visible on B after 10 s")
        time.sleep(0.005)
    seconds.append(time.perf_counter() - began)
    publish_seconds.append(published - began)
article = ArticlePage.objects.get(pk=page.pk)
article.title = base
article.save_revision().publish()
print("BENCH_PUBLISH=" + json.dumps({{
    "seconds": seconds, "publish_seconds": publish_seconds, "hits_before": hits,
}}))
"""


def log(message):
    print(f"[bench] {message}", flush=True)


SETTINGS_MODULE = """
from congtin.settings.production import *  # noqa: F401,F403

INSTALLED_APPS = ["congtin.demo", *INSTALLED_APPS]  # noqa: F405
"""


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
        "PAGE_CACHE_SECONDS",
        "FRONTEND_CACHE_URLS",
        "SHARED_CACHE_DIR",
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
        SHARED_CACHE_DIR=str(tmp / "shared-cache"),
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


def run_wrk(
    wrk, lua, port, path, duration, threads, connections, host=HOST_HEADER
) -> tuple[dict, str]:
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
        f"Host: {host}",
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


class Run:
    """One bench run: its options, temporary directory, processes and figures."""

    def __init__(self, args, wrk: str, tmp: Path):
        self.args = args
        self.wrk = wrk
        self.tmp = tmp
        self.lua = tmp / "count.lua"
        self.lua.write_text(WRK_LUA)
        self.processes: list = []
        self.rows: dict[str, dict] = {}
        self.rounds: dict[str, list[dict]] = {}
        self.result: dict = {}

    def start(self, process):
        self.processes.append(process)
        return process.start()

    def stop(self, process):
        process.stop()
        if process in self.processes:
            self.processes.remove(process)

    def stop_all(self):
        for process in reversed(self.processes):
            process.stop()
        self.processes.clear()

    def measure(
        self, label, port, path, pids, host=HOST_HEADER, round_number=None
    ) -> dict:
        """wrk on ``path`` for the run's duration after a warm-up; CPU of ``pids``.

        With ``round_number``, the row kept under ``label`` is the median (by req/s)
        of the rounds measured so far, with every round's req/s beside it."""
        args = self.args
        status, body, headers = get(port, path, host=host)
        if status != 200:
            raise BenchError(f"{label}: {path} answered HTTP {status}")
        lowered = {name.lower(): value for name, value in headers.items()}
        if args.warmup:
            run_wrk(
                self.wrk,
                self.lua,
                port,
                path,
                args.warmup,
                args.threads,
                args.connections,
                host,
            )
        cpu_before, host_before = cpu_seconds(pids), host_cpu_seconds()
        figures, raw = run_wrk(
            self.wrk,
            self.lua,
            port,
            path,
            args.duration,
            args.threads,
            args.connections,
            host,
        )
        cpu_used = cpu_seconds(pids) - cpu_before
        host_after = host_cpu_seconds()
        host_total = max(host_after[1] - host_before[1], 1e-9)
        row = {
            "path": path,
            "bytes": len(body),
            # Header names as the server wrote them: granian sends them lower-case.
            "cache": lowered.get("x-page-cache") or lowered.get("x-cache") or "",
            **figures,
            # Server CPU per request: less sensitive to a busy machine than rps.
            "server_cpu_ms_per_request": round(
                1000 * cpu_used / max(figures["requests"], 1), 3
            ),
            "server_cpu_pct_of_host": round(100 * cpu_used / host_total, 1),
            "host_cpu_busy_pct": round(
                100 * (host_after[0] - host_before[0]) / host_total, 1
            ),
        }
        if figures["errors"]:
            log(f"{label}: wrk output\n{raw}")
        log(
            f"{label}{f' (round {round_number})' if round_number else ''}: "
            f"{row['rps']:.1f} req/s, p99 {row['p99_ms']:.1f} ms, "
            f"{row['server_cpu_ms_per_request']:.2f} CPU ms/req"
        )
        if round_number:
            rounds = self.rounds.setdefault(label, [])
            rounds.append(row)
            by_rps = sorted(rounds, key=lambda item: item["rps"])
            # Errors are summed, so no failed request hides in a discarded round.
            row = {
                **by_rps[(len(by_rps) - 1) // 2],
                "errors": sum(item["errors"] for item in rounds),
                "rounds_rps": [item["rps"] for item in rounds],
            }
        self.rows[label] = row
        return row

    def app_server(self, env, name, workers=WORKERS, **overrides) -> AppServer:
        port = free_port()
        server = AppServer(
            port,
            {**env, **overrides},
            self.tmp / f"{name}.log",
            self.tmp,
            workers=workers,
        )
        self.start(server).ready()
        return server


def memory(pid) -> dict:
    return {
        "pid": pid,
        "rss_mb": round((proc_status_kb(pid, "VmRSS") or 0) / 1024, 1),
        "peak_mb": round((proc_status_kb(pid, "VmHWM") or 0) / 1024, 1),
        **smaps_mb(pid),
    }


def sqlite_phases(run: Run, env, paths) -> dict:
    """nginx, uncached, page-cache hits and Varnish hits, on the demo on SQLite."""
    tmp = run.tmp
    found: dict = {}
    uncached = run.app_server(env, "uncached", PAGE_CACHE_SECONDS="0")
    workers = uncached.workers()
    _, article_html, _ = get(uncached.port, paths["article"])

    # The yardstick: nginx sends a file of the article's bytes.
    root = tmp / "nginx-root"
    root.mkdir()
    (root / "article.html").write_bytes(article_html)
    nginx = Nginx(free_port(), root, tmp / "nginx")
    run.start(nginx).wait_http(nginx.port, "/article.html")
    run.measure(
        "nginx static file", nginx.port, "/article.html", [nginx.pid, *nginx.workers()]
    )
    run.stop(nginx)

    for name, path in paths.items():
        run.measure(f"{name} uncached", uncached.port, path, workers)
    time.sleep(1)  # let the workers settle before reading their memory
    found["memory"] = {
        "master": memory(uncached.pid),
        "workers": [memory(pid) for pid in uncached.workers()],
    }
    run.stop(uncached)

    cached = run.app_server(env, "cached")
    for name, path in paths.items():
        get(cached.port, path)  # fills the cache
        row = run.measure(f"{name} page cache", cached.port, path, cached.workers())
        if row["cache"] != "hit":
            raise BenchError(f"{name} was not a page-cache hit: {row['cache']!r}")

    if VCL.exists() and not run.args.no_varnish:
        varnish = Varnish(free_port(), cached.port, tmp / "varnish", VCL)
        run.start(varnish).wait_http(varnish.port)
        for name, path in paths.items():
            get(varnish.port, path)
            run.measure(
                f"{name} Varnish", varnish.port, path, [*children_of(varnish.pid)]
            )
        run.stop(varnish)
    elif run.args.no_varnish:
        log("--no-varnish given: Varnish not measured")
    else:
        log(f"no {VCL.relative_to(ROOT)}: Varnish not measured")
    run.stop(cached)
    return found


def children_of(pid) -> list[int]:
    """``pid`` and every process under it (varnishd's manager and child)."""
    from servers import children

    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        queue.extend(children(current))
    return found


def postgres_available() -> str | None:
    """Why the PostgreSQL phase cannot run, or None."""
    try:
        import psycopg
        import redis
    except ImportError as exc:
        return f"missing Python package: {exc.name}"
    try:
        psycopg.connect(PG_ADMIN_URL, connect_timeout=3, autocommit=True).close()
    except Exception as exc:  # noqa: BLE001 - any failure means "not available"
        return f"PostgreSQL at {PG_ADMIN_URL} unreachable: {exc}"
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except Exception as exc:  # noqa: BLE001
        return f"Redis at {REDIS_URL} unreachable: {exc}"
    return None


def postgres_phases(run: Run, env, args) -> dict:
    """Two app servers on PostgreSQL + Redis: publish-to-visible latency, then the
    uncached pages on the demo-size database and on a large one."""
    import psycopg
    import redis

    found: dict = {}
    name = f"congtin_bench_{os.getpid()}"
    large_name = f"{name}_large"
    admin = psycopg.connect(PG_ADMIN_URL, autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')
    for url in (REDIS_URL, LARGE_REDIS_URL):
        redis.Redis.from_url(url).flushdb()
    pg_env = {
        **env,
        "DATABASE_URL": PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name,
        "REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": str(run.tmp / "pg-media"),
    }
    pg_env.pop("SQLITE_PATH", None)
    try:
        manage(pg_env, "migrate", "--noinput", "-v", "0")
        manage(pg_env, "load_demo", "--port", "80")
        output = manage(
            pg_env, "shell", "-c", SEED_URL_CODE.format(prefix=SEED_TITLE_PREFIX)
        )
        article = re.search(r"^BENCH_URL=(\S+)$", output, re.MULTILINE).group(1)
        paths = {"home": "/", "article": article}

        server_a = run.app_server(pg_env, "pg-a", workers=1)
        server_b = run.app_server(pg_env, "pg-b", workers=1)
        output = manage(
            pg_env,
            "shell",
            "-c",
            PUBLISH_CODE.format(
                prefix=SEED_TITLE_PREFIX, count=args.publishes, port=server_b.port
            ),
            timeout=600,
        )
        published = json.loads(
            re.search(r"^BENCH_PUBLISH=(.+)$", output, re.MULTILINE).group(1)
        )
        seconds = sorted(published["seconds"])
        found["publish"] = {
            "count": len(seconds),
            "p50_s": round(percentile(seconds, 50), 3),
            "p95_s": round(percentile(seconds, 95), 3),
            "max_s": round(seconds[-1], 3),
            "publish_call_p50_s": round(
                percentile(sorted(published["publish_seconds"]), 50), 3
            ),
            "b_hits_before_publish": published["hits_before"],
        }
        log(f"publish to visible on B: {found['publish']}")
        run.stop(server_a)
        run.stop(server_b)

        # The large site starts from the demo as it is now, before the demo-size
        # one gets its extra articles.
        admin.execute(f'DROP DATABASE IF EXISTS "{large_name}" WITH (FORCE)')
        if args.articles:
            admin.execute(f'CREATE DATABASE "{large_name}" TEMPLATE "{name}"')
        # The plain demo's home page lists 2 articles, the large site's a full page
        # of each list: the demo-size site gets enough articles (the same generator)
        # that both pages show the same number of items, so the two compare the
        # cost of the data's size, not of a longer page.
        manage(
            pg_env,
            "load_bulk_demo",
            "--articles",
            str(DEMO_SIZE_ARTICLES),
            "--portals",
            "2",
            timeout=600,
        )
        sites = {"PostgreSQL": (pg_env, name)}
        if args.articles:
            large_env = {
                **pg_env,
                "DATABASE_URL": PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + large_name,
                # Its own Redis database: the two databases share page ids and
                # hosts, so kept page parts of one would be read by the other.
                "REDIS_URL": LARGE_REDIS_URL,
            }
            started = time.monotonic()
            manage(
                large_env,
                "load_bulk_demo",
                "--articles",
                str(args.articles),
                "--portals",
                str(args.portals),
                timeout=1800,
            )
            found["large_site"] = {
                "articles": args.articles,
                "portals": args.portals,
                "load_seconds": round(time.monotonic() - started, 1),
                "made_by": "manage.py load_bulk_demo (congtin/demo)",
            }
            sites["PostgreSQL large"] = (large_env, large_name)
        servers = {}
        for suffix, (site_env, database) in sites.items():
            quiet_database(database)
            # Each server starts on an empty Redis, not on what the loading left
            # there (it renders each new portal's home page).
            redis.Redis.from_url(site_env["REDIS_URL"]).flushdb()
            servers[suffix] = run.app_server(
                site_env, f"pg-{database}", PAGE_CACHE_SECONDS="0"
            )
        # The sites take turns, round after round, and each figure is the median
        # of its rounds: a slower minute of the machine then weighs on both sides
        # of the large / demo-size ratio alike instead of on one of them.
        for round_number in range(1, args.rounds + 1):
            for suffix, server in servers.items():
                for page, path in paths.items():
                    run.measure(
                        f"{page} uncached, {suffix}",
                        server.port,
                        path,
                        server.workers(),
                        round_number=round_number,
                    )
        for server in servers.values():
            run.stop(server)
    finally:
        for database in (name, large_name):
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.close()
    return found


def quiet_database(database: str) -> None:
    """Vacuums and analyses a freshly loaded database and writes its pages out, so
    that neither autovacuum nor a checkpoint starts in the middle of a measurement."""
    import psycopg

    url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + database
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM (ANALYZE)")
        connection.execute("CHECKPOINT")


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    index = min(len(values) - 1, max(0, round(pct / 100 * len(values) + 0.5) - 1))
    return values[index]


def checks(rows, extra) -> list[dict]:
    def check(name, value, goal, ok):
        return {"name": name, "value": value, "target": goal, "ok": bool(ok)}

    found = []
    nginx = rows.get("nginx static file", {}).get("rps")
    for page, key in (("article", "article_rps"), ("home", "home_rps")):
        row = rows.get(f"{page} uncached")
        if row:
            found.append(
                check(
                    f"{page} uncached rps",
                    row["rps"],
                    f">= {TARGETS[key]:g}",
                    row["rps"] >= TARGETS[key],
                )
            )
    for worker in extra.get("memory", {}).get("workers", []):
        found.append(
            check(
                f"worker {worker['pid']} RSS MB",
                worker["rss_mb"],
                f"< {TARGETS['worker_rss_mb']:g}",
                worker["rss_mb"] < TARGETS["worker_rss_mb"],
            )
        )
    for label, key in (
        ("page cache", "app_hit_share_of_nginx"),
        ("Varnish", "varnish_hit_share_of_nginx"),
    ):
        for page in ("article", "home"):
            row = rows.get(f"{page} {label}")
            if row and nginx:
                share = row["rps"] / nginx
                found.append(
                    check(
                        f"{page} {label} / nginx",
                        share,
                        f">= {TARGETS[key]:g}",
                        share >= TARGETS[key],
                    )
                )
    publish = extra.get("publish")
    if publish:
        found.append(
            check(
                "publish visible p95 s",
                publish["p95_s"],
                f"<= {TARGETS['publish_p95_s']:g}",
                publish["p95_s"] <= TARGETS["publish_p95_s"],
            )
        )
    for page in ("article", "home"):
        small = rows.get(f"{page} uncached, PostgreSQL")
        large = rows.get(f"{page} uncached, PostgreSQL large")
        if small and large:
            share = large["rps"] / small["rps"]
            found.append(
                check(
                    f"{page} large / demo-size",
                    share,
                    f">= {TARGETS['large_site_share']:g}",
                    share >= TARGETS["large_site_share"],
                )
            )
    return found


def report(rows, extra, found) -> None:
    nginx = rows.get("nginx static file", {}).get("rps")
    print()
    print(
        f"{'what':<34} {'req/s':>9} {'x nginx':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'errors':>7} {'CPU ms/req':>10} {'host CPU %':>10}"
    )
    print("-" * 100)
    for label, row in rows.items():
        share = f"{row['rps'] / nginx:.2f}" if nginx else "-"
        print(
            f"{label:<34} {row['rps']:>9.1f} {share:>8} {row['p50_ms']:>8.2f} "
            f"{row['p99_ms']:>8.2f} {row['errors']:>7} "
            f"{row['server_cpu_ms_per_request']:>10.2f} {row['host_cpu_busy_pct']:>10.0f}"
        )
    print(
        "  CPU ms/req: CPU time of the server's processes per request (for nginx and\n"
        "  Varnish their own processes); host CPU %: all CPUs, wrk included."
    )
    memory_rows = extra.get("memory")
    if memory_rows:
        print()
        print(f"{'process':<16} {'pid':>8} {'RSS MB':>8} {'peak MB':>8} {'USS MB':>8}")
        print("-" * 52)
        for label, proc in [("server main", memory_rows["master"])] + [
            ("server worker", worker) for worker in memory_rows["workers"]
        ]:
            print(
                f"{label:<16} {proc['pid']:>8} {proc['rss_mb']:>8.1f} "
                f"{proc['peak_mb']:>8.1f} {proc['uss_mb']:>8.1f}"
            )
    rounds = {label: row for label, row in rows.items() if row.get("rounds_rps")}
    if rounds:
        print()
        for label, row in rounds.items():
            each = ", ".join(f"{rps:.1f}" for rps in row["rounds_rps"])
            print(f"{label}: rounds {each} req/s (the median is in the table)")
    if extra.get("publish"):
        print()
        publish = extra["publish"]
        print(
            f"publish to visible on the other app server, {publish['count']} publishes:"
            f" p50 {publish['p50_s']:.3f} s, p95 {publish['p95_s']:.3f} s, max "
            f"{publish['max_s']:.3f} s (the publish call itself: p50 "
            f"{publish['publish_call_p50_s']:.3f} s)"
        )
    if extra.get("large_site"):
        large = extra["large_site"]
        print(
            f"large site: {large['articles']:,} articles, {large['portals']} portals, "
            f"made by {large['made_by']} in {large['load_seconds']:.0f} s"
        )
    if extra.get("skipped"):
        print()
        for reason in extra["skipped"]:
            print(f"not measured: {reason}")
    print()
    print(f"{'target':<30} {'value':>9} {'goal':>9}  result")
    print("-" * 58)
    for item in found:
        print(
            f"{item['name']:<30} {item['value']:>9.2f} {item['target']:>9}  "
            f"{'PASS' if item['ok'] else 'FAIL'}"
        )
    print()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds each (10)")
    parser.add_argument("--warmup", type=int, default=2, help="warm-up seconds (2)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--connections", type=int, default=8, help="connections (8)")
    parser.add_argument("--publishes", type=int, default=50, help="publishes (50)")
    parser.add_argument(
        "--articles", type=int, default=100_000, help="large site articles (100000)"
    )
    parser.add_argument("--portals", type=int, default=200, help="large site portals")
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="rounds of the PostgreSQL uncached pages, median kept (3)",
    )
    parser.add_argument(
        "--no-postgres", action="store_true", help="skip the PostgreSQL phases"
    )
    parser.add_argument(
        "--no-varnish", action="store_true", help="skip the Varnish phase"
    )
    parser.add_argument("--json", type=Path, default=OUT, help=f"output ({OUT})")
    parser.add_argument("--keep", action="store_true", help="keep the temporary dir")
    parser.add_argument(
        "--reuse", type=Path, help="a directory kept with --keep: skip the set-up"
    )
    parser.add_argument("--wrk", help="path of wrk (default: on PATH, /usr/bin/wrk)")
    args = parser.parse_args(argv)
    if not 1 <= args.duration <= 600 or not 0 <= args.warmup <= 60:
        parser.error("--duration must be 1..600 and --warmup 0..60 seconds")
    if not 1 <= args.publishes <= 1000 or not 0 <= args.articles <= 1_000_000:
        parser.error("--publishes must be 1..1000 and --articles 0..1000000")
    if not 1 <= args.rounds <= 20:
        parser.error("--rounds must be 1..20")

    wrk = args.wrk if args.wrk and os.access(args.wrk, os.X_OK) else None
    wrk = wrk or find_program("wrk", "/usr/bin/wrk")
    if wrk is None:
        print(
            "bench: wrk is not installed (apt-get install wrk); nothing was measured.",
            file=sys.stderr,
        )
        return 2

    tmp = args.reuse or Path(tempfile.mkdtemp(prefix="congtin-bench-"))
    if args.reuse:
        args.keep = True
        for leftover in ("nginx-root", "nginx", "varnish", "shared-cache"):
            shutil.rmtree(tmp / leftover, ignore_errors=True)
    run = Run(args, wrk, tmp)

    def on_signal(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    started = time.monotonic()
    extra: dict = {"skipped": []}
    try:
        env = bench_env(tmp)
        log(f"temporary site in {tmp}")
        if not args.reuse:
            manage(env, "migrate", "--noinput", "-v", "0")
            manage(env, "collectstatic", "--noinput", "-v", "0")
            manage(env, "load_demo", "--port", "80")
        output = manage(
            env, "shell", "-c", SEED_URL_CODE.format(prefix=SEED_TITLE_PREFIX)
        )
        match = re.search(r"^BENCH_URL=(\S+)$", output, re.MULTILINE)
        if not match:
            raise BenchError(f"seed article URL not found in:\n{output}")
        paths = {"home": "/", "article": match.group(1)}
        load_before = list(os.getloadavg())

        extra.update(sqlite_phases(run, env, paths))
        if not VCL.exists():
            extra["skipped"].append("Varnish (no deploy/varnish/congtin.vcl)")
        elif args.no_varnish:
            extra["skipped"].append("Varnish (--no-varnish given)")
        why = "--no-postgres given" if args.no_postgres else postgres_available()
        if why:
            log(f"PostgreSQL phases skipped: {why}")
            extra["skipped"].append(f"PostgreSQL phases ({why})")
        else:
            extra.update(postgres_phases(run, env, args))

        found = checks(run.rows, extra)
        report(run.rows, extra, found)
        errors = sum(row["errors"] for row in run.rows.values())
        result = {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "settings": "congtin.settings.production + congtin.demo",
            "app_server": f"granian (congtin.serve), {WORKERS} workers x 1 thread, 127.0.0.1",
            "wrk": {
                "threads": args.threads,
                "connections": args.connections,
                "duration_s": args.duration,
                "warmup_s": args.warmup,
                "postgres_rounds": args.rounds,
            },
            "cpus": os.cpu_count(),
            "load_average_before": load_before,
            "load_average_after": list(os.getloadavg()),
            "rows": run.rows,
            **extra,
            "targets": TARGETS,
            "checks": found,
            "all_targets_met": all(item["ok"] for item in found),
            "errors": errors,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        log(f"figures written to {args.json}")
        if errors:
            log(f"FAILED: {errors} non-2xx responses or socket errors")
            return 1
        met = "all targets met" if result["all_targets_met"] else "some targets missed"
        log(f"done in {time.monotonic() - started:.0f}s ({met})")
        return 0
    except (BenchError, subprocess.TimeoutExpired) as exc:
        log(f"ERROR: {exc}")
        for process in run.processes:
            tail = process.tail()
            if tail:
                log(f"{process.name} log (tail):\n{tail}")
        return 1
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        run.stop_all()
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
