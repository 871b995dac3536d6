"""Time congtin's Vietnamese search against Wagtail's unmodified database backend.

Run: ``.venv/bin/python bench/search_speed.py [--articles 100000] [--queries 200]
[--database sqlite|postgres|both]`` (``--articles 5000`` for a quick try).

For each database, in a fresh throw-away database (SQLite in a temporary directory,
PostgreSQL ``congtin_speedbench`` on 127.0.0.1:5432, dropped afterwards) and a child
process of its own:

1. generates the synthetic corpus (``bench/searchbench/corpus.py``: Vietnamese news
   articles of 300-600 words, seeded, in batches so memory stays flat), and indexes
   every batch twice: with ``congtin.search.index.put_many`` (timed: the indexing
   rate) and with the ``modelsearch`` database backend Wagtail ships, through
   ``get_search_backend().add_bulk`` on ``searchbench.BenchArticle`` (timed apart);
2. warms both up with queries that are not timed afterwards;
3. times the query mix (``bench/searchbench/queries.py``: common and rare words,
   phrases in quotes, unaccented, codes, dates, numbers, tone placement, NFD, capitals)
   on ``congtin.search.engine.search`` including the hits' snippets and titles, which
   is what a results page needs, then the same text on the unmodified backend
   (``backend.search(q, BenchArticle)``: the first page of 10 and the count, as
   Wagtail's paginator asks), then ``suggest()`` against the backend's
   ``autocomplete()`` on what a reader has typed of each query. A query on the
   unmodified backend is stopped after ``--baseline-timeout`` seconds (default 2) and
   counted at that limit, because on SQLite it ranks with a correlated subquery and a
   common word over 100,000 articles would run for hours; congtin's queries are only
   stopped after ``--guard-timeout`` (60 s), which fails the target.

Prints the indexing rates, p50/p95/p99 per engine and their ratio, figures by kind of
query, the slowest queries, and whether congtin meets its targets: p95 at most 50 ms on
each database and at least 500 articles indexed per second. The figures also go to
``bench/out/search_speed.json``. Exit status 0 when the bench ran (targets are
informational), 1 when something failed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out" / "search_speed.json"
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "congtin_speedbench"
TARGET_P95_MS = 50.0
TARGET_INDEX_RATE = 500.0
PAGE_SIZE = 10
SUGGEST_LIMIT = 8
DB_LABELS = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


def log(message: str) -> None:
    print(f"[search-bench] {message}", flush=True)


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    if len(values) == 1:
        cuts = [values[0]] * 99
    else:
        cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {
        "p50": cuts[49],
        "p95": cuts[94],
        "p99": cuts[98],
        "max": max(values),
        "mean": statistics.fmean(values),
    }


# --- Child: one database --------------------------------------------------------


def setup_django():
    sys.path[:0] = [str(ROOT), str(BENCH)]
    os.environ["DJANGO_SETTINGS_MODULE"] = "searchbench.settings"
    import django

    django.setup()


def our_engine():
    """congtin's engine, or None while it is not written yet (the bench still runs)."""
    try:
        from congtin.search import engine, index
    except Exception as error:  # not written, or its app not installed yet
        log(f"congtin.search engine not importable ({error}); timing Wagtail only")
        return None
    return engine, index


class TimeLimit:
    """Stops a query that runs longer than a limit, on SQLite and on PostgreSQL."""

    def __init__(self, connection):
        self.connection = connection
        self.deadline = float("inf")

    def _progress(self):
        return 1 if time.perf_counter() > self.deadline else 0

    @contextmanager
    def limit(self, seconds: float):
        conn = self.connection
        conn.ensure_connection()
        if conn.vendor == "sqlite":
            self.deadline = time.perf_counter() + seconds
            conn.connection.set_progress_handler(self._progress, 20_000)
        else:
            with conn.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {int(seconds * 1000)}")
        try:
            yield
        finally:
            self.deadline = float("inf")
            if conn.vendor == "sqlite":
                conn.connection.set_progress_handler(None, 0)
            else:
                with conn.cursor() as cursor:
                    cursor.execute("SET statement_timeout = 0")

    @staticmethod
    def is_timeout(error: Exception) -> bool:
        text = str(error)
        return "interrupted" in text or "statement timeout" in text


