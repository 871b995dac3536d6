"""Search the portal: the entry point for the search page, suggestions and benchmarks."""

import functools
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.safestring import SafeString
from wagtail.models import Page, Site

from congtin.core.vietnamese import canonical_tone_text, fold_nfc, search_words

from . import backends
from .highlight import highlight, snippet
from .models import SearchEntry
from .query import MAX_QUERY_LENGTH, ParsedQuery, parse
from .registry import label_for

MAX_PAGE = 500
# The first results are reordered by proximity in Python (see _by_proximity): the
# first 30, or on a large index the first page, where reading 30 whole articles again
# would cost more than the search.
RERANK = 30
RERANK_LARGE = 10
# Proximity is judged on the title and this much of the body (the lead and the first
# paragraphs), so a long legal text costs no more than a news article.
PROXIMITY_CHARS = 6000
SUGGESTION_MIN_LENGTH = 2


@dataclass
class SearchQuery:
    text: str = ""
    kinds: tuple[str, ...] = ()
    site_ids: tuple[int, ...] | None = None
    section_id: int | None = None
    date_from: date | datetime | None = None
    date_to: date | datetime | None = None
    sort: str = "relevance"  # or "newest"
    page: int = 1
    per_page: int = 10


@dataclass
class Hit:
    entry: SearchEntry
    score: float
    title_html: SafeString
    snippet_html: SafeString
    section_title: str = ""
    site_name: str = ""
    kind_label: str = ""


@dataclass
class SearchResults:
    query: SearchQuery
    parsed: ParsedQuery
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    page: int = 1
    num_pages: int = 0
    per_page: int = 10
    notice: str | None = None
    # True when there are more than ``total`` matches (large indexes stop counting).
    total_is_lower_bound: bool = False

    @property
    def terms(self) -> list[str]:
        return [" ".join(clause.exact) for clause in self.parsed.clauses]

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


