"""Build a large search index once, then time congtin's query mix on it, many times.

``bench/search_speed.py`` builds a fresh corpus and times it against Wagtail's
unmodified backend in one long run; this script is for working on the engine between
such runs: the index stays on disk and each timing pass takes seconds.

    SQLITE_PATH=/tmp/search100k.sqlite3 .venv/bin/python bench/search_lab.py build 100000
    (--jobs N: processes splitting the words, 2 by default as rebuild_search_index)
    SQLITE_PATH=/tmp/search100k.sqlite3 .venv/bin/python bench/search_lab.py time
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/search100k \\
        .venv/bin/python bench/search_lab.py build 100000   # the database must exist

``time`` prints p50/p95/p99 over the 200 queries of ``searchbench.queries.build``, the
median and maximum per kind of query, and the slowest queries. Timings include what a
results page needs (snippets, highlighted titles), like ``search_speed.py``.
"""

import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ["DJANGO_SETTINGS_MODULE"] = "searchbench.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402


def build(count: int, jobs: int) -> None:
    """Index ``count`` generated articles as rebuild_search_index does (oldest
    first, ``jobs`` processes splitting the words); only the indexing is timed, not
    writing the articles, which are all made first."""
    from searchbench import corpus

    from congtin.search import index

    call_command("migrate", run_syncdb=True, interactive=False, verbosity=0)
    started = time.perf_counter()
    documents = [corpus.index_document(a) for a in corpus.articles(0, count)]
    print(f"{count:,} articles made in {time.perf_counter() - started:.0f} s")
    server = _server_cpu()
    cpu = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with index.Indexer(jobs) as indexer:
        for start in range(0, count, 10_000):
            indexer.add(documents[start : start + 10_000])
            done = indexer.written
            print(
                f"{done:,} indexed, {done / (time.perf_counter() - started):,.0f} articles/s",
                flush=True,
            )
    indexing = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    per_article = 1000 / max(1, indexer.written)
    workers = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    used = {
        "this process": (time.process_time() - cpu) * per_article,
        "workers": workers * per_article,
    }
    if server is not None:
        used["database server"] = (_server_cpu() - server) * per_article
    # On a busy machine the wall time says little; the CPU each part used says what
    # quiet cores would do at most: the writer and the server work in turn, the
    # workers beside them.
    cores = os.cpu_count() or 1
    turn = used["this process"] + used.get("database server", 0.0)
    print(
        "CPU ms per article: "
        + ", ".join(f"{name} {ms:.2f}" for name, ms in used.items())
        + f"; on {cores} quiet cores at most "
        f"{min(1000 * cores / sum(used.values()), 1000 / turn):,.0f} articles/s"
    )
    print(
        f"{connection.vendor}: {indexer.written:,} indexed in {indexing:.1f} s, "
        f"{indexer.written / indexing:,.0f} articles/s with {indexer.jobs} "
        f"process(es) splitting the words, load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    # As rebuild_search_index ends.
    index.refresh_statistics()


def _server_cpu() -> float | None:
    """CPU seconds used so far by this connection's PostgreSQL backend, when the
    server runs on this machine."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timing(count: int) -> None:
    from searchbench import queries

    from congtin.search.engine import SearchQuery, search

    mix = queries.build(200, 100_000)[:count]
    for text in queries.WARMUP[:20]:
        search(SearchQuery(text=text))
    rows = []
    for kind, text in mix:
        started = time.perf_counter()
        results = search(SearchQuery(text=text))
        for hit in results.hits:
            hit.title_html, hit.snippet_html  # noqa: B018
        rows.append(((time.perf_counter() - started) * 1000, kind, text, results.total))
    times = sorted(row[0] for row in rows)
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    print(
        f"{connection.vendor}: {len(times)} queries, p50 {cuts[49]:.1f} ms, "
        f"p95 {cuts[94]:.1f} ms, p99 {cuts[98]:.1f} ms, max {times[-1]:.1f} ms, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    by_kind: dict[str, list[float]] = {}
    for ms, kind, _text, _total in rows:
        by_kind.setdefault(kind, []).append(ms)
    for kind, values in sorted(by_kind.items()):
        print(
            f"  {kind:12s} n={len(values):3d} median {statistics.median(values):6.1f}"
            f" max {max(values):6.1f}"
        )
    for ms, kind, text, total in sorted(rows, reverse=True)[:10]:
        print(f"  {ms:7.1f} ms  {kind:10s} {text!r} ({total} found)")


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in ("build", "time"):
        sys.exit(__doc__)
    if sys.argv[1] == "build":
        arguments = sys.argv[2:]
        jobs = 2
        if "--jobs" in arguments:
            at = arguments.index("--jobs")
            jobs = int(arguments[at + 1])
            del arguments[at : at + 2]
        build(int(arguments[0]) if arguments else 100_000, jobs)
    else:
        timing(int(sys.argv[2]) if len(sys.argv) > 2 else 200)
