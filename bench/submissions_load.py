"""Load-test the public submission forms: comments on drafts and citizens' questions.

Run: ``.venv/bin/python bench/submissions_load.py [--requests 1000 --clients 50]``
(add ``--postgres postgres://postgres@127.0.0.1:5432/congtin_consbench`` to run on
PostgreSQL: that database is dropped and created again).

Builds a throw-away site (temporary SQLite database unless ``--postgres``, temporary
MEDIA_ROOT, PRIVATE_MEDIA_ROOT and STATIC_ROOT), makes a minimal portal with one open
draft and, when the questions app is installed, its "Hỏi đáp" form, and starts
gunicorn (gthread workers) with production settings on 127.0.0.1. Rate-limit
counters live in Redis when it answers (so every worker sees the same counts), under
a key prefix of their own; otherwise in the database table every worker shares.

Each of ``--clients`` threads plays one citizen behind its own address (sent as
X-Forwarded-For, which the bench settings trust): it fetches the form for the CSRF
cookie and token, then sends its share of the submissions, a fixed mix of valid ones,
invalid ones (empty name, bad contact, text too short), a filled honeypot, and more
valid ones than its per-IP limit allows, so some are refused with 429. Every text
carries a unique marker. Afterwards the database is read: every accepted marker must
be there exactly once and no refused one at all; every refusal must be a 4xx with its
Vietnamese message; no 5xx and no connection errors are allowed.

Limits for the run: ``--ip-limit`` (default 13 per client and form), ``--contact-
limit`` (100), or the environment variables BENCH_IP_LIMIT / BENCH_CONTACT_LIMIT;
the proof-of-work challenge is switched off (it is what keeps scripts like this
one slow).

``--hanging-smtp``: the mail server hangs. A loopback server accepts SMTP
connections and never answers; the portal delivers to it (EMAIL_TIMEOUT from
``--email-timeout``, default 10 s) and the task worker (``manage.py db_worker``)
runs beside gunicorn. Every client uses the questions form, and after each
accepted submission fetches the tracking page, which must show the code. Meanwhile
a probe fetches the home page four times a second. Added checks: every citizen
shown a code, the home page always 200, and the worker (not a request) did talk to
the hanging server. Added figures: home page latency during the run, the receipts'
recorded states, the connections the mail server received.

Prints the figures and writes them to bench/out/submissions-<database>.json (with
``--hanging-smtp``: submissions-hanging-smtp-<database>.json). Exit status 0 when
every check passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import requests

from congtin.core.tests.mail_servers import HangingServer, free_port

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "submissions-{database}.json"
BIN = Path(sys.executable).parent
HOST_HEADER = "localhost"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")

SETTINGS_MODULE = """
import os

from congtin.settings.production import *  # noqa: F401,F403

ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
PRIVATE_MEDIA_ROOT = os.environ["PRIVATE_MEDIA_ROOT"]
# Each bench client has its own address, passed as X-Forwarded-For.
PUBLIC_FORMS_TRUST_X_FORWARDED_FOR = True
PUBLIC_FORMS_IP_LIMIT = int(os.environ["BENCH_IP_LIMIT"])
PUBLIC_FORMS_CONTACT_LIMIT = int(os.environ["BENCH_CONTACT_LIMIT"])
PUBLIC_FORMS_CHALLENGE_AFTER = None
if os.environ.get("BENCH_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["BENCH_REDIS_URL"],
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
            "KEY_PREFIX": os.environ["BENCH_CACHE_PREFIX"],
        },
    }
    CACHES["renditions"] = CACHES["default"]
"""

# Run with manage.py shell: the minimal portal; prints the form URLs as JSON.
SETUP_CODE = r"""
import json
from datetime import timedelta
from django.apps import apps
from django.utils import timezone
from congtin.consultations.models import DraftDocumentPage, DraftIndexPage
from congtin.portals.setup import ensure_child, ensure_portal

portal = ensure_portal(name="Thành phố Thử tải", hostname="localhost", port=PORT,
                       is_default=True)
index = ensure_child(portal.home, DraftIndexPage, "lay-y-kien-du-thao",
                     title="Lấy ý kiến dự thảo")
