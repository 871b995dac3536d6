"""The full-text machinery of each database, behind one small interface.

Both backends index the same words (``congtin.core.vietnamese.index_words``): a
*folded* copy that decides what matches and an *exact* copy that ranks documents
written with the reader's diacritics first. The title counts more than the body.

- SQLite: a contentless FTS5 table (the index only, no second copy of the text) whose
  rowid is the SearchEntry id; ranking with bm25 and per-column weights.
- PostgreSQL: tsvector columns on the entry table with GIN indexes, built with the
  ``congtin_vi`` text search configuration (simple + unaccent) and ranked with
  ts_rank_cd, which rewards words found close together.

Ranking and date order are computed over at most WINDOW matches, the most recently
indexed ones, so a query made only of words found in nearly every document ("quận",
"năm") costs the same on 100,000 documents as on 2,000. On a large index (more than
LARGE_INDEX entries) the window is LARGE_WINDOW, counting stops there ("more than 200")
and one pass over the newest matches serves both the count and the ranking.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection, transaction

from congtin.core.vietnamese import index_words

from .models import SearchEntry
from .query import ParsedQuery

WINDOW = 2000
LARGE_WINDOW = 200
# Above this many entries, counts stop at WINDOW ("more than 2,000") and SQLite ranks
# by signals instead of bm25 (see SQLiteBackend._ranked_by_signals).
LARGE_INDEX = 20_000


def window_size() -> int:
    """How many of the newest matches are ranked: fewer on a large index, where
    PostgreSQL reads each one's vectors out of TOAST storage to rank it."""
    return LARGE_WINDOW if large_index() else WINDOW


def large_index() -> bool:
    """Whether the index is large; known within a few minutes, which is enough."""
    from django.core.cache import cache

    key = f"congtin-search-size-{connection.alias}"
    size = cache.get(key)
    if size is None:
        size = SearchEntry.objects.count()
        cache.set(key, size, 300)
    return size > LARGE_INDEX


# The full-text tables and columns are made by the migrations, whose SQL is frozen
# in migrations/_vendor_sql.py: a change to them is a new migration.
FTS_TABLE = "portal_search_fts"
# Titles again, with prefix indexes, for suggestions while typing: a prefix such as
# "t*" would otherwise visit every word starting with t in every column.
TITLES_TABLE = "portal_search_titles"
TABLE = SearchEntry._meta.db_table


@dataclass
class Filters:
    kinds: tuple[str, ...] = ()
    site_ids: tuple[int, ...] | None = None
    section_ids: tuple[int, ...] | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None

    def sql(self, alias: str) -> tuple[str, list]:
        parts: list[str] = []
        params: list[Any] = []
        for column, values in (
            ("kind", self.kinds or None),
            ("site_id", self.site_ids),
            ("section_id", self.section_ids),
        ):
            if values is None:
                continue
            # An empty choice (a scope with no portal) matches nothing, not everything.
            marks = ", ".join(["%s"] * len(values)) or "NULL"
            parts.append(f"{alias}.{column} IN ({marks})")
            params += list(values)
        adapt = connection.ops.adapt_datetimefield_value
        if self.date_from is not None:
            parts.append(f"{alias}.date >= %s")
            params.append(adapt(self.date_from))
        if self.date_to is not None:
            parts.append(f"{alias}.date < %s")
            params.append(adapt(self.date_to))
        return " AND ".join(parts), params

    @property
    def active(self) -> bool:
        return bool(self.sql("e")[0])


def indexed_words(text: str) -> list[tuple[str, str]]:
    """The (exact, folded) words indexed for ``text``: its words in order, then its
    compound words (after the last word, so they never split a phrase)."""
    words, compounds = index_words(text)
    return words + compounds


def word_lists(title: str, body: str) -> tuple[str, str, str, str]:
    """(title folded, body folded, title exact, body exact) as space-separated words."""
    title_words = indexed_words(title)
    body_words = indexed_words(body)
    return (
        " ".join(w[1] for w in title_words),
        " ".join(w[1] for w in body_words),
        " ".join(w[0] for w in title_words),
        " ".join(w[0] for w in body_words),
    )