def _aware(value, end: bool = False) -> datetime | None:
    """A date filter as an aware datetime; ``end`` makes a date include its whole day."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    moment = datetime.combine(value + timedelta(days=1) if end else value, time.min)
    return timezone.make_aware(moment)


def _sections_under(section_id: int | None) -> tuple[int, ...] | None:
    """A section and its sub-sections: entries record their direct parent only."""
    if section_id is None:
        return None
    section = Page.objects.filter(pk=section_id).values_list("path", flat=True).first()
    if section is None:
        return ()
    return tuple(
        Page.objects.filter(path__startswith=section, numchild__gt=0).values_list(
            "pk", flat=True
        )
    )


def _filters(query: SearchQuery) -> backends.Filters:
    return backends.Filters(
        kinds=tuple(query.kinds),
        site_ids=None if query.site_ids is None else tuple(query.site_ids),
        section_ids=_sections_under(query.section_id),
        date_from=_aware(query.date_from),
        date_to=_aware(query.date_to, end=True),
    )


def search(query: SearchQuery) -> SearchResults:
    parsed = parse(query.text)
    per_page = max(1, min(int(query.per_page or 10), 100))
    results = SearchResults(query=query, parsed=parsed, per_page=per_page)
    if parsed.truncated:
        results.notice = (
            f"Từ khóa quá dài: chỉ {MAX_QUERY_LENGTH} ký tự đầu được dùng để tìm."
        )
    if parsed.is_empty:
        if parsed.text:
            results.notice = "Từ khóa cần có ít nhất một chữ hoặc một số."
        return results

    backend = backends.current()
    filters = _filters(query)
    cap = backends.window_size() if backends.large_index() else None
    results.total = backend.count(parsed, filters, cap)
    if not results.total and parsed.has_compounds:
        parsed.use_compounds = False
        results.total = backend.count(parsed, filters, cap)
    cited: list[int] = []
    if (
        parsed.article
        and results.total
        and len(parsed.matched) > 1
        and query.sort != "newest"
    ):
        # Texts citing the article matched; the article itself, which rarely names
        # its own law, is added to them (to the ranking, not to a list by date).
        cited = backend.cited_articles(parsed, filters, CITED_ARTICLES)
        results.total += len(cited)
    if not results.total and parsed.references and len(parsed.matched) > 1:
        # A citation whose document is named in words that the cited text does not
        # carry ("Điều 10 Bộ luật Tố tụng dân sự"): the article and numbers decide.
        parsed.references_only = True
        results.total = backend.count(parsed, filters, cap)
        if results.total:
            results.notice = _partial_notice(results.notice)
        else:
            parsed.references_only = False
    if not results.total and len(parsed.clauses) > 1:
        parsed.any_clause = True
        results.total = backend.count(parsed, filters, cap)
        if results.total:
            results.notice = _partial_notice(results.notice)
    if cap and results.total > cap:
        # Counting every match of very common words costs more than the search.
        results.total, results.total_is_lower_bound = cap, True
    results.num_pages = math.ceil(results.total / per_page)
    if not results.total:
        return results
    results.page = max(1, min(int(query.page or 1), results.num_pages, MAX_PAGE))
    offset = (results.page - 1) * per_page
    folded: dict[int, str] = {}
    rerank = RERANK_LARGE if cap else RERANK
    if query.sort == "newest":
        found = _entries(backend.newest(parsed, filters, offset, per_page))
    elif offset < rerank:
        ranked = backend.ranked(parsed, filters, 0, rerank)
        ranked += [(pk, 0.0) for pk in cited]
        found = _entries(ranked + _named(backend, parsed, filters, ranked))
        found = _by_proximity(found, parsed, folded)[offset : offset + per_page]
    else:
        found = _entries(backend.ranked(parsed, filters, offset, per_page))
    results.hits = _hits(found, parsed, folded)
    return results


def _partial_notice(notice: str | None) -> str:
    partial = (
        "Không có kết quả chứa đủ mọi từ đã nhập; "
        "dưới đây là các kết quả chứa một phần các từ."
    )
    return f"{notice} {partial}" if notice else partial


# How many of the newest matches with the query in their title are looked at for one
# whose title (or heading) is the query: a page asked for by name must be found even
# when many longer titles, ranked higher by the database, contain the same words.
NAMED_CANDIDATES = 200
NAMED_ADDED = 10
# At most this many articles cited by number are added to what a citation matched.
CITED_ARTICLES = 20


def _named(backend, parsed: ParsedQuery, filters, ranked) -> list[tuple[int, float]]:
    """Matches outside ``ranked`` whose title is the query or the article it cites."""
    if parsed.any_clause:
        return []
    article = parsed.article
    clauses = (
        [c for c in parsed.clauses if c.reference and c.folded == article]
        if article
        else parsed.matched
    )
    ids = backend.title_matches(
        parsed, clauses, filters, NAMED_CANDIDATES, whole=bool(article)
    )
    seen = {pk for pk, _ in ranked}
    ids = [pk for pk in ids if pk not in seen]
    if not ids:
        return []
    titles = SearchEntry.objects.filter(pk__in=ids).values_list("pk", "title")
    named = sorted(
        (rank, -pk)
        for pk, title in titles
        if (rank := _title_rank(title, parsed)) < NO_NAME
    )
    # The best few: each one added is read whole and ranked again.
    return [(-pk, 0.0) for _rank, pk in named[:NAMED_ADDED]]


# How a title answers the query, best first (see _title_rank).
TITLE_IS_QUERY, TITLE_STARTS_WITH_QUERY, TITLE_HAS_QUERY_WORDS, NO_NAME = range(4)
# A law article's title starts with its number ("Điều 35. Quyền đơn phương ..."); its
# heading is the rest.
_ARTICLE_NUMBER_RE = re.compile(r"\d{1,4}[a-z]?")


def _heading(words: list[str]) -> list[str]:
    if len(words) > 2 and words[0] == "dieu" and _ARTICLE_NUMBER_RE.fullmatch(words[1]):
        return words[2:]
    return words


@functools.lru_cache(maxsize=2048)
def _title_words(title: str) -> tuple[list[str], list[str]]:
    """A title's words, as spelled (one tone placement) and folded."""
    words = search_words(title)
    return [w[0] for w in words], [w[1] for w in words]


