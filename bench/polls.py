"""Load-test voting: 50 readers vote at once on one poll, through the production
web server.

Run: ``.venv/bin/python bench/polls.py [--clients 50 --votes 10]``

Builds a throw-away site in a temporary directory (SQLite database, media, static
files; production settings), makes a minimal portal at ``localhost`` with one open
multiple-choice poll of four options, and starts the web server as `make run`
does (granian through ``congtin.serve``, 2 workers, bench/servers.py). The
per-address limit is raised for the run (``POLLS_VOTES_PER_ADDRESS``, from
``--address-limit``): every client votes from 127.0.0.1.

Each of ``--clients`` threads plays readers: for each of its ``--votes`` votes it
opens a new connection with no cookie (a new reader), posts one or two options
with the portal's Origin, and expects 303 with the poll's signed cookie; then,
once per thread, it posts again with that cookie, which must answer 303 and count
nothing. All threads start together (a barrier).

Checks, read from the database afterwards: no 5xx and no connection error; the
poll's voters equal the accepted votes; each option's votes equal the times it
was chosen in an accepted vote (no vote lost, none counted twice). Prints the
figures (votes per second, latency percentiles, statuses) and writes them to
bench/out/polls.json. Exit status 0 when every check passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import AppServer, BenchError, free_port  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "polls.json"
HOST = "localhost"

SETTINGS_MODULE = """
import os

from congtin.settings.production import *  # noqa: F401,F403

POLLS_VOTES_PER_ADDRESS = int(os.environ["BENCH_ADDRESS_LIMIT"])
"""

SETUP_CODE = r"""
import json
from datetime import timedelta
from django.utils import timezone
from congtin.polls.models import Poll, PollOption
from congtin.portals.setup import ensure_portal

portal = ensure_portal(name="Thành phố Thử tải", hostname="localhost", port=PORT,
                       is_default=True)
now = timezone.now()
poll = Poll(site=portal.site, question="Câu hỏi thử tải?", kind="multiple",
            opens_at=now - timedelta(hours=1), closes_at=now + timedelta(days=1),
            on_home_page=True)
for n in range(4):
    poll.options.add(PollOption(text=f"Phương án {n + 1}", sort_order=n))