def run_worker(args) -> dict:
    started = time.perf_counter()
    setup_django()
    from django.core.management import call_command
    from django.db import connection
    from searchbench import corpus, queries
    from searchbench.models import BenchArticle
    from wagtail.models import Site
    from wagtail.search.backends import get_search_backend

    ours = our_engine()
    result: dict = {
        "database": args.database,
        "vendor": connection.vendor,
        "articles": args.articles,
        "ours_available": ours is not None,
    }
    if connection.vendor == "sqlite":
        import sqlite3

        result["server"] = f"SQLite {sqlite3.sqlite_version}"
    else:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            result["server"] = f"PostgreSQL {cursor.fetchone()[0]}"
    log(f"{result['server']}: migrating a fresh database")
    t0 = time.perf_counter()
    call_command("migrate", run_syncdb=True, interactive=False, verbosity=0)
    result["migrate_s"] = time.perf_counter() - t0

    site = Site.objects.filter(is_default_site=True).first()
    backend = get_search_backend()
    result["baseline_backend"] = f"{type(backend).__module__}.{type(backend).__name__}"
    log(f"unmodified backend: {result['baseline_backend']}")

    gen_s = ours_index_s = base_index_s = 0.0
    words = 0
    next_report = args.articles / 10
    for start in range(0, args.articles, args.batch):
        stop = min(start + args.batch, args.articles)
        t0 = time.perf_counter()
        batch = list(corpus.articles(start, stop))
        words += sum(len(a.body.split()) for a in batch)
        if ours:
            site_id = site.id if site else None
            docs = [corpus.index_document(a, site_id) for a in batch]
        objs = [
            BenchArticle(id=a.number + 1, title=a.title, body=a.body, date=a.date)
            for a in batch
        ]
        gen_s += time.perf_counter() - t0

        if ours:
            t0 = time.perf_counter()
            ours[1].put_many(docs)
            ours_index_s += time.perf_counter() - t0
        if not args.no_baseline:
            t0 = time.perf_counter()
            BenchArticle.objects.bulk_create(objs)
            backend.add_bulk(BenchArticle, objs)
            base_index_s += time.perf_counter() - t0
        if stop >= next_report or stop == args.articles:
            next_report += args.articles / 10
            rate = f"{stop / ours_index_s:,.0f}/s" if ours_index_s else "-"
            base = f"{stop / base_index_s:,.0f}/s" if base_index_s else "-"
            log(
                f"indexed {stop:,}/{args.articles:,} "
                f"(ours {rate}, unmodified {base}, generation {gen_s:.0f} s)"
            )
    if ours:
        # What rebuild_search_index does after its last batch (counted as indexing).
        t0 = time.perf_counter()
        ours[1].refresh_statistics()
        ours_index_s += time.perf_counter() - t0
    if not args.no_baseline:
        # The same for the unmodified backend's tables, so both are planned with
        # statistics (this machine's PostgreSQL may run without autovacuum).
        t0 = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        base_index_s += time.perf_counter() - t0
    result["generation_s"] = gen_s
    result["avg_words"] = words / args.articles
    if ours:
        result["ours_index_s"] = ours_index_s
        result["ours_index_rate"] = args.articles / ours_index_s
    if not args.no_baseline:
        result["base_index_s"] = base_index_s
        result["base_index_rate"] = args.articles / base_index_s

    query_set = queries.build(args.queries, args.articles)
    result["queries"] = [{"kind": kind, "text": text} for kind, text in query_set]

    def time_ours(text):
        t0 = time.perf_counter()
        res = ours[0].search(ours[0].SearchQuery(text=text))
        total = res.total
        for hit in res.hits:
            # Rendering a result needs these; time them with the query.
            hit.title_html, hit.snippet_html, hit.section_title, hit.kind_label  # noqa: B018
        return (time.perf_counter() - t0) * 1000, total, len(res.hits)

    def time_suggest(text):
        t0 = time.perf_counter()
        found = ours[0].suggest(text, site_ids=None, limit=SUGGEST_LIMIT)
        return (time.perf_counter() - t0) * 1000, len(found)

    def time_base(text):
        t0 = time.perf_counter()
        results = backend.search(text, BenchArticle)
        total = results.count()
        page = list(results[:PAGE_SIZE])
        return (time.perf_counter() - t0) * 1000, total, len(page)

    def time_autocomplete(text):
        t0 = time.perf_counter()
        found = list(backend.autocomplete(text, BenchArticle)[:SUGGEST_LIMIT])
        return (time.perf_counter() - t0) * 1000, len(found)

    limiter = TimeLimit(connection)

    def guarded(fn, text, limit_s):
        with limiter.limit(limit_s):
            try:
                return fn(text), None, False
            except Exception as error:  # the unmodified backend fails on some input
                timed_out = limiter.is_timeout(error)
                message = f"{type(error).__name__}: {str(error).splitlines()[0][:120]}"
                return None, message, timed_out

    # Wagtail's backend gets a time limit: on SQLite it ranks with a correlated
    # subquery that re-runs the full-text match for every matching row, so a common
    # word over 100,000 articles would run for hours. congtin gets a guard only.
    engines = []
    if ours:
        engines += [
            ("ours", time_ours, args.guard_timeout),
            ("ours_suggest", time_suggest, args.guard_timeout),
        ]
    if not args.no_baseline:
        engines += [
            ("base", time_base, args.baseline_timeout),
            ("base_suggest", time_autocomplete, args.baseline_timeout),
        ]
    result["baseline_timeout_s"] = args.baseline_timeout
    result["guard_timeout_s"] = args.guard_timeout

    log(f"warming up with {len(queries.WARMUP[: args.warmup])} other queries")
    for name, fn, limit_s in engines:
        for text in queries.WARMUP[: args.warmup]:
            arg = queries.typed_prefix(text) if name.endswith("suggest") else text
            guarded(fn, arg, limit_s)

    result["load_before"] = os.getloadavg()
    for name, fn, limit_s in engines:
        log(f"timing {len(query_set)} queries: {name}")
        t0 = time.perf_counter()
        rows = []
        for kind, text in query_set:
            arg = queries.typed_prefix(text) if name.endswith("suggest") else text
            measured, error, timed_out = guarded(fn, arg, limit_s)
            row = {"kind": kind, "text": arg, "error": None if timed_out else error}
            if measured:
                row["ms"] = measured[0]
                row["found"] = measured[1]
            elif timed_out:
                # Counted at the limit, so percentiles are lower bounds.
                row["ms"] = limit_s * 1000
                row["timeout"] = True
            rows.append(row)
        result[name] = rows
        result[name + "_pass_s"] = time.perf_counter() - t0
    result["load_after"] = os.getloadavg()
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["wall_s"] = time.perf_counter() - started
    return result


