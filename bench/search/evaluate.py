"""Search quality on a fixed corpus, for every way a reader may type a query.

Run: ``.venv/bin/python bench/search/evaluate.py [--database sqlite|postgres]``

Sets up a throw-away database (SQLite: a temporary file; PostgreSQL: the database
``congtin_evalbench`` on postgres://postgres@127.0.0.1:5432, created and dropped
here), migrates the search index and what it depends on (``--all-migrations``: every
app), indexes corpus.jsonl through congtin.search.index.put_many (kind
"bench.doc", object_id = row number, url "/doc/<id>/") and runs every query of
queries.jsonl through congtin.search.engine.search in five variants: as written
(accented), without diacritics (đ typed as d), in NFD, with the other tone placement
("hoà" <-> "hòa"; a query without such a syllable stays the same) and in capitals.

Metrics over the top 10 results, judged with grades 0-3 (unjudged documents are 0):

- MRR@10: 1/rank of the first result graded 2 or more, 0 if none in the top 10. In
  known-item queries only the sought document is graded above 1.
- nDCG@10: gain 2^grade - 1, discount log2(rank + 1), normalised by the ideal order
  of the query's judgements.

Targets (issue 4): every variant within 0.02 of the accented query on both metrics,
and MRR@10 at least 0.9 on known-item queries in every variant. The exit status is 1
when a target is missed, 2 when the run itself failed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from variants import VARIANTS, variants  # noqa: E402

CORPUS = HERE / "corpus.jsonl"
QUERIES = HERE / "queries.jsonl"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "congtin_evalbench"
KIND = "bench.doc"
CUTOFF = 10
RELEVANT = 2
MAX_DELTA = 0.02
KNOWN_ITEM_MRR = 0.9


# --- data ----------------------------------------------------------------------------


class BadData(Exception):
    """The queries do not fit the corpus."""


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def check_queries(queries: list[dict], keys: set[str]) -> None:
    ids = [q["id"] for q in queries]
    if len(ids) != len(set(ids)):
        raise BadData("queries.jsonl: duplicate ids")
    for q in queries:
        unknown = set(q["judgements"]) - keys
        if unknown:
            raise BadData(f"{q['id']}: judged keys not in the corpus: {unknown}")
        if not any(g >= RELEVANT for g in q["judgements"].values()):
            raise BadData(f"{q['id']}: no document graded {RELEVANT} or more")
        if q["type"] == "known-item":
            top = [k for k, g in q["judgements"].items() if g >= RELEVANT]
            if len(top) != 1:
                raise BadData(f"{q['id']}: a known-item query needs one sought item")


# --- metrics -------------------------------------------------------------------------


def reciprocal_rank(ranked: list[str], grades: dict[str, int]) -> float:
    for rank, key in enumerate(ranked[:CUTOFF], start=1):
        if grades.get(key, 0) >= RELEVANT:
            return 1.0 / rank
    return 0.0


def _dcg(gains: list[int]) -> float:
    return sum((2**g - 1) / math.log2(rank + 1) for rank, g in enumerate(gains, 1))


def ndcg(ranked: list[str], grades: dict[str, int]) -> float:
    ideal = _dcg(sorted(grades.values(), reverse=True)[:CUTOFF])
    if ideal == 0:
        return 0.0
    return _dcg([grades.get(key, 0) for key in ranked[:CUTOFF]]) / ideal


# --- database --------------------------------------------------------------------------


class Database:
    """A throw-away database for one run; Django is configured to use it."""

    def __init__(self, engine: str):
        self.engine = engine
        self.tmpdir = None

    def __enter__(self):
        os.environ["DJANGO_SETTINGS_MODULE"] = "congtin.settings.test"
        if self.engine == "sqlite":
            self.tmpdir = tempfile.mkdtemp(prefix="congtin-evalbench-")
            os.environ.pop("DATABASE_URL", None)
            os.environ["SQLITE_PATH"] = str(Path(self.tmpdir) / "eval.sqlite3")
        else:
            self._admin(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            self._admin(
                f"CREATE DATABASE {PG_DATABASE} ENCODING 'UTF8' TEMPLATE template0"
            )
            os.environ["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
        return self

    def __exit__(self, *exc):
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # Django may not have been set up at all.
            pass
        if self.engine == "sqlite":
            shutil.rmtree(self.tmpdir, ignore_errors=True)
        else:
            self._admin(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")

    @staticmethod
    def _admin(sql: str) -> None:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(sql)

    def describe(self) -> str:
        from django.db import connection

        if self.engine == "sqlite":
            import sqlite3

            return f"SQLite {sqlite3.sqlite_version}"
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]} ({PG_DATABASE})"


# --- the run ---------------------------------------------------------------------------


def index_corpus(rows: list[dict]) -> float:
    from congtin.search.index import Document, put_many

    docs = [
        Document(
            kind=KIND,
            object_id=number,
            title=row["title"],
            body=row["body"],
            url=f"/doc/{number}/",
            date=datetime.fromisoformat(row["date"]),
        )
        for number, row in enumerate(rows, start=1)
    ]
    started = time.perf_counter()
    put_many(docs)
    return time.perf_counter() - started


def run_queries(queries, rows):
    """{query id: {variant: (text, ranked keys, total, seconds)}}."""
    from congtin.search.engine import SearchQuery, search

    key_of = {number: row["key"] for number, row in enumerate(rows, start=1)}
    results = {}
    for q in queries:
        per_variant = {}
        for name, text in variants(q["query"]).items():
            started = time.perf_counter()
            res = search(SearchQuery(text=text, per_page=CUTOFF))
            elapsed = time.perf_counter() - started
            ranked = [
                key_of.get(hit.entry.object_id, f"?{hit.entry.object_id}")
                for hit in res.hits
                if hit.entry.kind == KIND
            ]
            per_variant[name] = (text, ranked, res.total, elapsed)
        results[q["id"]] = per_variant
    return results


def score(queries, results):
    """{variant: {query id: (rr, ndcg)}}."""
    scores = {name: {} for name in VARIANTS}
    for q in queries:
        for name in VARIANTS:
            ranked = results[q["id"]][name][1]
            scores[name][q["id"]] = (
                reciprocal_rank(ranked, q["judgements"]),
                ndcg(ranked, q["judgements"]),
            )
    return scores


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def summarise(queries, scores):
    known = [q["id"] for q in queries if q["type"] == "known-item"]
    table = {}
    for name in VARIANTS:
        s = scores[name]
        table[name] = {
            "mrr": _mean(rr for rr, _ in s.values()),
            "ndcg": _mean(n for _, n in s.values()),
            "known_mrr": _mean(s[i][0] for i in known),
        }
    for name in VARIANTS:
        table[name]["d_mrr"] = table[name]["mrr"] - table["accented"]["mrr"]
        table[name]["d_ndcg"] = table[name]["ndcg"] - table["accented"]["ndcg"]
    return table


def targets_missed(table) -> list[str]:
    missed = []
    for name, row in table.items():
        if abs(row["d_mrr"]) > MAX_DELTA:
            missed.append(
                f"{name}: MRR@10 differs from accented by {row['d_mrr']:+.3f}"
            )
        if abs(row["d_ndcg"]) > MAX_DELTA:
            missed.append(
                f"{name}: nDCG@10 differs from accented by {row['d_ndcg']:+.3f}"
            )
        if row["known_mrr"] < KNOWN_ITEM_MRR:
            missed.append(
                f"{name}: known-item MRR@10 {row['known_mrr']:.3f} < {KNOWN_ITEM_MRR}"
            )
    return missed


def print_report(db, rows, queries, results, scores, table, index_seconds, verbose):
    changed_tone = [
        q["id"]
        for q in queries
        if results[q["id"]]["tone"][0] != results[q["id"]]["accented"][0]
    ]
    not_nfc = sum(
        not unicodedata.is_normalized("NFC", r["title"] + r["body"]) for r in rows
    )
    types = defaultdict(int)
    for q in queries:
        types[q["type"]] += 1
    print(f"Database: {db}")
    print(
        f"Corpus: {len(rows)} documents, {CORPUS.stat().st_size / 1e6:.2f} MB, "
        f"{not_nfc} not in NFC; indexed in {index_seconds:.2f} s"
    )
    print(
        f"Queries: {len(queries)} ("
        + ", ".join(f"{n} {t}" for t, n in sorted(types.items()))
        + f"); tone variant differs from the accented text in {len(changed_tone)}"
    )
    print()
    print(
        f"{'variant':<12}{'MRR@10':>8}{'nDCG@10':>9}{'ΔMRR':>8}{'ΔnDCG':>8}"
        f"{'known-item MRR@10':>19}"
    )
    for name in VARIANTS:
        row = table[name]
        delta = (
            ("", "")
            if name == "accented"
            else (f"{row['d_mrr']:+.3f}", f"{row['d_ndcg']:+.3f}")
        )
        print(
            f"{name:<12}{row['mrr']:>8.3f}{row['ndcg']:>9.3f}{delta[0]:>8}{delta[1]:>8}"
            f"{row['known_mrr']:>19.3f}"
        )
    if changed_tone:
        acc = scores["accented"]
        tone = scores["tone"]
        print(
            f"{'  tone, only the ' + str(len(changed_tone)) + ' changed queries':<40}"
            f" accented MRR {_mean(acc[i][0] for i in changed_tone):.3f}"
            f" nDCG {_mean(acc[i][1] for i in changed_tone):.3f};"
            f" tone MRR {_mean(tone[i][0] for i in changed_tone):.3f}"
            f" nDCG {_mean(tone[i][1] for i in changed_tone):.3f}"
        )
    print()
    print("nDCG@10 by query type")
    print(f"{'type':<12}{'n':>4}" + "".join(f"{name:>12}" for name in VARIANTS))
    for qtype in sorted(types):
        ids = [q["id"] for q in queries if q["type"] == qtype]
        print(
            f"{qtype:<12}{len(ids):>4}"
            + "".join(
                f"{_mean(scores[name][i][1] for i in ids):>12.3f}" for name in VARIANTS
            )
        )
    latencies = [v[3] * 1000 for per in results.values() for v in per.values()]
    latencies.sort()
    print()
    print(
        f"{len(latencies)} searches: median {statistics.median(latencies):.1f} ms, "
        f"max {latencies[-1]:.1f} ms (informative; bench/search_speed.py measures speed)"
    )
    differing = []
    for q in queries:
        base_rr, base_ndcg = scores["accented"][q["id"]]
        for name in VARIANTS[1:]:
            rr, n = scores[name][q["id"]]
            if abs(rr - base_rr) > 1e-9 or abs(n - base_ndcg) > 1e-9:
                differing.append((q, name, rr - base_rr, n - base_ndcg))
    print()
    if differing:
        print("Variants that score differently from the accented query:")
        for q, name, d_rr, d_n in differing:
            print(
                f"  {q['id']:<4} {name:<11} ΔRR {d_rr:+.3f} ΔnDCG {d_n:+.3f}  "
                f"{results[q['id']][name][0]!r}"
            )
    else:
        print("Every variant of every query scores exactly as the accented query.")
    missed_known = [
        (q, name)
        for q in queries
        if q["type"] == "known-item"
        for name in VARIANTS
        if scores[name][q["id"]][0] < 1.0
    ]
    if missed_known:
        print("Known-item queries whose item is not first:")
        for q, name in missed_known:
            print(
                f"  {q['id']:<4} {name:<11} RR {scores[name][q['id']][0]:.3f}  "
                f"{results[q['id']][name][0]!r}"
            )
    if verbose:
        print()
        print("Per query (accented): RR, nDCG, total, top 5")
        for q in queries:
            text, ranked, total, _ = results[q["id"]]["accented"]
            rr, n = scores["accented"][q["id"]]
            top = ", ".join(f"{k}({q['judgements'].get(k, 0)})" for k in ranked[:5])
            print(f"  {q['id']:<4} {rr:.2f} {n:.2f} {total:>4}  {text!r}: {top}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument(
        "--all-migrations",
        action="store_true",
        help="migrate every app, not only the search index and its dependencies",
    )
    parser.add_argument("--verbose", action="store_true", help="print every query")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)

    rows = load_jsonl(CORPUS)
    queries = load_jsonl(QUERIES)
    check_queries(queries, {row["key"] for row in rows})

    started = time.perf_counter()
    with Database(args.database) as db:
        import django
        from django.core.management import call_command

        django.setup()
        from congtin.search.models import SearchEntry

        migrate_started = time.perf_counter()
        # By default only the search index and what it depends on: the whole
        # project's migrations take three times as long as the evaluation itself.
        apps = () if args.all_migrations else (SearchEntry._meta.app_label,)
        call_command("migrate", *apps, verbosity=0, interactive=False)
        migrate_seconds = time.perf_counter() - migrate_started
        index_seconds = index_corpus(rows)
        results = run_queries(queries, rows)
        scores = score(queries, results)
        table = summarise(queries, scores)
        print_report(
            db.describe(),
            rows,
            queries,
            results,
            scores,
            table,
            index_seconds,
            args.verbose,
        )
    missed = targets_missed(table)
    print()
    print(
        f"Run time {time.perf_counter() - started:.1f} s, of which migrations "
        f"{migrate_seconds:.1f} s."
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "database": args.database,
                    "table": table,
                    "queries": {
                        q["id"]: {
                            name: {
                                "text": results[q["id"]][name][0],
                                "ranked": results[q["id"]][name][1],
                                "rr": scores[name][q["id"]][0],
                                "ndcg": scores[name][q["id"]][1],
                            }
                            for name in VARIANTS
                        }
                        for q in queries
                    },
                },
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
    if missed:
        print("Targets missed:")
        for line in missed:
            print(f"  {line}")
        return 1
    print(
        f"Targets met: every variant within {MAX_DELTA} of accented, known-item "
        f"MRR@10 >= {KNOWN_ITEM_MRR}."
    )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SystemExit:
        raise
    except Exception:
        import traceback

        traceback.print_exc()
        sys.exit(2)