poll.save()
print("BENCH_SETUP=" + json.dumps(
    {"url": poll.get_url(), "options": list(poll.options.values_list("pk", flat=True))}
))
"""

COUNT_CODE = r"""
import json
from congtin.polls.models import Poll
poll = Poll.objects.get()
print("BENCH_COUNTS=" + json.dumps({
    "voters": poll.voters,
    "options": {str(o.pk): o.votes for o in poll.options.all()},
}))
"""


def log(message):
    print(f"[bench] {message}", flush=True)


def bench_env(tmp: Path, args) -> dict[str, str]:
    env = dict(os.environ)
    for name in (
        "REDIS_URL",
        "DATABASE_REPLICA_URL",
        "MEDIA_STORAGE",
        "DEBUG",
        "EMAIL_BACKEND",
        "FRONTEND_CACHE_URLS",
        "SHARED_CACHE_DIR",
    ):
        env.pop(name, None)
    db = tmp / "bench.sqlite3"
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
        BENCH_ADDRESS_LIMIT=str(args.address_limit),
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *args, timeout=600) -> str:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise BenchError(
            f"manage.py {args[0]} failed (exit {result.returncode}):\n"
            f"{result.stdout}{result.stderr}"
        )
    log(f"manage.py {args[0]}: ok in {time.monotonic() - started:.1f}s")
    return result.stdout


def shell_json(env, code: str, key: str):
    output = manage(env, "shell", "-c", code)
    match = re.search(rf"^{key}=(.*)$", output, re.MULTILINE)
    if not match:
        raise BenchError(f"{key} not found in:\n{output}")
    return json.loads(match.group(1))


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.rows: list[tuple[str, int | None, float]] = []  # kind, status, seconds
        self.chosen: Counter[int] = Counter()
        self.errors: list[str] = []

    def add(self, kind, status, seconds, options=(), detail=""):
        with self.lock:
            self.rows.append((kind, status, seconds))
            if kind == "vote" and status == 303:
                self.chosen.update(options)
            if status is None or status >= 500 or detail:
                self.errors.append(f"{kind} {status} {detail}".strip())


def post(port, url, options, cookie=None) -> tuple[int | None, str, str]:
    """One vote on a connection of its own: (status, Set-Cookie, detail)."""
    headers = {
        "Host": HOST,
        "Origin": f"http://{HOST}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    if cookie:
        headers["Cookie"] = cookie
    body = urlencode([("option", str(o)) for o in options])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("POST", url, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("Set-Cookie") or "", ""
    except OSError as exc:
        return None, "", repr(exc)
    finally:
        conn.close()


def client(number, args, port, setup, barrier, results):
    rng = random.Random(number)
    options = setup["options"]
    cookie = None
    barrier.wait(timeout=120)
    for _ in range(args.votes):
        chosen = rng.sample(options, rng.choice((1, 1, 2)))
        started = time.perf_counter()
        status, set_cookie, detail = post(port, setup["url"], chosen)
        results.add("vote", status, time.perf_counter() - started, chosen, detail)
        if status == 303 and not set_cookie.startswith("tdyk-"):
            results.add("vote", status, 0, detail="303 without the poll's cookie")
        cookie = set_cookie.split(";", 1)[0] or cookie
    if cookie:
        # The same reader again: answered, never counted.
        started = time.perf_counter()
        status, _, detail = post(port, setup["url"], options[:1], cookie)
        results.add("repeat", status, time.perf_counter() - started, (), detail)


def percentile(values, pct):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))
    return ordered[index]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--votes", type=int, default=10, help="votes per client")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--address-limit", type=int, default=1_000_000)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="congtin-polls-bench-") as name:
        tmp = Path(name)
        env = bench_env(tmp, args)
        port = free_port()
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        setup = shell_json(env, SETUP_CODE.replace("PORT", str(port)), "BENCH_SETUP")
        server = AppServer(port, env, tmp / "server.log", tmp, workers=args.workers)
        server.start()
        try:
            server.ready()
            log(f"server ready on {port}; {args.clients} clients x {args.votes} votes")
            results = Results()
            barrier = threading.Barrier(args.clients)
            threads = [
                threading.Thread(
                    target=client, args=(n, args, port, setup, barrier, results)
                )
                for n in range(args.clients)
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(600)
            elapsed = time.perf_counter() - started
        finally:
            server.stop()
        counts = shell_json(env, COUNT_CODE, "BENCH_COUNTS")

    votes = [r for r in results.rows if r[0] == "vote"]
    statuses = Counter(str(r[1]) for r in results.rows)
    accepted = sum(1 for r in votes if r[1] == 303)
    latencies = [r[2] * 1000 for r in votes if r[1] is not None]
    expected_options = {str(k): v for k, v in results.chosen.items()}
    for option in setup["options"]:
        expected_options.setdefault(str(option), 0)
    checks = {
        "no 5xx or connection error": not results.errors,
        "every vote accepted": accepted == len(votes),
        "voters == accepted votes": counts["voters"] == accepted,
        "each option's votes == times chosen": counts["options"] == expected_options,
        "repeats answered, not counted": all(
            r[1] == 303 for r in results.rows if r[0] == "repeat"
        ),
    }
    figures = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "clients": args.clients,
        "votes_sent": len(votes),
        "repeats_sent": len(results.rows) - len(votes),
        "seconds": round(elapsed, 2),
        "votes_per_second": round(len(votes) / elapsed, 1) if elapsed else 0,
        "latency_ms": {
            "p50": round(percentile(latencies, 50), 1),
            "p95": round(percentile(latencies, 95), 1),
            "max": round(max(latencies, default=0), 1),
        },
        "statuses": dict(statuses),
        "database": counts,
        "expected_options": expected_options,
        "errors": results.errors[:20],
        "checks": checks,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    for name, passed in checks.items():
        print(f"{'PASS' if passed else 'FAIL'}  {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"[bench] {exc}", file=sys.stderr)
        sys.exit(1)
