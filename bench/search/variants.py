"""The ways a reader may type the same query, derived from the accented spelling.

Written here, apart from congtin.core.vietnamese, so that the evaluation does not use
the engine's own folding to decide what the engine must cope with.
"""

from __future__ import annotations

import re
import unicodedata

# Combining tone marks: grave, acute, tilde, hook above, dot below.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Open syllables ending in these vowel pairs are written either way: "hòa"/"hoà",
# "khỏe"/"khoẻ", "thủy"/"thuỷ". With a final consonant ("hoàn", "thuyền") or after
# "qu" ("quý", where u belongs to the consonant) there is only one spelling.
_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}
_WORD_RE = re.compile(r"\w+")

VARIANTS = ("accented", "unaccented", "nfd", "tone", "capitals")


def _units(word: str) -> list[tuple[str, set[str]]]:
    """Base letters, each with the combining marks that follow it in NFD."""
    units: list[tuple[str, set[str]]] = []
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.combining(ch) and units:
            units[-1][1].add(ch)
        else:
            units.append((ch, set()))
    return units


def _tone_pair(units):
    """Indexes of the two vowels whose tone may move, or None."""
    if len(units) < 2:
        return None
    (b1, m1), (b2, m2) = units[-2], units[-1]
    if (b1.lower(), b2.lower()) not in _PAIRS:
        return None
    if not (m1 | m2) or not (m1 | m2) <= TONE_MARKS or (m1 and m2):
        return None
    if b1.lower() == "u" and len(units) >= 3 and units[-3][0].lower() == "q":
        return None
    return len(units) - 2, len(units) - 1


def tone_on_second_vowel(word: str) -> bool:
    """True for "hoà", "thuỷ", "khoẻ"; False for "hòa", "quý", "hoàn"."""
    units = _units(word)
    pair = _tone_pair(units)
    return pair is not None and bool(units[pair[1]][1])


def other_tone_placement_word(word: str) -> str:
    """ "hoà" <-> "hòa", "thủy" <-> "thuỷ"; any other word unchanged."""
    units = _units(word)
    pair = _tone_pair(units)
    if pair is None:
        return word
    first, second = pair
    units[first], units[second] = (
        (units[first][0], units[second][1]),
        (units[second][0], units[first][1]),
    )
    rebuilt = "".join(base + "".join(sorted(marks)) for base, marks in units)
    return unicodedata.normalize("NFC", rebuilt)


def other_tone_placement(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return _WORD_RE.sub(lambda m: other_tone_placement_word(m.group()), text)


def has_second_vowel_tone(text: str) -> bool:
    return any(tone_on_second_vowel(w) for w in _WORD_RE.findall(text))


def unaccented(text: str) -> str:
    """Every mark removed and đ typed as d, as on a keyboard without Vietnamese input."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def variants(query: str) -> dict[str, str]:
    """The accented query and the four ways of typing it the evaluation measures."""
    query = unicodedata.normalize("NFC", query)
    return {
        "accented": query,
        "unaccented": unaccented(query),
        "nfd": unicodedata.normalize("NFD", query),
        "tone": other_tone_placement(query),
        "capitals": query.upper(),
    }
