"""Folding and normalisation: NFC, diacritics, slugs, and the word forms search
indexes and matches (folded for matching, one tone placement for ranking)."""

import re
import unicodedata

from django.utils.text import slugify as django_slugify

# Ð/ð (U+00D0/U+00F0, Icelandic eth) stand in for Đ/đ in texts typed with some
# old fonts and keyboards; they fold the same way.
_D_TO_ASCII = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d"})


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form congtin stores."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def nfc_deep(value):
    """NFC every string inside nested lists, tuples and dicts (JSON-like data)."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [nfc_deep(item) for item in value]
    if isinstance(value, tuple):
        return tuple(nfc_deep(item) for item in value)
    if isinstance(value, dict):
        return {nfc_deep(key): nfc_deep(item) for key, item in value.items()}
    return value


def strip_diacritics(text: str) -> str:
    """Remove every mark and map đ to d: "Đẩy mạnh" -> "Day manh"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_TO_ASCII))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str, max_length: int = 255) -> str:
    """ASCII slug as Vietnamese portals write them.

    "Đẩy mạnh quản lý đất đai" -> "day-manh-quan-ly-dat-dai". Django's and
    Wagtail's slugify drop "đ" (it has no decomposition); this maps it to "d".
    """
    slug = django_slugify(strip_diacritics(nfc(text)))
    return slug[:max_length].strip("-")


VIETNAMESE_LETTERS = (
    "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ"
)


def _admin_slug_formatters() -> list[tuple[str, str]]:
    groups: dict[str, str] = {}
    for letter in VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper():
        groups[strip_diacritics(letter)] = (
            groups.get(strip_diacritics(letter), "") + letter
        )
    formatters = [(f"[{letters}]", base) for base, letters in sorted(groups.items())]
    # Text pasted in NFD carries separate combining marks.
    formatters.append(("[\u0300-\u036f]", ""))
    return formatters


# Formatters for Wagtail's admin slug widget, applied in the browser before its own
# transliteration, which knows no Vietnamese and drops letters such as ẩ, ạ, ư.
ADMIN_SLUG_FORMATTERS = _admin_slug_formatters()

# --- Search: tokens, folding and tone placement -------------------------------------
#
# Search compares words in two forms. The *folded* form decides whether a document
# matches: lowercase, no marks, đ -> d ("Giải phóng" -> "giai phong"). The *exact*
# form ranks: lowercase NFC with one tone placement ("hoà" and "hòa" both become
# "hòa"), so a query typed with diacritics ranks the documents that carry the same
# diacritics first. Both search backends index these forms, so they behave alike.

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
# Old style puts the tone of a final "oa", "oe", "uy" on the second vowel (hoà, khoẻ,
# thuỷ); the style taught today puts it on the first (hòa, khỏe, thủy). With a final
# consonant both agree (hoàng, thuyền), and after "q" the "u" is part of the consonant
# (quý), so only these endings move.
_TONE_ENDING_RE = re.compile(r"(?<![q])(o)([ae])$|(?<![q])(u)(y)$")
_WORD_RE = re.compile(r"[^\W_]+")
# Tokens longer than this are not words (hashes, base64, runs of one key).
MAX_TOKEN_LENGTH = 40


def _split_tone(word: str) -> tuple[str, str]:
    """("hoà") -> ("hoa", "\u0300"): the word without its tone mark, and the mark."""
    decomposed = unicodedata.normalize("NFD", word)
    tone = ""
    kept = []
    for ch in decomposed:
        if ch in _TONE_MARKS:
            tone = tone or ch
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def canonical_tone_placement(word: str) -> str:
    """One spelling for both tone placements: "hoà" -> "hòa", "thuỷ" -> "thủy".

    ``word`` is a lowercase NFC word; words without these endings come back as they are.
    """
    bare, tone = _split_tone(word)
    if not tone:
        return word
    match = _TONE_ENDING_RE.search(bare)
    if match is None:
        return word
    first = match.start(1) if match.group(1) else match.start(3)
    return nfc(bare[: first + 1] + tone + bare[first + 1 :])


