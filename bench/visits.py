"""Load-test the visit beacon: how many views per second it counts, and what 1,000
beacons a second cost the article page.

Run: ``.venv/bin/python bench/visits.py [--duration 10]`` (needs wrk). About a
minute and a half, most of it loading the demo; ``--keep`` then ``--reuse DIR``
skip that on the next run.

The demo on SQLite under the web server of `make run` (granian through
congtin.serve, 2 workers, production settings: beacons answered by the WSGI door
in ``congtin/visits/wsgi.py``), page cache off as in bench/pages.py's uncached row:

1. Beacons alone, as fast as they go (POST /_v/ with a browser's User-Agent, each
   connection cycling through every live page's id and key): beacons/s and the
   server's CPU ms per beacon.
2. ``--rounds`` (3) rounds of: the seed article alone (wrk, ``--connections``),
   then the article again while a second wrk sends beacons at about ``--rate``
   (1,000) per second (connections that wait between requests, their number set
   by a short trial); the medians give the slowdown. On a machine others use too,
   the rounds differ; the CPU the beacons take at that rate (from 1) is printed
   beside it, as the bound of the slowdown of a page that uses every core.
3. The counts: once every worker has written its buffer, the server is stopped,
   the scheduler's fold runs once, and the views in the daily tables are compared
   with the beacons sent (a stopped worker loses what it held since its last
   write).

Prints the figures and the target (slowdown at most 5 %); writes them to
bench/out/visits.json. Exit status: 0 when it ran, 1 on an error, 2 without wrk.
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
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import (  # noqa: E402
    SEED_TITLE_PREFIX,
    SEED_URL_CODE,
    WRK_LUA,
    bench_env,
    cpu_seconds,
    log,
    manage,
    parse_wrk,
)
from servers import AppServer, BenchError, find_program, free_port, get  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "visits.json"
WORKERS = 2
MAX_SLOWDOWN = 0.05
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)

# Every live page's id and beacon key, as the pages carry them.
KEYS_CODE = """
from wagtail.models import Page
from congtin.visits.tokens import page_key
for pk in Page.objects.live().filter(depth__gt=1).values_list("pk", flat=True)[:500]:
    print(f"BENCH_KEY {pk} {page_key(pk)}")
"""

FOLD_CODE = """
from django.db.models import Sum
from congtin.visits.counting import fold
from congtin.visits.models import DailyViews
fold()
print("BENCH_VIEWS", DailyViews.objects.aggregate(n=Sum("views"))["n"] or 0)
"""

BEACON_LUA = (
    WRK_LUA
    + r"""
