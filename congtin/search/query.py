"""Turn whatever a reader typed into a safe, structured query.

No character of the input ever reaches a full-text query language: the query is
rebuilt from words (letters and digits only), so quotes, stars, brackets, NEAR, AND,
OR, SQL fragments and null bytes are just text, and both backends see the same query.
"""

import re
from dataclasses import dataclass, field, replace

from congtin.core.vietnamese import (
    compound,
    nfc,
    run_parts,
    search_words,
    strip_control_characters,
)

MAX_QUERY_LENGTH = 200

# Words that cite a part of a legal text when a number follows: "Điều 10", "khoản 2",
# "điểm a". Folded, so "dieu 10" is a citation too.
REFERENCE_WORDS = {"dieu", "khoan", "diem", "chuong", "muc"}
# The citation that names a whole article: the one a title starts with ("Điều 10.").
ARTICLE_WORD = "dieu"
_REFERENCE_NUMBER_RE = re.compile(r"\d{1,4}[a-z]?|[ivxlc]{1,6}|[a-zđ]")

_QUOTED_RE = re.compile(r'"([^"]*)"|“([^”]*)”')


@dataclass(frozen=True)
class Clause:
    """Words that must appear, in this order and next to each other if more than one.

    A quoted phrase, or a run glued by punctuation such as "128/NQ-CP" or "21-12-2021".
    """

    exact: tuple[str, ...]
    folded: tuple[str, ...]
    # (exact, folded) compound word of a punctuation-glued run ("21z12z2021"), which
    # the index also holds: one rare word to look up instead of a phrase.
    compound: tuple[str, str] | None = None
    # A citation of part of a legal text: "điều 10", "khoản 2" (a phrase of two words).
    reference: bool = False

    # The run is one number with separators ("5.000.000"): looked up whole even when
    # other runs fall back to phrases, since its parts as a phrase would also find
    # the longer numbers that hold them ("5.000.000.000").
    number: bool = False

    def words(self, exact: bool, use_compound: bool = True) -> tuple[str, ...]:
        """The words to match: the compound when there is one, else the phrase."""
        if self.compound and (use_compound or self.number):
            return (self.compound[0 if exact else 1],)
        return self.exact if exact else self.folded


@dataclass
class ParsedQuery:
    text: str
    clauses: list[Clause] = field(default_factory=list)
    truncated: bool = False
    # When no document has every word, the search is run again for any of them.
    any_clause: bool = False
    # Glued runs are looked up as compound words; when that finds nothing (a document
    # that writes "21 / 12 / 2021"), the search is run again with phrases.
    use_compounds: bool = True
    # Every word of the query in order, repeats included: what a title is compared
    # with ("the reader typed the title").
    words: list[tuple[str, str]] = field(default_factory=list)
    # A citation ("Điều 10 Bộ luật ...") that nothing matches whole is searched again
    # with only its references and document numbers required.
    references_only: bool = False

    @property
    def plain(self) -> bool:
        """Whether the query was typed without a single diacritic (nor đ)."""
        return all(exact == folded for exact, folded in self.words)

    @property
    def has_compounds(self) -> bool:
        return any(clause.compound for clause in self.clauses)

    @property
    def references(self) -> list[Clause]:
        return [clause for clause in self.clauses if clause.reference]

    @property
    def article(self) -> tuple[str, ...] | None:
        """The folded words of the article cited ("dieu", "10"), if any."""
        for clause in self.clauses:
            if clause.reference and clause.folded[0] == ARTICLE_WORD:
                return clause.folded
        return None

    @property
    def matched(self) -> list[Clause]:
        """The clauses a document must match (all of them, or any with any_clause).

        With an article cited, its clauses and points ("khoản 2", "điểm a") only
        rank: the article's own text numbers them "2." and "a)", never "khoản 2".
        """
        clauses = self.clauses
        if self.article:
            clauses = [
                c for c in clauses if not c.reference or c.folded[0] == ARTICLE_WORD
            ]
        if self.references_only:
            return [c for c in clauses if c.reference or c.compound]
        return clauses

    def match_words(self, clause: Clause, exact: bool = False) -> tuple[str, ...]:
        return clause.words(exact, self.use_compounds)

    @property
    def joiner(self) -> str:
        return " OR " if self.any_clause else " AND "

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    @property
    def folded_words(self) -> set[str]:
        return {word for clause in self.clauses for word in clause.folded}


def clean(text: str) -> tuple[str, bool]:
    """NFC, no control characters, at most MAX_QUERY_LENGTH characters."""
    text = nfc(strip_control_characters(text or "", " ")).strip()
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    cut = text[:MAX_QUERY_LENGTH]
    # Do not leave half a word at the end.
    if " " in cut[MAX_QUERY_LENGTH // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.strip(), True


def _clause(words: list[tuple[str, str]], run: str | None = None) -> Clause:
    parts = run_parts(nfc(run).lower()) if run else []
    return Clause(
        tuple(w[0] for w in words),
        tuple(w[1] for w in words),
        compound(nfc(run).lower()) if run else None,
        number=len(parts) == 1 and len(parts[0]) > 1,
    )


def parse(raw: str) -> ParsedQuery:
    """The query's clauses, every one kept: the whole text (at most
    MAX_QUERY_LENGTH characters) is used to match and to rank; a clause that
    repeats another is only dropped from matching, where it changes nothing."""
    text, truncated = clean(raw)
    clauses: list[Clause] = []
    position = 0
    for match in _QUOTED_RE.finditer(text):
        clauses.extend(_loose_clauses(text[position : match.start()]))
        words = search_words(match.group(1) or match.group(2) or "")
        if words:
            clauses.append(_clause(words))
        position = match.end()
    # An unmatched quote is just a character.
    clauses.extend(_loose_clauses(text[position:].replace('"', " ")))
    return ParsedQuery(
        text=text,
        clauses=list(dict.fromkeys(clauses)),
        truncated=truncated,
        words=search_words(text),
    )


def _loose_clauses(text: str) -> list[Clause]:
    """Words separated by spaces; punctuation inside a run keeps its words together,
    and a citation word with its number ("Điều 10") is one clause."""
    clauses: list[Clause] = []
    pending: tuple[str, str] | None = None
    for run in text.split():
        words = search_words(run)
        if not words:
            continue
        if (
            pending is not None
            and len(words) == 1
            and _REFERENCE_NUMBER_RE.fullmatch(words[0][1])
        ):
            clauses[-1] = replace(_clause([pending, words[0]]), reference=True)
            pending = None
            continue
        clauses.append(_clause(words, run))
        pending = (
            words[0] if len(words) == 1 and words[0][1] in REFERENCE_WORDS else None
        )
    return clauses
