"""Mark the words a reader searched for, whatever diacritics they typed.

Matching runs on ``fold_nfc(text)``, which has the same length as the (NFC) text, so
positions found in the folded copy mark the original letters.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from congtin.core.vietnamese import fold_nfc

SNIPPET_CHARS = 220


def _matches(
    text: str, wanted: set[str], folded: str | None = None
) -> list[tuple[int, int, str]]:
    """(start, end, folded word) of each wanted word in ``text``; ``folded`` is
    ``fold_nfc(text)`` when the caller has it already."""
    if not wanted or not text:
        return []
    pattern = re.compile(
        r"(?<![^\W_])("
        + "|".join(re.escape(w) for w in sorted(wanted, key=len, reverse=True))
        + r")(?![^\W_])"
    )
    if folded is None or len(folded) != len(text):
        folded = fold_nfc(text)
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(folded)]


def _marked(text: str, matches, offset: int = 0) -> str:
    out: list[str] = []
    position = 0
    for start, end, _word in matches:
        start, end = start - offset, end - offset
        out.append(escape(text[position:start]))
        out.append("<mark>" + escape(text[start:end]) + "</mark>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def highlight(text: str, wanted: set[str]) -> SafeString:
    """The whole of ``text``, escaped, with the wanted words in <mark>."""
    return mark_safe(_marked(text, _matches(text, wanted)))


def _best_window(matches, size: int) -> int:
    """Start offset of the stretch of ``size`` characters with the most distinct
    wanted words, then the most matches."""
    best_start, best_score, left = 0, -1, 0
    counts: dict[str, int] = {}
    for right, (start, _end, word) in enumerate(matches):
        counts[word] = counts.get(word, 0) + 1
        while start - matches[left][0] > size:
            gone = matches[left][2]
            counts[gone] -= 1
            if not counts[gone]:
                del counts[gone]
            left += 1
        score = len(counts) * 1000 + (right - left + 1)
        if score > best_score:
            best_start, best_score = matches[left][0], score
    return best_start


def snippet(
    text: str, wanted: set[str], size: int = SNIPPET_CHARS, folded: str | None = None
) -> SafeString:
    """About ``size`` characters of ``text`` around where most wanted words are.

    ``folded`` is ``fold_nfc(text)`` when the caller has it already.
    """
    stripped = text.strip()
    if stripped != text:
        text, folded = stripped, None
    if not text:
        return mark_safe("")
    matches = _matches(text, wanted, folded)
    begin = 0
    if matches:
        # Start a little before the first word of the best stretch, at a word edge.
        begin = max(0, _best_window(matches, size) - size // 6)
        if begin:
            space = text.rfind(" ", 0, begin)
            begin = space + 1 if space >= 0 else 0
    end = min(len(text), begin + size)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin else end
    inside = [m for m in matches if m[0] >= begin and m[1] <= end]
    html = _marked(text[begin:end], inside, offset=begin)
    prefix = "… " if begin else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + html + suffix)