def other_tone_placement(word: str) -> str:
    """The old placement of a word written in the new one, and the reverse.

    Used to write test and evaluation variants ("hòa" <-> "hoà").
    """
    bare, tone = _split_tone(word)
    match = _TONE_ENDING_RE.search(bare.lower())
    if not tone or match is None:
        return word
    first = match.start(1) if match.group(1) else match.start(3)
    current = unicodedata.normalize("NFD", word)
    on_first = unicodedata.normalize(
        "NFD", nfc(bare[: first + 1] + tone + bare[first + 1 :])
    )
    target = first + 2 if current == on_first else first + 1
    return nfc(bare[:target] + tone + bare[target:])


def fold(text: str) -> str:
    """The folded form used to match: "Đẩy MẠNH" -> "day manh"."""
    return strip_diacritics(nfc(text)).lower()


_FORMS: dict[str, tuple[str, str]] = {}
_FORMS_LIMIT = 500_000


def word_forms(word: str) -> tuple[str, str]:
    """(exact, folded) forms of one lowercase NFC word; cached, words repeat a lot."""
    forms = _FORMS.get(word)
    if forms is None:
        exact = canonical_tone_placement(word.replace("ð", "đ"))
        forms = (exact, strip_diacritics(exact))
        if len(_FORMS) < _FORMS_LIMIT:
            _FORMS[word] = forms
    return forms


def _fold_table() -> dict[int, str]:
    table = {}
    for code in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        folded = strip_diacritics(chr(code))
        if len(folded) == 1 and folded != chr(code):
            table[code] = folded
    return table


# Complete up to U+1EFF: str.translate raises and catches an exception for every
# character missing from the table, which made folding twice as slow.
_FOLD_TABLE = {code: code for code in range(0x1F00)} | _fold_table()


_OLD_TONE_ENDINGS = {
    first + nfc(second + mark): nfc(first + mark) + second
    for first, seconds in (("o", "ae"), ("u", "y"))
    for second in seconds
    for mark in _TONE_MARKS
}
_OLD_TONE_RE = re.compile(r"(?<!q)(" + "|".join(_OLD_TONE_ENDINGS) + r")(?![^\W_])")


def canonical_tone_text(text: str) -> str:
    """:func:`canonical_tone_placement` over lowercase NFC running text, keeping its
    length: "sức khoẻ" -> "sức khỏe"."""
    return _OLD_TONE_RE.sub(lambda m: _OLD_TONE_ENDINGS[m.group(1)], text)


def fold_nfc(text: str) -> str:
    """:func:`fold` for text already in NFC, keeping its length: fast enough to run
    over whole articles while answering a query."""
    return text.translate(_FOLD_TABLE).lower()


def search_words(text: str) -> list[tuple[str, str]]:
    """Split text into (exact, folded) word pairs, in order.

    Punctuation separates words, so "21/12/2021", "21-12-2021" and "21.12.2021" all give
    21, 12, 2021, and "128/NQ-CP" gives 128, nq, cp. Such runs are also indexed whole
    (see :func:`index_words`), which is how codes and dates are found however they are
    punctuated.
    """
    return _words(nfc(text).lower())


# Runs of words glued by punctuation ("21/12/2021", "128/NQ-CP", "1.057,091") are also
# indexed whole, as one *compound* word: a date or a code then costs one lookup of a
# rare word instead of a phrase over three very common ones ("21", "12", "2021").
# Every stretch of two to COMPOUND_MAX_PARTS parts of a run is indexed, so "NQ-CP" and
# "12/2021" find "128/NQ-CP" and "21/12/2021". A number written with thousands or
# decimal separators ("5.000.000", "1.057,091") is one part, never cut: "5,000,000"
# must not find "5.000.000.000", nor "1.057" find "1.057,091". The parts are joined by
# a letter Vietnamese does not use, so a compound is one token for every tokenizer.
COMPOUND_JOINER = "z"
COMPOUND_MAX_PARTS = 6
# Longer runs (addresses, links) are not dates or codes; their stretches are skipped.
COMPOUND_MAX_RUN = 8