# --- Parent: databases, reports -------------------------------------------------


def summarize(rows: list[dict]) -> dict:
    timed = [r["ms"] for r in rows if "ms" in r]
    stats = percentiles(timed)
    stats["timed"] = len(timed)
    stats["errors"] = sum(1 for r in rows if r["error"])
    stats["timeouts"] = sum(1 for r in rows if r.get("timeout"))
    stats["zero_hits"] = sum(1 for r in rows if r.get("found") == 0)
    return stats


def describe(row: dict) -> str:
    if row.get("timeout"):
        outcome = "stopped at the time limit"
    else:
        outcome = f"{row['found']:,} found"
    return f"{row['ms']:8.1f} ms  {row['kind']:10} {row['text']!r} ({outcome})"


def fmt_ms(value) -> str:
    return f"{value:8.1f}" if value is not None else "       -"


def print_db_report(res: dict) -> None:
    label = DB_LABELS[res["database"]]
    n = res["articles"]
    print()
    print(
        f"=== {label}: {res['server']}, {n:,} articles, {len(res['queries'])} queries"
    )
    print(
        f"  run {res['wall_s']:.0f} s (migrate {res['migrate_s']:.0f} s, corpus "
        f"generation {res['generation_s']:.0f} s, untimed), average "
        f"{res['avg_words']:.0f} words per article, peak RSS "
        f"{res['peak_rss_mb']:.0f} MB, load {res['load_before'][0]:.1f} -> "
        f"{res['load_after'][0]:.1f}"
    )
    if "ours_index_rate" in res:
        print(
            f"  indexing, congtin:    {n:,} in {res['ours_index_s']:.1f} s = "
            f"{res['ours_index_rate']:,.0f} articles/s"
        )
    if "base_index_rate" in res:
        print(
            f"  indexing, unmodified: {n:,} in {res['base_index_s']:.1f} s = "
            f"{res['base_index_rate']:,.0f} articles/s (bulk_create + add_bulk)"
        )
    header = (
        f"  {'latency (ms)':34}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>8}"
        f"{'mean':>8}  zero-hit  errors  timeouts  pass"
    )
    print(header)
    names = [
        ("ours", "search, congtin (with snippets)"),
        ("base", "search, unmodified backend"),
        ("ours_suggest", "suggest, congtin"),
        ("base_suggest", "autocomplete, unmodified backend"),
    ]
    for key, title in names:
        if key not in res:
            continue
        s = res["summary"][key]
        print(
            f"  {title:34}"
            + "".join(fmt_ms(s.get(p)) for p in ("p50", "p95", "p99", "max", "mean"))
            + f"  {s['zero_hits']:8d}  {s['errors']:6d}  {s['timeouts']:8d}"
            + f"  {res[key + '_pass_s']:4.0f} s"
        )
    for a, b, title in (
        ("ours", "base", "search"),
        ("ours_suggest", "base_suggest", "suggest"),
    ):
        if a in res and b in res and res["summary"][b].get("p50"):
            sa, sb = res["summary"][a], res["summary"][b]
            ratios = "  ".join(
                f"{p} {sa[p] / sb[p]:.2f}" for p in ("p50", "p95", "p99") if sb[p]
            )
            print(f"  ratio congtin/unmodified, {title}: {ratios}")
    if any(s.get("errors") for s in res["summary"].values()):
        print("  Percentiles leave out queries that raised an error (listed below).")
    if any(s.get("timeouts") for s in res["summary"].values()):
        print(
            f"  A query stopped at its time limit (unmodified backend "
            f"{res['baseline_timeout_s']:g} s, congtin {res['guard_timeout_s']:g} s) "
            "counts as that limit: those percentiles and ratios are bounds."
        )

    kinds = list(dict.fromkeys(q["kind"] for q in res["queries"]))
    print(f"  by kind (ms){'':22}congtin p50/p95   unmodified p50/p95  zero-hit c/u")
    for kind in kinds:
        line = f"    {kind:12} {'':20}"
        zero = []
        for key in ("ours", "base"):
            if key not in res:
                line += f"{'-':>18}"
                zero.append("-")
                continue
            rows = [r for r in res[key] if r["kind"] == kind]
            stats = summarize(rows)
            cell = f"{stats['p50']:.1f}/{stats['p95']:.1f}" if stats.get("p50") else "-"
            line += f"{cell:>18}"
            zero.append(str(stats["zero_hits"]))
        print(line + f"  {'/'.join(zero):>10}")

    for key, title, count in (
        ("ours", "congtin search", 10),
        ("ours_suggest", "congtin suggest", 5),
        ("base", "unmodified search", 5),
    ):
        if key in res:
            slow = sorted((r for r in res[key] if "ms" in r), key=lambda r: -r["ms"])
            print(f"  slowest {count}, {title}:")
            for r in slow[:count]:
                print(f"    {describe(r)}")
    if "base" in res:
        errors = [r for r in res["base"] + res.get("base_suggest", []) if r["error"]]
        if errors:
            print(f"  unmodified backend errors ({len(errors)}):")
            for r in errors[:15]:
                print(f"    {r['text']!r}: {r['error']}")
    if "ours" in res:
        errors = [r for r in res["ours"] + res.get("ours_suggest", []) if r["error"]]
        if errors:
            print(f"  congtin ERRORS ({len(errors)}):")
            for r in errors:
                print(f"    {r['text']!r}: {r['error']}")


