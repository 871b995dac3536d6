"""Which characters text from outside may carry: no control characters, nothing
that shows other than it is."""

import re
import unicodedata

# --- Spoofing characters --------------------------------------------------------
#
# Text sent by the public is read by staff in the admin. Invisible and
# direction-changing characters, and combining marks with no letter under them or
# piled up high, make what is shown differ from what was sent ("baocao\u202efdp.exe"
# shows as "baocaoexe.pdf"). Categories find them, so new ones in later Unicode
# versions are covered without a list to keep up.

# NFD of any precomposed character in Unicode carries at most three marks
# (polytonic Greek ᾯ, Kannada ೋ); Vietnamese needs two (ệ: e, U+0302, U+0323).
MAX_MARKS_PER_LETTER = 3
# Default-ignorable code points that are not format characters (Cf), so their
# category does not give them away: Hangul fillers (blank "letters") and the
# combining grapheme joiner.
_INVISIBLE = frozenset("\u034f\u115f\u1160\u3164\uffa0")
# Marks sit on letters, digits and symbols (emoji take variation selectors).
_MARK_BASES = frozenset("LNS")


def _is_tag(code: int) -> bool:
    # The whole tag block, assigned (Cf) or not.
    return 0xE0000 <= code <= 0xE007F


def _is_variation_selector(code: int) -> bool:
    return (
        0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or 0x180B <= code <= 0x180F
    )


def strip_spoofing_characters(text: str) -> str:
    """``text`` in NFC without what makes it look other than it is.

    Removed: format characters (Unicode category Cf: bidi controls such as U+202E,
    zero-width characters, U+FEFF, the soft hyphen, tag characters), invisible
    fillers, and combining marks and variation selectors that sit on no letter,
    digit or symbol (at the start, after a space, punctuation or a line break) or
    that pass :data:`MAX_MARKS_PER_LETTER` on one (one variation selector at most).
    Every Vietnamese letter, typed in NFC or NFD, other scripts, punctuation and
    emoji are kept; emoji joined by U+200D fall apart into their parts.
    """
    if text.isascii():
        return text
    kept = []
    marks = -1  # marks on the current base so far; -1 when there is no base
    selector = False
    category = unicodedata.category
    for ch in unicodedata.normalize("NFD", text):
        kind = category(ch)
        code = ord(ch)
        if kind == "Cf" or ch in _INVISIBLE or _is_tag(code):
            continue
        if kind[0] == "M":
            if marks < 0 or marks >= MAX_MARKS_PER_LETTER:
                continue
            if _is_variation_selector(code):
                if selector:
                    continue
                selector = True
            marks += 1
        else:
            marks = 0 if kind[0] in _MARK_BASES else -1
            selector = False
        kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept))


# --- Control characters -------------------------------------------------------------

# C0/C1 controls and the BOM; tab and newline are kept for multi-line text.
# PostgreSQL refuses NUL in any string, so none may reach a query or a row.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]")
# In one line of text (a query-string value, a name) tab and line breaks are
# controls too.
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ufeff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Unicode's line and paragraph separators break lines as newlines do.
_NEWLINE = re.compile("\r\n|[\r\u2028\u2029]")


def strip_control_characters(
    text: str, replacement: str = "", one_line: bool = False
) -> str:
    """``text`` with each control character (C0, C1, the BOM) replaced by
    ``replacement``; tab, CR and LF are kept unless ``one_line``."""
    pattern = _CONTROL_ONE_LINE if one_line else _CONTROL
    return pattern.sub(replacement, text)


def has_control_characters(text: str, one_line: bool = False) -> bool:
    """Whether :func:`strip_control_characters` would change ``text``."""
    pattern = _CONTROL_ONE_LINE if one_line else _CONTROL
    return pattern.search(text) is not None


def clean_text(value, multiline: bool = False) -> str:
    """``value`` as text congtin can store and show: NFC, no control characters,
    nothing that shows other than it is (bidi overrides, zero-width and tag
    characters, stray or piled-up marks: see :func:`strip_spoofing_characters`).

    Markup is kept as typed (it is text; templates escape it). Single-line text has
    its line breaks and tabs turned into spaces. ``None`` gives "".
    """
    if value is None:
        return ""
    text = str(value)
    text = _SURROGATE.sub("", text)
    text = _NEWLINE.sub("\n", text)
    text = strip_control_characters(text)
    if not multiline:
        text = re.sub(r"[\n\t]+", " ", text)
    return strip_spoofing_characters(text).strip()