def _ids(joined: str | None) -> list[int]:
    return [int(pk) for pk in joined.split(",")] if joined else []


def _where(*parts: str) -> str:
    kept = [p for p in parts if p]
    return " AND ".join(kept) if kept else "1 = 1"


class _Backend:
    """What both backends share: the newest matches of the last query, kept so that
    count() and the ranking on a large index make one pass over the matches instead
    of two or three."""

    def __init__(self):
        self._window_key = None
        self._window_ids: list[int] = []

    def filter_expression(self, query: ParsedQuery) -> str:
        """The full-text expression deciding what matches."""
        raise NotImplementedError

    def _fetch_newest(self, expression, filters, size, rare=False) -> list[int]:
        """The ``size`` newest matches; ``rare``: the query has a word found in few
        documents (a code, a date, a number)."""
        raise NotImplementedError

    def _count_all(self, query, filters) -> int:
        raise NotImplementedError

    def _newest_ids(self, query, filters, size) -> list[int]:
        expression = self.filter_expression(query)
        where, params = filters.sql("e")
        key = (expression, where, tuple(map(str, params)), size)
        if key != self._window_key:
            rare = query.use_compounds and any(c.compound for c in query.matched)
            self._window_ids = self._fetch_newest(expression, filters, size, rare)
            self._window_key = key
        return self._window_ids

    def _window_of_newest(self, query, filters) -> list[int]:
        """The LARGE_WINDOW newest matches, ranked or sorted on a large index."""
        size = window_size()
        return self._newest_ids(query, filters, size + 1)[:size]

    def count(self, query, filters, cap=None) -> int:
        """Matches, or cap + 1 when there are more than ``cap``."""
        if cap:
            return len(self._newest_ids(query, filters, cap + 1))
        return self._count_all(query, filters)

    def refresh_statistics(self):
        with connection.cursor() as cursor:
            cursor.execute(self.STATISTICS_SQL)