def run_database(database: str, args) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"congtin-search-bench-{database}-"))
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env["PYTHONUNBUFFERED"] = "1"
    admin = None
    if database == "sqlite":
        env["SQLITE_PATH"] = str(tmp / "bench.sqlite3")
    else:
        import psycopg

        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True)
        admin.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {PG_BENCH_DB} ENCODING 'UTF8'")
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{PG_BENCH_DB}"
    result_file = tmp / "result.json"
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        "--database",
        database,
        "--articles",
        str(args.articles),
        "--queries",
        str(args.queries),
        "--batch",
        str(args.batch),
        "--warmup",
        str(args.warmup),
        "--baseline-timeout",
        str(args.baseline_timeout),
        "--guard-timeout",
        str(args.guard_timeout),
        "--result-file",
        str(result_file),
    ]
    if args.no_baseline:
        command.append("--no-baseline")
    log(f"{DB_LABELS[database]}: starting ({' '.join(command[1:])})")
    try:
        completed = subprocess.run(command, env=env, cwd=ROOT, check=False)
        if completed.returncode != 0 or not result_file.exists():
            raise RuntimeError(
                f"{DB_LABELS[database]} run failed (exit {completed.returncode})"
            )
        return json.loads(result_file.read_text())
    finally:
        if args.keep:
            log(f"kept {tmp}" + (f" and database {PG_BENCH_DB}" if admin else ""))
        else:
            shutil.rmtree(tmp, ignore_errors=True)
            if admin:
                admin.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB} WITH (FORCE)")
        if admin:
            admin.close()