now = timezone.now()
draft = DraftDocumentPage(title="Dự thảo thử tải", slug="du-thao-thu-tai",
                          consulting_body="Sở Tư pháp (thử tải)",
                          opens_at=now - timedelta(days=1),
                          closes_at=now + timedelta(days=7),
                          body="<p>Điều 1. Nội dung thử tải.</p>")
index.add_child(instance=draft)
draft.save_revision().publish()
out = {"draft": draft.url}
if apps.is_installed("congtin.questions"):
    from congtin.questions.demo import ensure_index, ensure_topics
    topic = next(iter(ensure_topics().values()))
    questions = ensure_index(portal.site)
    out.update(questions=questions.url + questions.reverse_subpage("ask"),
               site=portal.site.pk, topic=topic.pk)
print("BENCH_SETUP=" + json.dumps(out))
"""

# Run with manage.py shell after the load: how often each marker was stored.
COUNT_CODE = r"""
import json, re
from django.apps import apps
from congtin.consultations.models import DraftComment
found = {}
texts = list(DraftComment.objects.values_list("text", flat=True))
receipts = {}
if apps.is_installed("congtin.questions"):
    from django.db.models import Count
    from congtin.questions.models import Question
    # The title carries the marker too (questions have no minimum text length).
    texts += [f"{t} {x}" for t, x in Question.objects.values_list("title", "text")]
    if hasattr(Question, "receipt_status"):
        receipts = dict(Question.objects.values_list("receipt_status")
                        .annotate(n=Count("pk")).values_list("receipt_status", "n"))
for text in texts:
    for marker in set(re.findall(r"BENCH-[0-9a-f]{8}-\d+-\d+", text)):
        found[marker] = found.get(marker, 0) + 1