class SQLiteBackend(_Backend):
    # bm25 weights: title folded, body folded, title exact, body exact.
    WEIGHTS = "10.0, 1.0, 12.0, 1.5"
    STATISTICS_SQL = "PRAGMA optimize"

    def insert(self, entries: list[SearchEntry], words=None) -> list[SearchEntry]:
        """Save new entries and index their words; ``words``: their word_lists,
        when computed already."""
        entries = SearchEntry.objects.bulk_create(entries)
        self.add([(e.pk, e.title, e.body) for e in entries], words)
        return entries

    def add(self, rows, words=None):
        """rows: (id, title, body) of entries just inserted."""
        self._write(rows, words=words)

    def delete(self, rows):
        """rows: (id, title, body) as they were indexed.

        A contentless FTS5 table forgets a row only when given the words it indexed;
        they are recomputed from the stored text with the same rules.
        """
        self._write(rows, delete=True)

    def _write(self, rows, delete=False, words=None):
        """Index rows in both FTS5 tables, or take them out again."""
        if words is None:
            words = [word_lists(title, body) for _pk, title, body in rows]
        values = [
            (pk, *listed) for (pk, _t, _b), listed in zip(rows, words, strict=True)
        ]
        tables = (
            (FTS_TABLE, ["title_f", "body_f", "title_x", "body_x"], values),
            (TITLES_TABLE, ["title_f"], [w[:2] for w in values]),
        )
        with connection.cursor() as cursor:
            for table, columns, values in tables:
                names, marks = ["rowid", *columns], ["%s"] * (len(columns) + 1)
                if delete:
                    # FTS5's 'delete' command: the row's words in the table's column.
                    names, marks = [table, *names], ["'delete'", *marks]
                cursor.executemany(
                    f"INSERT INTO {table} ({', '.join(names)}) "
                    f"VALUES ({', '.join(marks)})",
                    values,
                )

    def clear(self):
        with connection.cursor() as cursor:
            for table in (FTS_TABLE, TITLES_TABLE):
                cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")

    @staticmethod
    def _phrase(words) -> str:
        return '"' + " ".join(words) + '"'

    def filter_expression(self, query: ParsedQuery) -> str:
        """What must match, without the options that only rank (cheaper to count)."""
        return query.joiner.join(
            "{title_f body_f} : " + self._phrase(query.match_words(c))
            for c in query.matched
        )

    def match_expression(self, query: ParsedQuery) -> str:
        # The exact form never changes what matches (it implies the folded one), it
        # only adds to the score. A query without any diacritic says nothing about
        # spelling: it would only raise the documents holding those bare words.
        if query.plain:
            return self.filter_expression(query)
        return query.joiner.join(
            "({title_f body_f} : "
            + self._phrase(query.match_words(clause))
            + " OR {title_x body_x} : "
            + self._phrase(query.match_words(clause, exact=True))
            + ")"
            for clause in query.matched
        )

    def prefix_expression(self, query: ParsedQuery) -> str:
        parts = []
        for i, clause in enumerate(query.clauses):
            phrase = self._phrase(clause.folded)
            if i == len(query.clauses) - 1:
                phrase += " *"
            parts.append(phrase)
        return " AND ".join(parts)

    def _join(self, filters: Filters, table=FTS_TABLE) -> tuple[str, str, list]:
        where, params = filters.sql("e")
        if not where:
            return "", "", []
        return f" JOIN {TABLE} e ON e.id = {table}.rowid", where, params

    def _fetch_newest(self, expression, filters, size, rare=False) -> list[int]:
        join, where, params = self._join(filters)
        # group_concat: one string instead of hundreds of rows to Python.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT group_concat(rowid) FROM (SELECT {FTS_TABLE}.rowid "
                f"FROM {FTS_TABLE}{join} "
                f"WHERE {_where(f'{FTS_TABLE} MATCH %s', where)} "
                f"ORDER BY {FTS_TABLE}.rowid DESC LIMIT %s)",
                [expression, *params, size],
            )
            return _ids(cursor.fetchone()[0])

    def _count_all(self, query, filters) -> int:
        join, where, params = self._join(filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {FTS_TABLE}{join} "
                f"WHERE {_where(f'{FTS_TABLE} MATCH %s', where)}",
                [self.filter_expression(query), *params],
            )
            return cursor.fetchone()[0]

    def _window(self, query, filters) -> tuple[str, list]:
        """The condition keeping the WINDOW most recently indexed matches."""
        join, where, params = self._join(filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {FTS_TABLE}.rowid FROM {FTS_TABLE}{join} "
                f"WHERE {_where(f'{FTS_TABLE} MATCH %s', where)} "
                f"ORDER BY {FTS_TABLE}.rowid DESC LIMIT 1 OFFSET %s",
                [self.filter_expression(query), *params, window_size() - 1],
            )
            bound = cursor.fetchone()
        if bound is None:
            return "", []
        return f"{FTS_TABLE}.rowid >= %s", [bound[0]]

    def ranked(self, query, filters, offset, limit) -> list[tuple[int, float]]:
        if large_index():
            return self._ranked_by_signals(query, filters, offset, limit)
        window, window_params = self._window(query, filters)
        join, where, params = self._join(filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {FTS_TABLE}.rowid, bm25({FTS_TABLE}, {self.WEIGHTS}) AS score "
                f"FROM {FTS_TABLE}{join} "
                f"WHERE {_where(f'{FTS_TABLE} MATCH %s', window, where)} "
                f"ORDER BY score, {FTS_TABLE}.rowid DESC LIMIT %s OFFSET %s",
                [self.match_expression(query), *window_params, *params, limit, offset],
            )
            return [(pk, -score) for pk, score in cursor.fetchall()]

    def _signals(self, query) -> list[tuple[float, str]]:
        """(weight, expression): what makes a match better than another."""
        every = query.joiner.join

        def phrase_in(columns, words):
            return columns + " : " + self._phrase(words)

        def each(columns, exact=False):
            return every(
                phrase_in(columns, query.match_words(c, exact)) for c in query.matched
            )

        signals = [
            (4.0, each("title_f")),
            (2.0, each("title_x", exact=True)),
            (2.0, each("{title_x body_x}", exact=True)),
        ]
        if len(query.matched) > 1:
            words = tuple(w for c in query.matched for w in c.folded)
            signals.append((3.0, phrase_in("{title_f body_f}", words)))
        return signals

    def _ranked_by_signals(self, query, filters, offset, limit):
        """Rank the window's matches by a few signals, each one cheap index lookup.

        bm25 reads the whole list of documents of every word to weigh it, which for
        words found in most documents costs far more than the search itself. Here the
        title, the reader's diacritics and the whole query as a phrase decide, then
        recency.
        """
        ids = self._window_of_newest(query, filters)
        if not ids:
            return []
        scores = dict.fromkeys(ids, 0.0)
        with connection.cursor() as cursor:
            for weight, expression in self._signals(query):
                cursor.execute(
                    f"SELECT group_concat(rowid) FROM {FTS_TABLE} "
                    f"WHERE {FTS_TABLE} MATCH %s AND rowid >= %s",
                    [expression, ids[-1]],
                )
                for pk in _ids(cursor.fetchone()[0]):
                    if pk in scores:
                        scores[pk] += weight
        order = sorted(scores, key=lambda pk: (-scores[pk], -pk))
        return [(pk, scores[pk]) for pk in order[offset : offset + limit]]

    def newest(self, query, filters, offset, limit) -> list[tuple[int, float]]:
        if large_index():
            ids = self._window_of_newest(query, filters)
            marks = ", ".join(["%s"] * len(ids)) or "NULL"
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT id FROM {TABLE} WHERE id IN ({marks}) "
                    "ORDER BY date DESC, id DESC LIMIT %s OFFSET %s",
                    [*ids, limit, offset],
                )
                return [(row[0], 0.0) for row in cursor.fetchall()]
        window, window_params = self._window(query, filters)
        where, params = filters.sql("e")
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.id FROM {FTS_TABLE} JOIN {TABLE} e ON e.id = {FTS_TABLE}.rowid "
                f"WHERE {_where(f'{FTS_TABLE} MATCH %s', window, where)} "
                "ORDER BY e.date DESC, e.id DESC LIMIT %s OFFSET %s",
                [self.filter_expression(query), *window_params, *params, limit, offset],
            )
            return [(row[0], 0.0) for row in cursor.fetchall()]

    def title_matches(self, query, clauses, filters, limit, whole=False) -> list[int]:
        """The newest entries whose title has every one of ``clauses`` (compounds as
        the query looks them up); ``whole``: that match the whole query too (when the
        clauses are not all those it must match)."""
        join, where, params = self._join(filters)
        title = " AND ".join(
            "title_f : " + self._phrase(query.match_words(c)) for c in clauses
        )
        if whole:
            title = f"({self.filter_expression(query)}) AND ({title})"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT group_concat(rowid) FROM (SELECT {FTS_TABLE}.rowid "
                f"FROM {FTS_TABLE}{join} "
                f"WHERE {_where(f'{FTS_TABLE} MATCH %s', where)} "
                f"ORDER BY {FTS_TABLE}.rowid DESC LIMIT %s)",
                [title, *params, limit],
            )
            return _ids(cursor.fetchone()[0])

    def cited_articles(self, query, filters, limit) -> list[int]:
        """Entries with the article cited in their title (and the document numbers
        cited anywhere) that do not match the whole query: an article rarely names
        its own law ("Điều 119 Bộ luật Tố tụng hình sự")."""
        join, where, params = self._join(filters)
        wanted = [
            ("title_f" if c.reference else "{title_f body_f}")
            + " : "
            + self._phrase(query.match_words(c))
            for c in query.matched
            if (c.reference and c.folded == query.article) or c.compound
        ]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT group_concat(rowid) FROM (SELECT {FTS_TABLE}.rowid "
                f"FROM {FTS_TABLE}{join} "
                f"WHERE {_where(f'{FTS_TABLE} MATCH %s', where)} "
                f"ORDER BY {FTS_TABLE}.rowid DESC LIMIT %s)",
                [
                    f"({' AND '.join(wanted)}) NOT ({self.filter_expression(query)})",
                    *params,
                    limit,
                ],
            )
            return _ids(cursor.fetchone()[0])

    def suggest(self, query, filters, limit) -> list[int]:
        join, where, params = self._join(filters, TITLES_TABLE)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {TITLES_TABLE}.rowid FROM {TITLES_TABLE}{join} "
                f"WHERE {_where(f'{TITLES_TABLE} MATCH %s', where)} "
                f"ORDER BY {TITLES_TABLE}.rowid DESC LIMIT %s",
                [self.prefix_expression(query), *params, limit],
            )
            return [row[0] for row in cursor.fetchall()]