def _title_rank(title: str, parsed: ParsedQuery, spelled: bool = False) -> int:
    """Whether a title, or its heading after "Điều N.", is the query (folded), starts
    with it, or has the same words in another order; for a citation, whether it is
    the article cited. ``spelled``: compare the words as the reader spelled them."""
    form = 0 if spelled else 1
    words = _title_words(title)[form]
    article = parsed.article
    if article:
        if spelled:
            return NO_NAME
        return TITLE_IS_QUERY if tuple(words[:2]) == article else NO_NAME
    wanted = [w[form] for w in parsed.words]
    if not wanted:
        return NO_NAME
    heading = words[len(words) - len(_heading(_title_words(title)[1])) :]
    if wanted in (words, heading):
        return TITLE_IS_QUERY
    if wanted in (words[: len(wanted)], heading[: len(wanted)]):
        return TITLE_STARTS_WITH_QUERY
    if sorted(wanted) in (sorted(words), sorted(heading)):
        return TITLE_HAS_QUERY_WORDS
    return NO_NAME


# Words of a query count as close together within this many characters per word
# (Vietnamese words are short: about five letters and a space).
CHARS_PER_WORD = 7


def _close_stretches(text: str, words: list[str]) -> list[int]:
    """Where every one of ``words`` occurs within a short stretch of ``text``: the end
    offset of each such stretch (empty when the words are never close together)."""
    if not words:
        return []
    pattern = re.compile(
        r"(?<![^\W_])(" + "|".join(map(re.escape, words)) + r")(?![^\W_])"
    )
    limit = _closeness_limit(words)
    last_seen: dict[str, int] = {}
    ends = []
    for match in pattern.finditer(text):
        last_seen[match.group()] = match.start()
        if (
            len(last_seen) == len(words)
            and match.start() - min(last_seen.values()) <= limit
        ):
            ends.append(match.end())
    return ends


def _closeness_limit(words: list[str]) -> int:
    return (2 * len(words) + 1) * CHARS_PER_WORD