print("BENCH_FOUND=" + json.dumps(found))
print("BENCH_RECEIPTS=" + json.dumps(receipts))
"""

# What each kind of refusal must say (status, a phrase of its Vietnamese message).
EXPECTED = {
    "valid": (None, None),
    "invalid_name": (400, "Vui lòng điền mục này."),
    "invalid_contact": (400, "hợp lệ"),
    "invalid_short": (400, "ít nhất"),
    "honeypot": (400, "ô ẩn"),
    "rate_limited": (429, "Bạn đã gửi quá nhiều lần"),
}
# The questions form has no minimum length; its third invalid case is a topic that
# does not exist.
EXPECTED_QUESTIONS = {**EXPECTED, "invalid_short": (400, "chủ đề")}
# One client's plan before shuffling; valid ones beyond the IP limit get 429.
PLAN = ["valid"] * 16 + ["invalid_name", "invalid_contact", "invalid_short"]
PLAN += ["honeypot"]


class BenchError(Exception):
    pass


def log(message):
    print(f"[bench] {message}", flush=True)


def redis_available() -> bool:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
        return True
    except Exception:
        return False


def recreate_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise BenchError(f"unexpected database name {name!r}")
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")


def bench_env(
    tmp: Path, database_url: str, args, use_redis: bool, smtp_port: int | None = None
) -> dict[str, str]:
    env = dict(os.environ)
    for name in (
        "REDIS_URL",
        "DATABASE_REPLICA_URL",
        "MEDIA_STORAGE",
        "DEBUG",
        "EMAIL_BACKEND",
        "EMAIL_DELIVERY_BACKEND",
    ):
        env.pop(name, None)
    (tmp / "bench_settings.py").write_text(SETTINGS_MODULE)
    env.update(
        DJANGO_SETTINGS_MODULE="bench_settings",
        PYTHONPATH=os.pathsep.join([str(tmp), str(ROOT)]),
        SECRET_KEY="bench-only-secret-key-not-for-production-0123456789",
        DATABASE_URL=database_url,
        SQLITE_PATH=str(tmp / "bench.sqlite3"),
        MEDIA_ROOT=str(tmp / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp / "private"),
        STATIC_ROOT=str(tmp / "static"),
        SECURE_COOKIES="false",
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        BENCH_IP_LIMIT=str(args.ip_limit),
        BENCH_CONTACT_LIMIT=str(args.contact_limit),
        BENCH_CACHE_PREFIX=f"bench-{uuid.uuid4().hex[:8]}",
        PYTHONUNBUFFERED="1",
    )
    if smtp_port is not None:
        env.update(
            EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp_port),
            EMAIL_USE_TLS="false",
            EMAIL_TIMEOUT=str(args.email_timeout),
        )
    if use_redis:
        env["BENCH_REDIS_URL"] = REDIS_URL
    else:
        env.pop("BENCH_REDIS_URL", None)
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


def shell_json(env, code: str, *keys: str):
    """The JSON values the code printed as KEY=..., one per key (or the only one)."""
    output = manage(env, "shell", "-c", code)
    values = []
    for key in keys:
        match = re.search(rf"^{key}=(.*)$", output, re.MULTILINE)
        if not match:
            raise BenchError(f"{key} not found in:\n{output}")
        values.append(json.loads(match.group(1)))
    return values[0] if len(values) == 1 else values


def wait_ready(server, base, path, timeout=90):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited early with status {server.returncode}")
        try:
            response = requests.get(
                base + path, headers={"Host": HOST_HEADER}, timeout=5
            )
            if response.status_code == 200:
                return
            last = f"HTTP {response.status_code}"
        except requests.RequestException as exc:
            last = str(exc)
        time.sleep(0.3)
    raise BenchError(f"the server did not answer 200 on {path} ({last})")


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise BenchError("no CSRF token in the form page")
    return match.group(1)


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.rows = []  # (target, kind, marker, outcome, status, seconds, detail)
        self.codes = {"shown": 0, "missing": []}  # tracking pages after acceptance

    def add(self, *row):
        with self.lock:
            self.rows.append(row)

    def code(self, marker, shown, detail=""):
        with self.lock:
            if shown:
                self.codes["shown"] += 1
            else:
                self.codes["missing"].append(f"{marker}: {detail}")


class HomeProbe:
    """Fetches the home page every ``interval`` seconds while the load runs."""

    def __init__(self, base, interval=0.25):
        self.url = base + "/"
        self.interval = interval
        self.samples = []  # (seconds, status or None, detail)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        session = requests.Session()
        session.headers["Host"] = HOST_HEADER
        while not self.stopped.is_set():
            started = time.perf_counter()
            try:
                status, detail = session.get(self.url, timeout=30).status_code, ""
            except requests.RequestException as exc:
                status, detail = None, repr(exc)
            self.samples.append((time.perf_counter() - started, status, detail))
            self.stopped.wait(self.interval)

    def start(self):
        self.thread.start()

    def stop(self):
        self.stopped.set()
        self.thread.join(35)


def submission(target, kind, marker, client_no, setup):
    """Form fields for one submission of ``kind`` to ``target``."""
    contact = f"nguoi{client_no}@example.com"
    text = f"Nội dung góp ý thử tải, mã {marker}, đủ dài để hợp lệ."
    name = f"Người dân số {client_no}"
    if kind == "invalid_name":
        name = "   "
    elif kind == "invalid_contact":
        contact = "không phải địa chỉ"
    elif kind == "invalid_short":
        text = marker[-6:]
    data = {"name": name, "text": text, "website": ""}
    if kind == "honeypot":
        data["website"] = "http://spam.example"
    if target == "draft":
        data["contact"] = contact
    else:
        data.update(
            email=contact,
            phone="",
            address="",
            site=str(setup["site"]),
            topic=str(setup["topic"]),
            title=f"Câu hỏi thử tải {marker}",
        )
        if kind == "invalid_contact":
            data["email"] = "không phải địa chỉ"
        if kind == "invalid_short":
            data.update(text=text, topic="999999")
    return data


TRACKING_CODE = re.compile(r"data-tracking-code>(HD-[A-Z0-9]{4}-[A-Z0-9]{4})<")


def check_code_shown(session, base, response, marker, results):
    """The tracking page the citizen is sent to must show the code at once."""
    location = response.headers.get("Location", "")
    try:
        page = session.get(
            base + location if location.startswith("/") else location, timeout=30
        )
    except requests.RequestException as exc:
        results.code(marker, False, repr(exc))
        return
    match = TRACKING_CODE.search(page.text)
    shown = page.status_code == 200 and match and match.group(1) in location
    results.code(marker, bool(shown), f"HTTP {page.status_code} {location}")


def run_client(client_no, count, base, setup, run_id, results, rng, questions_only):
    on_questions = questions_only or client_no % 3 == 2
    target = "questions" if "questions" in setup and on_questions else "draft"
    url = base + setup[target]
    session = requests.Session()
    session.headers.update(
        {
            "Host": HOST_HEADER,
            "X-Forwarded-For": f"10.{client_no // 250}.{client_no % 250}.7",
        }
    )
    try:
        page = session.get(url, timeout=30)
        token = csrf_token(page.text)
    except (requests.RequestException, BenchError) as exc:
        for i in range(count):
            marker = f"BENCH-{run_id}-{client_no}-{i}"
            results.add(target, "setup", marker, "error", None, 0.0, str(exc))
        return
    plan = [PLAN[i % len(PLAN)] for i in range(count)]
    rng.shuffle(plan)
    for i, kind in enumerate(plan):
        marker = f"BENCH-{run_id}-{client_no}-{i}"
        data = submission(target, kind, marker, client_no, setup)
        data["csrfmiddlewaretoken"] = token
        started = time.perf_counter()
        try:
            response = session.post(
                url,
                data=data,
                allow_redirects=False,
                timeout=60,
                headers={"Referer": url},
            )
        except requests.RequestException as exc:
            results.add(target, kind, marker, "error", None, 0.0, repr(exc))
            continue
        seconds = time.perf_counter() - started
        status = response.status_code
        if status in (302, 303):
            outcome = "accepted"
            if target == "questions":
                check_code_shown(session, base, response, marker, results)
        elif status == 429:
            outcome = "rate_limited"
        elif 400 <= status < 500:
            outcome = "refused"
        else:
            outcome = "error"
        detail = ""
        if outcome in ("refused", "rate_limited"):
            # A clear answer: the message expected for this kind of refusal.
            expected_kind = "rate_limited" if status == 429 else kind
            table = EXPECTED if target == "draft" else EXPECTED_QUESTIONS
            want_status, phrase = table.get(expected_kind, (None, None))
            body = response.text
            if phrase is None or status != want_status or phrase not in body:
                outcome, detail = "unclear", f"{kind}: HTTP {status}"
        results.add(target, kind, marker, outcome, status, seconds, detail)


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def report(results, found, elapsed, args, backend, setup, mail=None):
    rows = results.rows
    by_outcome = {}
    refused_by_reason = {}
    errors = []
    for _target, kind, marker, outcome, status, _seconds, detail in rows:
        by_outcome[outcome] = by_outcome.get(outcome, 0) + 1
        if outcome in ("refused", "rate_limited"):
            reason = "rate_limited" if outcome == "rate_limited" else kind
            key = f"{reason} ({status})"
            refused_by_reason[key] = refused_by_reason.get(key, 0) + 1
        if outcome in ("error", "unclear"):
            errors.append(f"{marker}: {outcome} {detail}")
    accepted = [row[2] for row in rows if row[3] == "accepted"]
    refused = [row[2] for row in rows if row[3] != "accepted"]
    missing = [m for m in accepted if found.get(m, 0) != 1]
    leaked = [m for m in refused if found.get(m, 0) != 0]
    latencies = [row[5] for row in rows if row[4] is not None]
    per_target = {}
    for row in rows:
        counts = per_target.setdefault(row[0], {})
        counts[row[3]] = counts.get(row[3], 0) + 1
    figures = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": backend,
        "forms": sorted(k for k in ("draft", "questions") if k in setup),
        "submissions": len(rows),
        "clients": args.clients,
        "ip_limit": args.ip_limit,
        "contact_limit": args.contact_limit,
        "accepted": len(accepted),
        "refused": {k: refused_by_reason[k] for k in sorted(refused_by_reason)},
        "errors": len(errors),
        "by_form": per_target,
        "accepted_stored_once": len(accepted) - len(missing),
        "accepted_missing_or_duplicated": len(missing),
        "refused_but_stored": len(leaked),
        "seconds": round(elapsed, 2),
        "throughput_per_s": round(len(rows) / elapsed, 1) if elapsed else 0.0,
        "latency_ms": {
            "p50": round(percentile(latencies, 0.50) * 1000, 1),
            "p95": round(percentile(latencies, 0.95) * 1000, 1),
            "max": round(max(latencies, default=0) * 1000, 1),
            "mean": round(statistics.fmean(latencies) * 1000, 1) if latencies else 0,
        },
    }
    codes = results.codes
    figures["codes_shown"] = codes["shown"]
    figures["codes_missing"] = len(codes["missing"])
    errors += [f"no code shown: {line}" for line in codes["missing"]]
    if mail is not None:
        home = [s for s, status, _ in mail["home"] if status is not None]
        home_errors = [
            f"home page: {status or detail}"
            for _, status, detail in mail["home"]
            if status != 200
        ]
        errors += home_errors
        if not mail["smtp_connections"]:
            errors.append("the worker never reached the hanging mail server")
        figures["hanging_smtp"] = {
            "email_timeout_s": args.email_timeout,
            "smtp_connections": mail["smtp_connections"],
            "receipts": mail["receipts"],
            "home_requests": len(mail["home"]),
            "home_errors": len(home_errors),
            "home_latency_ms": {
                "p50": round(percentile(home, 0.50) * 1000, 1),
                "p95": round(percentile(home, 0.95) * 1000, 1),
                "max": round(max(home, default=0) * 1000, 1),
            },
        }
    print()
    print(f"Submissions load test ({backend}, {args.clients} clients)")
    lat = figures["latency_ms"]
    lines = [
        ("forms", ", ".join(figures["forms"])),
        ("submissions sent", figures["submissions"]),
        ("accepted", figures["accepted"]),
        *((f"refused: {reason}", n) for reason, n in figures["refused"].items()),
        ("errors (5xx, unclear, network)", figures["errors"]),
        ("accepted and stored exactly once", figures["accepted_stored_once"]),
        ("accepted but missing or doubled", figures["accepted_missing_or_duplicated"]),
        ("refused but stored", figures["refused_but_stored"]),
        ("duration", f"{figures['seconds']} s"),
        ("throughput", f"{figures['throughput_per_s']} submissions/s"),
        ("latency p50 / p95 / max", f"{lat['p50']} / {lat['p95']} / {lat['max']} ms"),
    ]
    if "questions" in figures["by_form"]:
        lines.append(("tracking page showed the code", figures["codes_shown"]))
        lines.append(("tracking page without the code", figures["codes_missing"]))
    if mail is not None:
        hang = figures["hanging_smtp"]
        home_lat = hang["home_latency_ms"]
        lines += [
            ("hanging SMTP: EMAIL_TIMEOUT", f"{hang['email_timeout_s']:g} s"),
            ("hanging SMTP: connections (worker)", hang["smtp_connections"]),
            ("receipts recorded", json.dumps(hang["receipts"])),
            ("home page requests during the run", hang["home_requests"]),
            ("home page errors (non-200)", hang["home_errors"]),
            (
                "home p50 / p95 / max",
                f"{home_lat['p50']} / {home_lat['p95']} / {home_lat['max']} ms",
            ),
        ]
    for label, value in lines:
        print(f"  {label:<36}{value}")
    for line in errors[:10]:
        print(f"  ! {line}")
    name = backend.lower() if mail is None else f"hanging-smtp-{backend.lower()}"
    out = Path(str(OUT).format(database=name))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n")
    ok = not errors and not missing and not leaked and figures["accepted"] > 0
    print(f"  {'result':<36}{'OK' if ok else 'FAILED'}")
    return ok


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument(
        "--ip-limit", type=int, default=int(os.environ.get("BENCH_IP_LIMIT", 13))
    )
    parser.add_argument(
        "--contact-limit",
        type=int,
        default=int(os.environ.get("BENCH_CONTACT_LIMIT", 100)),
    )
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="run on this PostgreSQL database (dropped and created again)",
    )
    parser.add_argument(
        "--hanging-smtp",
        action="store_true",
        help="deliver mail to a server that never answers, with the task worker "
        "running; all clients use the questions form",
    )
    parser.add_argument("--email-timeout", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory (logs)"
    )
    args = parser.parse_args(argv)

    gunicorn = BIN / "gunicorn"
    if not os.access(gunicorn, os.X_OK):
        print("bench: gunicorn is not installed in the virtualenv.", file=sys.stderr)
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="congtin-subbench-"))
    use_redis = redis_available()
    # Without Redis the counters live in the database table every worker shares.
    workers = args.workers
    server = worker = smtp = probe = None

    def on_signal(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    try:
        if args.postgres:
            recreate_postgres(args.postgres)
            database_url, backend = args.postgres, "PostgreSQL"
        else:
            database_url, backend = f"sqlite:///{tmp / 'bench.sqlite3'}", "SQLite"
        if args.hanging_smtp:
            smtp = HangingServer().start()
            log(f"hanging SMTP server on 127.0.0.1:{smtp.port}")
        env = bench_env(tmp, database_url, args, use_redis, smtp.port if smtp else None)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log(
            f"temporary site in {tmp}, port {port}, database {backend}, "
            f"rate-limit counters in {'Redis' if use_redis else 'the database'}"
        )
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        setup = shell_json(env, SETUP_CODE.replace("PORT", str(port)), "BENCH_SETUP")
        log(f"forms: {', '.join(k for k in ('draft', 'questions') if k in setup)}")
        server_log = (tmp / "gunicorn.log").open("wb")
        server = subprocess.Popen(
            [
                str(gunicorn),
                "congtin.wsgi:application",
                "--workers",
                str(workers),
                "--worker-class",
                "gthread",
                "--threads",
                str(args.threads),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "60",
                "--log-level",
                "warning",
                "--worker-tmp-dir",
                str(tmp),
            ],
            cwd=ROOT,
            env=env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_ready(server, base, setup["draft"])
        if args.hanging_smtp:
            if "questions" not in setup:
                raise BenchError("--hanging-smtp needs the questions app")
            worker_log = (tmp / "worker.log").open("wb")
            worker = subprocess.Popen(
                [
                    sys.executable,
                    str(ROOT / "manage.py"),
                    "db_worker",
                    "--queue-name",
                    "default,mail",
                    "--no-reload",
                ],
                cwd=ROOT,
                env=env,
                stdout=worker_log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            probe = HomeProbe(base)
            probe.start()
        run_id = uuid.uuid4().hex[:8]
        results = Results()
        rng = random.Random(args.seed)
        shares = [args.requests // args.clients] * args.clients
        for i in range(args.requests % args.clients):
            shares[i] += 1
        threads = [
            threading.Thread(
                target=run_client,
                args=(
                    i,
                    shares[i],
                    base,
                    setup,
                    run_id,
                    results,
                    random.Random(rng.random()),
                    args.hanging_smtp,
                ),
            )
            for i in range(args.clients)
        ]
        log(f"sending {args.requests} submissions from {args.clients} clients")
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        mail = None
        if args.hanging_smtp:
            # Let the worker reach the mail server and give up on it once, so that
            # a failed receipt is on record, the probe still running meanwhile.
            deadline = time.monotonic() + args.email_timeout + 30
            while not smtp.connections and time.monotonic() < deadline:
                time.sleep(0.5)
            time.sleep(args.email_timeout + 3)
            probe.stop()
        connections = smtp.connections if smtp else 0
        found, receipts = shell_json(env, COUNT_CODE, "BENCH_FOUND", "BENCH_RECEIPTS")
        if args.hanging_smtp:
            mail = {
                "home": probe.samples,
                "smtp_connections": connections,
                "receipts": receipts,
            }
        ok = report(results, found, elapsed, args, backend, setup, mail)
        return 0 if ok else 1
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    finally:
        if probe is not None:
            probe.stop()
        if worker is not None and worker.poll() is None:
            # Stopping mid-task waits up to EMAIL_TIMEOUT for the hanging server.
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=args.email_timeout + 30)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
        if smtp is not None:
            smtp.close()
        if server is not None and server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