def print_targets(results: list[dict]) -> None:
    print()
    print("=== Targets (congtin)")
    for res in results:
        label = DB_LABELS[res["database"]]
        if not res["ours_available"]:
            print(f"  {label:11} not measured: congtin.search.engine is not there yet")
            continue
        p95 = res["summary"]["ours"]["p95"]
        rate = res["ours_index_rate"]
        summary = res["summary"]["ours"]
        ok_p95 = p95 <= TARGET_P95_MS and not summary["errors"] + summary["timeouts"]
        ok_rate = rate >= TARGET_INDEX_RATE
        print(
            f"  {label:11} search p95 {p95:6.1f} ms <= {TARGET_P95_MS:.0f} ms "
            f"(all {len(res['ours'])} queries, common words included): "
            f"{'PASS' if ok_p95 else 'FAIL'}"
        )
        print(
            f"  {label:11} indexing {rate:7,.0f} articles/s >= "
            f"{TARGET_INDEX_RATE:.0f}/s: {'PASS' if ok_rate else 'FAIL'}"
        )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--database", choices=("sqlite", "postgres", "both"), default="both"
    )
    parser.add_argument("--batch", type=int, default=1000, help="articles per batch")
    parser.add_argument(
        "--warmup", type=int, default=20, help="untimed warm-up queries (max 20)"
    )
    parser.add_argument(
        "--baseline-timeout",
        type=float,
        default=2.0,
        help="seconds after which a query on the unmodified backend is stopped",
    )
    parser.add_argument(
        "--guard-timeout",
        type=float,
        default=60.0,
        help="seconds after which a congtin query is stopped (counted as failed)",
    )
    parser.add_argument(
        "--no-baseline",
        action="store_true",
        help="skip Wagtail's unmodified backend (time congtin only)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the throw-away databases"
    )
    parser.add_argument(
        "--report",
        action="store_true",
        help=f"print the report of the last run again from {OUT.relative_to(ROOT)}",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--result-file", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.articles < 100:
        parser.error("--articles must be at least 100")
    if not 1 <= args.queries <= 200:
        parser.error("--queries must be between 1 and 200")

    if args.report:
        saved = json.loads(OUT.read_text())
        print(f"run of {saved['when']}: {' '.join(saved['command'])}")
        for res in saved["results"]:
            print_db_report(res)
        print_targets(saved["results"])
        print(f"\ntotal run time {saved['run_s'] / 60:.1f} min")
        return 0

    if args.worker:
        result = run_worker(args)
        Path(args.result_file).write_text(json.dumps(result, ensure_ascii=False))
        return 0

    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    started = time.perf_counter()
    results = []
    try:
        for database in databases:
            res = run_database(database, args)
            res["summary"] = {
                key: summarize(res[key])
                for key in ("ours", "base", "ours_suggest", "base_suggest")
                if key in res
            }
            print_db_report(res)
            results.append(res)
    except Exception:
        traceback.print_exc()
        return 1
    print_targets(results)
    total = time.perf_counter() - started
    print(f"\ntotal run time {total / 60:.1f} min")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "command": sys.argv,
                "run_s": total,
                "results": results,
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    log(f"figures written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