def _words_present(text: str, words: list[str]) -> int:
    """How many of ``words`` occur in ``text`` as whole words."""
    return sum(
        1
        for word in words
        if re.search(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", text)
    )


def _close_together(text: str, words: list[str]) -> bool:
    """Whether every one of ``words`` occurs within a short stretch of ``text``."""
    return bool(_close_stretches(text, words))


def _exact_close(text: str, folded_ends: list[int], exact: list[str]) -> bool:
    """Whether the reader's own spelling of the words occurs close together.

    Only the stretches where the folded words are close can hold it (folding keeps
    offsets), so only those are read again, not the whole article.
    """
    if not exact:
        return False
    reach = _closeness_limit(exact) + 2 * max(map(len, exact))
    checked_to = -1
    for end in folded_ends:
        start = max(checked_to, end - reach, 0)
        if _close_together(canonical_tone_text(text[start:end].lower()), exact):
            return True
        checked_to = end - reach
    return False


def _by_proximity(found: list[tuple], parsed: ParsedQuery, folded: dict) -> list[tuple]:
    """Put first the documents asked for by name, then those with the query's words
    close together.

    The database ranks by word weight (bm25 / ts_rank_cd); this settles the order of
    the first results the same way on both databases: a title (or a law article's
    heading) that is the query, starts with it or has its words in another order, or
    for a citation the article cited (see _title_rank); then words close together with
    the reader's diacritics, then words close together, then the database's order.
    A title that answers the query as the reader spelled it comes before one that
    only answers it folded.
    ``folded`` caches each entry's folded body for the snippets.
    """
    exact = list(dict.fromkeys(w for c in parsed.clauses for w in c.exact))
    words = list(dict.fromkeys(w for c in parsed.clauses for w in c.folded))
    texts = {}
    for entry, _score in found:
        if entry.pk not in folded:
            folded[entry.pk] = fold_nfc(entry.body)
        texts[entry.pk] = (
            fold_nfc(entry.title) + "\n" + folded[entry.pk][:PROXIMITY_CHARS]
        )
    cited = _cited_first(found, parsed, texts, words) if parsed.article else {}

    def key(item):
        position, (entry, _score) = item
        text = entry.title + "\n" + entry.body[:PROXIMITY_CHARS]
        folded_text = texts[entry.pk]
        ends = _close_stretches(folded_text, words)
        return (
            # Titles as the reader spelled them first, then as folded: "sức khỏe"
            # is not asking for "Súc khoe".
            _title_rank(entry.title, parsed, spelled=not parsed.plain),
            cited.get(entry.pk, (0, 0)) if cited else _title_rank(entry.title, parsed),
            not _exact_close(text, ends, exact),
            not ends,
            position,
        )

    return [pair for _, pair in sorted(enumerate(found), key=key)]


def _cited_first(found, parsed: ParsedQuery, texts: dict, words: list[str]) -> dict:
    """For a citation: {entry id: rank}. First the cited article that has the most
    of the rest of the query (the document's name, "tố tụng dân sự": articles rarely
    name their own law, and six codes have an Điều 25), then every text by how much
    of the query it has, so texts citing that article come before the same article
    of other laws."""
    present = {pk: _words_present(text, words) for pk, text in texts.items()}
    articles = [
        entry.pk
        for entry, _ in found
        if _title_rank(entry.title, parsed) == TITLE_IS_QUERY
    ]
    best = max((present[pk] for pk in articles), default=-1)
    return {
        pk: (0 if pk in articles and present[pk] == best else 1, -present[pk])
        for pk in texts
    }


def _entries(ranked: list[tuple[int, float]]) -> list[tuple[SearchEntry, float]]:
    entries = SearchEntry.objects.in_bulk([pk for pk, _ in ranked])
    return [(entries[pk], score) for pk, score in ranked if pk in entries]


def _hits(
    found: list[tuple[SearchEntry, float]], parsed: ParsedQuery, folded: dict
) -> list[Hit]:
    entries = [entry for entry, _ in found]
    section_ids = {e.section_id for e in entries if e.section_id}
    sections = dict(Page.objects.filter(pk__in=section_ids).values_list("pk", "title"))
    site_ids = {e.site_id for e in entries if e.site_id}
    sites = dict(Site.objects.filter(pk__in=site_ids).values_list("pk", "site_name"))
    wanted = parsed.folded_words
    hits = []
    for entry, score in found:
        hits.append(
            Hit(
                entry=entry,
                score=score,
                title_html=highlight(entry.title, wanted),
                snippet_html=snippet(entry.body, wanted, folded=folded.get(entry.pk)),
                section_title=sections.get(entry.section_id, ""),
                site_name=sites.get(entry.site_id, ""),
                kind_label=label_for(entry.kind),
            )
        )
    return hits


def suggest(text: str, site_ids=None, limit: int = 8) -> list[dict]:
    """Titles that start like what the reader is typing, diacritics or not."""
    parsed = parse(text)
    if parsed.is_empty or len(parsed.text) < SUGGESTION_MIN_LENGTH:
        return []
    filters = backends.Filters(site_ids=None if site_ids is None else tuple(site_ids))
    ids = backends.current().suggest(parsed, filters, max(1, min(limit, 20)))
    entries = SearchEntry.objects.in_bulk(ids)
    return [
        {"title": entries[pk].title, "url": entries[pk].url}
        for pk in ids
        if pk in entries
    ]