# A run cut into its words and the punctuation between them.
_SEPARATOR_RE = re.compile(r"((?:[^\w\s]|_)+)")
_NUMBER_SEPARATORS = {".", ","}


def _join(words: list[tuple[str, str]]) -> tuple[str, str]:
    if len(words) == 1:
        return words[0]
    return (
        COMPOUND_JOINER.join(w[0] for w in words),
        COMPOUND_JOINER.join(w[1] for w in words),
    )


def run_parts(run: str) -> list[list[tuple[str, str]]]:
    """The parts of one lowercase run glued by punctuation, each a list of words:
    one word, or the digits of a number joined by "." or "," ("5.000.000")."""
    pieces = _SEPARATOR_RE.split(run)
    parts: list[list[tuple[str, str]]] = []
    number = False
    get = _FORMS.get
    for i in range(0, len(pieces), 2):
        # Each piece is one word, or empty at an end of the run.
        piece = pieces[i]
        if not piece or len(piece) > MAX_TOKEN_LENGTH:
            number = False
            continue
        words = [get(piece) or word_forms(piece)]
        digits = piece.isdigit()
        if digits and number and pieces[i - 1] in _NUMBER_SEPARATORS:
            parts[-1] += words
        else:
            parts.append(words)
        number = digits
    return parts


def compound(words: list[tuple[str, str]] | str) -> tuple[str, str] | None:
    """The (exact, folded) compound word a glued run is looked up by, if it has one:
    its parts joined, or the number it is ("5,000,000" -> "5z000z000").

    ``words``: the run as typed (lowercase), or its words (then every word is a part).
    """
    if not isinstance(words, str):
        return _join(words) if 2 <= len(words) <= COMPOUND_MAX_PARTS else None
    parts = run_parts(words)
    if len(parts) == 1:
        return _join(parts[0]) if len(parts[0]) > 1 else None
    if len(parts) > COMPOUND_MAX_PARTS:
        return None
    return _join([_join(part) for part in parts])


def index_words(text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``search_words(text)``, and the compound words of ``text``: every stretch of
    each punctuation-glued run, and every number with separators."""
    lowered = nfc(text).lower()
    compounds: list[tuple[str, str]] = []
    for run in _RUN_RE.findall(lowered):
        _add_compounds(compounds, run_parts(run))
    return _words(lowered), compounds


# A run: words with punctuation (no space) between them. Possessive quantifiers, so
# the scan never backtracks into a word: this pass costs a third of splitting words.
_RUN_RE = re.compile(r"(?<![^\W_])[^\W_]++(?:(?:[^\w\s]|_)++[^\W_]++)+")


def _words(lowered: str) -> list[tuple[str, str]]:
    get = _FORMS.get
    return [
        get(word) or word_forms(word)
        for word in _WORD_RE.findall(lowered)
        if len(word) <= MAX_TOKEN_LENGTH
    ]


def _add_compounds(found: list, parts: list[list[tuple[str, str]]]) -> None:
    joined = [_join(part) for part in parts]
    # A number is indexed whole even when it stands alone ("5.000.000 đồng").
    found.extend(
        whole for whole, part in zip(joined, parts, strict=True) if len(part) > 1
    )
    if len(parts) < 2 or len(parts) > COMPOUND_MAX_RUN:
        return
    for size in range(2, min(len(parts), COMPOUND_MAX_PARTS) + 1):
        for start in range(len(parts) - size + 1):
            found.append(_join(joined[start : start + size]))