class PostgresBackend(_Backend):
    # ts_rank weights for D, C, B, A: body is D, title is A.
    WEIGHTS = "'{0.2, 0.2, 0.4, 1.0}'"
    # Weights of the score's terms besides ts_rank_cd (see _score), set on
    # bench/search/evaluate.py.
    WORD_WEIGHT = 1.0
    SPELLING_WEIGHT = 0.5
    STATISTICS_SQL = f"ANALYZE {TABLE}"

    # Columns written by insert(), in this order, then the three vectors.
    COLUMNS = (
        "kind",
        "content_type_id",
        "object_id",
        "site_id",
        "section_id",
        "title",
        "body",
        "url",
        "date",
    )
    TYPES = (
        "text",
        "integer",
        "bigint",
        "integer",
        "integer",
        "text",
        "text",
        "text",
        "timestamptz",
    )

    def insert(self, entries: list[SearchEntry], words=None) -> list[SearchEntry]:
        """Save new entries with their vectors in one statement; ``words``: their
        word_lists, when computed already.

        Python splits and folds the words once (the same words as on SQLite); the
        server only cuts the space-separated words into a tsvector with the ``simple``
        configuration (title weight A, then the body). Writing the row once, not
        INSERT then UPDATE, keeps it and its TOAST data from being written twice.
        """
        if not entries:
            return []
        columns: dict[str, list[Any]] = {name: [] for name in self.COLUMNS}
        for entry in entries:
            for name in self.COLUMNS:
                columns[name].append(getattr(entry, name))
        if words is None:
            words = [word_lists(entry.title, entry.body) for entry in entries]
        # Four arrays: titles folded, bodies folded, titles exact, bodies exact.
        arrays_of_words = [list(column) for column in zip(*words, strict=True)]
        names = ", ".join(self.COLUMNS)
        arrays = ", ".join(f"%s::{kind}[]" for kind in self.TYPES)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TABLE} ({names}, folded, exact, title_folded) "
                f"SELECT {names}, "
                "setweight(to_tsvector('simple', tf), 'A') || to_tsvector('simple', bf), "
                "setweight(to_tsvector('simple', tx), 'A') || to_tsvector('simple', bx), "
                "to_tsvector('simple', tf) "
                f"FROM unnest({arrays}, %s::text[], %s::text[], %s::text[], %s::text[]) "
                f"AS v({names}, tf, bf, tx, bx) RETURNING id, kind, object_id",
                [*columns.values(), *arrays_of_words],
            )
            ids = {(kind, oid): pk for pk, kind, oid in cursor.fetchall()}
        for entry in entries:
            entry.pk = ids[(entry.kind, entry.object_id)]
            entry._state.adding = False
        return entries

    def delete(self, rows):
        # The vectors live on the entry rows, which are deleted with them.
        pass

    def clear(self):
        pass

    @staticmethod
    def _lexeme(word: str) -> str:
        return "'" + word.replace("'", "") + "'"

    def _tsquery(self, words_of, joiner: str, query: ParsedQuery) -> str:
        parts = []
        for clause in query.matched:
            words = words_of(clause)
            parts.append("(" + " <-> ".join(self._lexeme(w) for w in words) + ")")
        return f" {joiner} ".join(parts)

    def filter_expression(self, query):
        """The folded tsquery: what matches."""
        return self._tsquery(query.match_words, "|" if query.any_clause else "&", query)

    def exact_query(self, query):
        """The reader's spelling, joined like the folded query (see _score)."""
        return self._tsquery(
            lambda c: query.match_words(c, exact=True),
            "|" if query.any_clause else "&",
            query,
        )

    def _fetch_newest(self, expression, filters, size, rare=False) -> list[int]:
        where, params = filters.sql("e")
        sql = (
            f"SELECT e.id FROM {TABLE} e WHERE "
            + _where("e.folded @@ to_tsquery('congtin_vi', %s)", where)
            + " ORDER BY e.id DESC LIMIT %s"
        )
        with transaction.atomic(), connection.cursor() as cursor:
            if rare:
                # PostgreSQL walks the primary key backwards and tests each row,
                # reading its vector out of TOAST storage, until it has found
                # ``size``: right for common words, but a code such as "NQ-CP" in
                # 3 % of the rows then costs thousands of vectors read (43 ms on
                # 20,000 articles). The GIN index answers it without reading one
                # (14 ms); the planner does not know what a vector costs to read.
                cursor.execute("SET LOCAL enable_indexscan = off")
                cursor.execute("SET LOCAL enable_seqscan = off")
            try:
                cursor.execute(sql, [expression, *params, size])
                return [row[0] for row in cursor.fetchall()]
            finally:
                if rare:
                    cursor.execute("RESET enable_indexscan")
                    cursor.execute("RESET enable_seqscan")

    def _count_all(self, query, filters) -> int:
        where, params = filters.sql("e")
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {TABLE} e WHERE "
                + _where("e.folded @@ to_tsquery('congtin_vi', %s)", where),
                [self.filter_expression(query), *params],
            )
            return cursor.fetchone()[0]

    def _score(self, alias: str, query: ParsedQuery) -> tuple[str, list[str]]:
        """The score of a match: its folded words weighed by closeness
        (ts_rank_cd) and by how often and where each occurs (ts_rank of any of
        them: a title holding the words counts), plus up to half as much again for
        the words found as the reader spelled them.

        The spelling term is ts_rank_cd of the same query over a vector of the same
        words at the same places, so it is never larger than the first: diacritics
        can at most raise a match by half, never bury a better one. (It used to be
        ts_rank of any spelled word, counted apart from the folded words: typing
        the diacritics then ranked frequent accented words over the rare words a
        reader typed, and worse than typing none.) A query typed without any
        diacritic says nothing about spelling ("tham o" is "tham ô" as much as
        "thăm ở"), so it raises no document, rather than the few that hold those
        bare words.
        """
        folded = (
            f"ts_rank_cd({self.WEIGHTS}, {alias}.folded, "
            "to_tsquery('congtin_vi', %s)) "
            f"+ {self.WORD_WEIGHT} * ts_rank({self.WEIGHTS}, {alias}.folded, "
            "to_tsquery('congtin_vi', %s))"
        )
        params = [
            self.filter_expression(query),
            self._tsquery(query.match_words, "|", query),
        ]
        if query.plain:
            return folded, params
        return (
            f"{folded} + {self.SPELLING_WEIGHT} * ts_rank_cd({self.WEIGHTS}, "
            f"{alias}.exact, to_tsquery('simple', %s))",
            [*params, self.exact_query(query)],
        )

    def ranked(self, query, filters, offset, limit) -> list[tuple[int, float]]:
        folded = self.filter_expression(query)
        score, score_params = self._score("e", query)
        if large_index():
            # Rank the window found while counting; its vectors are read once more.
            ids = self._window_of_newest(query, filters)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT e.id, {score} AS score FROM {TABLE} e "
                    "WHERE e.id = ANY(%s) ORDER BY score DESC, e.id DESC "
                    "LIMIT %s OFFSET %s",
                    [*score_params, ids, limit, offset],
                )
                return [(pk, float(s)) for pk, s in cursor.fetchall()]
        score, score_params = self._score("w", query)
        where, params = filters.sql("e")
        # The queries are inlined (not a CTE) so the planner sees how common the words
        # are: for common words it walks the primary key backwards and stops at the
        # window instead of fetching every match.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT w.id, {score} "
                f"AS score FROM (SELECT e.id, e.folded, e.exact FROM {TABLE} e WHERE "
                + _where("e.folded @@ to_tsquery('congtin_vi', %s)", where)
                + " ORDER BY e.id DESC LIMIT %s) AS w "
                "ORDER BY score DESC, w.id DESC LIMIT %s OFFSET %s",
                [*score_params, folded, *params, window_size(), limit, offset],
            )
            return [(pk, float(s)) for pk, s in cursor.fetchall()]

    def newest(self, query, filters, offset, limit) -> list[tuple[int, float]]:
        if large_index():
            ids = self._window_of_newest(query, filters)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT e.id FROM {TABLE} e WHERE e.id = ANY(%s) "
                    "ORDER BY e.date DESC NULLS LAST, e.id DESC LIMIT %s OFFSET %s",
                    [ids, limit, offset],
                )
                return [(row[0], 0.0) for row in cursor.fetchall()]
        where, params = filters.sql("e")
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT w.id FROM (SELECT e.id, e.date FROM {TABLE} e WHERE "
                + _where("e.folded @@ to_tsquery('congtin_vi', %s)", where)
                + " ORDER BY e.id DESC LIMIT %s) AS w "
                "ORDER BY w.date DESC NULLS LAST, w.id DESC LIMIT %s OFFSET %s",
                [self.filter_expression(query), *params, window_size(), limit, offset],
            )
            return [(row[0], 0.0) for row in cursor.fetchall()]

    def title_matches(self, query, clauses, filters, limit, whole=False) -> list[int]:
        """The newest entries whose title has every one of ``clauses``; ``whole``:
        that match the whole query too."""
        where, params = filters.sql("e")
        title = " & ".join(
            "(" + " <-> ".join(self._lexeme(w) for w in query.match_words(c)) + ")"
            for c in clauses
        )
        conditions = ["e.title_folded @@ to_tsquery('congtin_vi', %s)"]
        values = [title]
        if whole:
            conditions.append("e.folded @@ to_tsquery('congtin_vi', %s)")
            values.append(self.filter_expression(query))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.id FROM {TABLE} e WHERE "
                + _where(*conditions, where)
                + " ORDER BY e.id DESC LIMIT %s",
                [*values, *params, limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def cited_articles(self, query, filters, limit) -> list[int]:
        """Entries with the article cited in their title (and the document numbers
        cited anywhere) that do not match the whole query."""
        where, params = filters.sql("e")
        conditions, values = [], []
        for clause in query.matched:
            if clause.reference and clause.folded == query.article:
                column = "title_folded"
            elif clause.compound:
                column = "folded"
            else:
                continue
            conditions.append(f"e.{column} @@ to_tsquery('congtin_vi', %s)")
            values.append(
                " <-> ".join(self._lexeme(w) for w in query.match_words(clause))
            )
        conditions.append("NOT e.folded @@ to_tsquery('congtin_vi', %s)")
        values.append(self.filter_expression(query))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.id FROM {TABLE} e WHERE "
                + _where(*conditions, where)
                + " ORDER BY e.id DESC LIMIT %s",
                [*values, *params, limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def suggest(self, query, filters, limit) -> list[int]:
        where, params = filters.sql("e")
        parts = []
        for i, clause in enumerate(query.clauses):
            lexemes = [self._lexeme(w) for w in clause.folded]
            if i == len(query.clauses) - 1:
                lexemes[-1] += ":*"
            parts.append("(" + " <-> ".join(lexemes) + ")")
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.id FROM {TABLE} e WHERE "
                + _where("e.title_folded @@ to_tsquery('congtin_vi', %s)", where)
                + " ORDER BY e.id DESC LIMIT %s",
                [" & ".join(parts), *params, limit],
            )
            return [row[0] for row in cursor.fetchall()]


def backend_for(vendor: str | None = None):
    vendor = vendor or connection.vendor
    if vendor == "postgresql":
        return PostgresBackend()
    if vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"congtin search does not support {vendor}")


def current():
    return backend_for(connection.vendor)