local bodies = { BODIES_LIST }
local pause = PAUSE_MS
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["User-Agent"] = "USER_AGENT"
function request()
  n = n + 1
  return wrk.format(nil, nil, nil, bodies[(n % #bodies) + 1])
end
function delay() return pause end
"""
)


def wrk_command(wrk, lua, port, path, duration, connections, threads=1) -> list:
    return [
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
        "Host: localhost",
        f"http://127.0.0.1:{port}{path}",
    ]


def run_wrk(command, duration) -> dict:
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + 60
    )
    if result.returncode != 0:
        raise BenchError(f"wrk failed:\n{result.stdout}{result.stderr}")
    figures = parse_wrk(result.stdout)
    if figures["errors"]:
        raise BenchError(f"wrk saw errors:\n{result.stdout}")
    return figures


def post_beacon(port, key) -> None:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(
        "POST",
        "/_v/",
        body=f"m=1&p={key[0]}&k={key[1]}",
        headers={
            "Host": "localhost",
            "User-Agent": BROWSER,
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    if connection.getresponse().status != 204:
        raise BenchError("a beacon was not answered 204")
    connection.close()


def beacon_lua(tmp: Path, keys, pause_ms: int, name: str) -> Path:
    bodies = ", ".join(f'"m=1&p={pk}&k={key}"' for pk, key in keys)
    path = tmp / f"{name}.lua"
    path.write_text(
        BEACON_LUA.replace("BODIES_LIST", bodies)
        .replace("PAUSE_MS", str(pause_ms))
        .replace("USER_AGENT", BROWSER)
    )
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rate", type=int, default=1000)
    parser.add_argument("--beacon-connections", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, default=OUT)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--reuse", type=Path)
    args = parser.parse_args()
    wrk = find_program("wrk", "/usr/bin/wrk")
    if wrk is None:
        print("bench: wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2

    tmp = args.reuse or Path(tempfile.mkdtemp(prefix="congtin-visits-bench-"))
    keep = args.keep or bool(args.reuse)
    server = None
    try:
        env = bench_env(tmp)
        if not args.reuse:
            manage(env, "migrate", "--noinput", "-v", "0")
            manage(env, "collectstatic", "--noinput", "-v", "0")
            manage(env, "load_demo", "--port", "80")
        # Only the beacons of this run are compared with the tables.
        manage(
            env,
            "shell",
            "-c",
            "from congtin.visits.models import DailyViews, PendingCount, PortalDay;"
            "DailyViews.objects.all().delete(); PortalDay.objects.all().delete();"
            "PendingCount.objects.all().delete()",
        )
        output = manage(
            env, "shell", "-c", SEED_URL_CODE.format(prefix=SEED_TITLE_PREFIX)
        )
        article = re.search(r"^BENCH_URL=(\S+)$", output, re.M).group(1)
        keys = re.findall(
            r"^BENCH_KEY (\d+) (\w+)$", manage(env, "shell", "-c", KEYS_CODE), re.M
        )
        if not keys:
            raise BenchError("no live page found")
        lua = tmp / "count.lua"
        lua.write_text(WRK_LUA)
        fast = beacon_lua(tmp, keys, 0, "beacon-fast")
        # Each connection sends one beacon, then waits: about connections x 1000 /
        # (pause + latency) beacons a second.
        pause = max(1, round(1000 * args.beacon_connections / args.rate))
        paced = beacon_lua(tmp, keys, pause, "beacon-paced")

        port = free_port()
        server = AppServer(
            port, {**env, "PAGE_CACHE_SECONDS": "0"}, tmp / "server.log", tmp, WORKERS
        )
        server.start()
        server.ready()
        workers = server.workers()
        status, _, _ = get(port, article)
        if status != 200:
            raise BenchError(f"{article} answered {status}")

        def article_rps(label) -> dict:
            if args.warmup:
                run_wrk(
                    wrk_command(
                        wrk, lua, port, article, args.warmup, args.connections, 2
                    ),
                    args.warmup,
                )
            before = cpu_seconds(workers)
            figures = run_wrk(
                wrk_command(
                    wrk, lua, port, article, args.duration, args.connections, 2
                ),
                args.duration,
            )
            figures["server_cpu_ms_per_request"] = round(
                1000 * (cpu_seconds(workers) - before) / figures["requests"], 3
            )
            log(f"{label}: {figures['rps']:.1f} req/s, p99 {figures['p99_ms']:.1f} ms")
            return figures

        sent = 0
        before = cpu_seconds(workers)
        beacons = run_wrk(
            wrk_command(wrk, fast, port, "/_v/", args.duration, args.connections, 2),
            args.duration,
        )
        sent += beacons["requests"]
        beacons["server_cpu_ms_per_beacon"] = round(
            1000 * (cpu_seconds(workers) - before) / beacons["requests"], 4
        )
        log(
            f"beacons alone: {beacons['rps']:.0f}/s, "
            f"{beacons['server_cpu_ms_per_beacon']:.3f} server CPU ms each"
        )

        # wrk's pause between requests is not exact: the number of paced
        # connections is set from a short trial so that the rate is about --rate.
        connections = args.beacon_connections
        trial = run_wrk(wrk_command(wrk, paced, port, "/_v/", 3, connections), 3)
        sent += trial["requests"]
        connections = min(400, max(1, round(connections * args.rate / trial["rps"])))
        log(
            f"pacing: {trial['rps']:.0f}/s on {args.beacon_connections} connections, "
            f"{connections} connections for {args.rate}/s"
        )

        alone_rounds, loaded_rounds, paced_rounds = [], [], []
        for number in range(1, args.rounds + 1):
            alone_rounds.append(article_rps(f"article alone (round {number})"))
            background = subprocess.Popen(
                wrk_command(
                    wrk,
                    paced,
                    port,
                    "/_v/",
                    args.duration + args.warmup + 2,
                    connections,
                ),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            time.sleep(1)
            loaded_rounds.append(article_rps(f"article with beacons (round {number})"))
            out, err = background.communicate(timeout=args.duration + 60)
            paced_figures = parse_wrk(out)
            if paced_figures["errors"]:
                raise BenchError(f"paced beacons saw errors:\n{out}{err}")
            sent += paced_figures["requests"]
            paced_rounds.append(paced_figures)
            log(f"paced beacons (round {number}): {paced_figures['rps']:.0f}/s")

        def median(rows):
            return sorted(rows, key=lambda row: row["rps"])[(len(rows) - 1) // 2]

        alone, loaded, paced_figures = (
            median(alone_rounds),
            median(loaded_rounds),
            median(paced_rounds),
        )
        # Every worker writes what it holds at its next beacon once
        # VISITS_FLUSH_SECONDS have passed; a stopped worker loses the rest.
        time.sleep(6)
        for _ in range(40):
            post_beacon(port, keys[0])
        sent += 40
        time.sleep(0.5)
        server.stop()
        server = None
        counted = int(
            re.search(
                r"BENCH_VIEWS (\d+)", manage(env, "shell", "-c", FOLD_CODE)
            ).group(1)
        )
        slowdown = 1 - loaded["rps"] / alone["rps"]
        # What 1,000 beacons a second take of the two cores, whatever else runs
        # on the machine: the bound of the slowdown of a page that uses them all.
        cpu_share = (
            args.rate
            * beacons["server_cpu_ms_per_beacon"]
            / (1000 * (os.cpu_count() or 1))
        )
        result = {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "app_server": f"granian (congtin.serve), {WORKERS} workers, SQLite, "
            "page cache off",
            "cpus": os.cpu_count(),
            "load_average": list(os.getloadavg()),
            "article": article,
            "article_alone": alone,
            "beacons_alone": beacons,
            "article_with_beacons": loaded,
            "paced_beacons": paced_figures,
            "rounds_rps": {
                "alone": [row["rps"] for row in alone_rounds],
                "with_beacons": [row["rps"] for row in loaded_rounds],
                "beacons": [row["rps"] for row in paced_rounds],
            },
            "beacons_sent": sent,
            "views_counted": counted,
            "slowdown": round(slowdown, 4),
            "beacon_cpu_share_at_rate": round(cpu_share, 4),
            "target_max_slowdown": MAX_SLOWDOWN,
            "target_met": slowdown <= MAX_SLOWDOWN
            and paced_figures["rps"] >= 0.9 * args.rate,
        }
        print()
        print(f"{'':34}{'req/s':>10}{'p99 ms':>10}{'CPU ms':>10}")
        print(
            f"{'article alone':34}{alone['rps']:>10.1f}{alone['p99_ms']:>10.1f}"
            f"{alone['server_cpu_ms_per_request']:>10.3f}"
        )
        print(
            f"{'beacons alone (counted views/s)':34}{beacons['rps']:>10.0f}"
            f"{beacons['p99_ms']:>10.1f}{beacons['server_cpu_ms_per_beacon']:>10.3f}"
        )
        print(
            f"{'article + beacons ' + format(paced_figures['rps'], '.0f') + '/s':34}"
            f"{loaded['rps']:>10.1f}{loaded['p99_ms']:>10.1f}"
            f"{loaded['server_cpu_ms_per_request']:>10.3f}"
        )
        print(
            f"slowdown of the article (median of {args.rounds} rounds): "
            f"{100 * slowdown:.1f} % (target at most {100 * MAX_SLOWDOWN:.0f} %)"
        )
        print(
            f"CPU the beacons take at {args.rate}/s: {100 * cpu_share:.1f} % "
            f"of the machine's {os.cpu_count()} cores"
        )
        print(f"beacons sent {sent}, views in the daily tables {counted}")
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        log(f"figures written to {args.json}")
        return 0
    except (BenchError, subprocess.TimeoutExpired, AttributeError) as exc:
        log(f"ERROR: {exc}")
        if server is not None:
            log(server.tail())
        return 1
    finally:
        if server is not None:
            server.stop()
        if keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
