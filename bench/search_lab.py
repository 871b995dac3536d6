"""Build a large search index once, then time congtin's query mix on it, many times.

``bench/search_speed.py`` builds a fresh corpus and times it against Wagtail's
unmodified backend in one long run; this script is for working on the engine between
such runs: the index stays on disk and each timing pass takes seconds.

    SQLITE_PATH=/tmp/search100k.sqlite3 .venv/bin/python bench/search_lab.py build 100000
    SQLITE_PATH=/tmp/search100k.sqlite3 .venv/bin/python bench/search_lab.py time
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/search100k \\
        .venv/bin/python bench/search_lab.py build 100000   # the database must exist

``time`` prints p50/p95/p99 over the 200 queries of ``searchbench.queries.build``, the
median and maximum per kind of query, and the slowest queries. Timings include what a
results page needs (snippets, highlighted titles), like ``search_speed.py``.
"""

import os
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


def build(count: int) -> None:
    from searchbench import corpus

    from congtin.core.vietnamese import slugify
    from congtin.search import index

    call_command("migrate", run_syncdb=True, interactive=False, verbosity=0)
    indexing = 0.0
    for start in range(0, count, 1000):
        batch = list(corpus.articles(start, min(count, start + 1000)))
        documents = [
            index.Document(
                kind="news.article",
                object_id=a.number + 1,
                title=a.title,
                body=a.body,
                url=f"/tin-tuc/{slugify(a.title)[:80]}-{a.number + 1}/",
                date=a.date,
                section_id=a.section,
            )
            for a in batch
        ]
        started = time.perf_counter()
        index.put_many(documents)
        indexing += time.perf_counter() - started
        done = start + len(batch)
        if done % 10_000 == 0 or done == count:
            print(f"{done:,} indexed, {done / indexing:,.0f} articles/s", flush=True)
    # As rebuild_search_index ends.
    index.refresh_statistics()


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
        build(int(sys.argv[2]) if len(sys.argv) > 2 else 100_000)
    else:
        timing(int(sys.argv[2]) if len(sys.argv) > 2 else 200)
