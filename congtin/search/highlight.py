"""Mark the words a reader searched for, whatever diacritics they typed."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from congtin.core.vietnamese import search_word_spans

SNIPPET_WORDS = 32


def _marked(text: str, spans, wanted: set[str]) -> str:
    out, position = [], 0
    for start, end, _exact, folded in spans:
        if folded not in wanted:
            continue
        out.append(escape(text[position:start]))
        out.append("<mark>" + escape(text[start:end]) + "</mark>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def highlight(text: str, wanted: set[str]) -> SafeString:
    """The whole of ``text``, escaped, with the wanted words in <mark>."""
    return mark_safe(_marked(text, search_word_spans(text), wanted))


def snippet(text: str, wanted: set[str], size: int = SNIPPET_WORDS) -> SafeString:
    """About ``size`` words of ``text`` around where most wanted words are."""
    spans = search_word_spans(text)
    if not spans:
        return mark_safe("")
    best_start, best_score = 0, -1
    hits = [1 if span[3] in wanted else 0 for span in spans]
    # Slide a window over the words; count distinct wanted words, then total hits.
    for start in range(0, max(1, len(spans) - size + 1)):
        window = spans[start : start + size]
        distinct = {span[3] for span in window if span[3] in wanted}
        score = len(distinct) * 1000 + sum(hits[start : start + size])
        if score > best_score:
            best_start, best_score = start, score
        if not hits[start] and start and best_score >= 1000 * len(wanted):
            break
    window = spans[best_start : best_start + size]
    begin = window[0][0] if best_start else 0
    end = window[-1][1]
    local = [(s - begin, e - begin, x, f) for s, e, x, f in window]
    html = _marked(text[begin:end], local, wanted)
    prefix = "… " if begin else ""
    suffix = " …" if end < len(text.rstrip()) else ""
    return mark_safe(prefix + html + suffix)
