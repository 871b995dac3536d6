"""Turn whatever a reader typed into a safe, structured query.

No character of the input ever reaches a full-text query language: the query is
rebuilt from words (letters and digits only), so quotes, stars, brackets, NEAR, AND,
OR, SQL fragments and null bytes are just text, and both backends see the same query.
"""

import re
from dataclasses import dataclass, field

from congtin.core.vietnamese import (
    compound,
    nfc,
    search_words,
    strip_control_characters,
)

MAX_QUERY_LENGTH = 200
MAX_CLAUSES = 12

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

    def words(self, exact: bool, use_compound: bool = True) -> tuple[str, ...]:
        """The words to match: the compound when there is one, else the phrase."""
        if use_compound and self.compound:
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

    @property
    def has_compounds(self) -> bool:
        return any(clause.compound for clause in self.clauses)

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


def _clause(words: list[tuple[str, str]], glued: bool = False) -> Clause:
    return Clause(
        tuple(w[0] for w in words),
        tuple(w[1] for w in words),
        compound(words) if glued else None,
    )


def parse(raw: str) -> ParsedQuery:
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
    unique = list(dict.fromkeys(clauses))
    if len(unique) > MAX_CLAUSES:
        unique, truncated = unique[:MAX_CLAUSES], True
    return ParsedQuery(text=text, clauses=unique, truncated=truncated)


def _loose_clauses(text: str) -> list[Clause]:
    """Words separated by spaces; punctuation inside a run keeps its words together."""
    clauses = []
    for run in text.split():
        words = search_words(run)
        if words:
            clauses.append(_clause(words, glued=True))
    return clauses
