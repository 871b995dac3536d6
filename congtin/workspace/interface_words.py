"""How much of a screen is English: the measure behind "the admin speaks Vietnamese".

A screen's words are the letters-only tokens of what a person sees: the text of the
page, the placeholders of its fields, the labels of its icon buttons. A word counts
as English when it is written in ASCII letters, is not a Vietnamese syllable (those
written without diacritics: "an", "tin", "hai", "long"), and is not a name that
stays as it is in Vietnamese (Wagtail, URL, PDF, the demo's user names).

Used by the browser test that walks the editorial board's screens
(workspace/tests/test_admin_vietnamese.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Everything a person reads, from a real browser: the rendered text (innerText leaves
# out what is hidden), the placeholders of visible fields, and the accessible names
# of buttons and links that show only an icon.
VISIBLE_TEXT_JS = """
() => {
    const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    // A closed list shows only its chosen option, yet innerText holds them all.
    let text = document.body.innerText;
    const parts = [];
    for (const select of document.querySelectorAll("select")) {
        const options = select.innerText;
        if (options && text.includes(options)) text = text.replace(options, "");
        const chosen = select.selectedOptions[0];
        if (visible(select) && chosen) parts.push(chosen.text);
    }
    // What editors wrote (a rich text field's content) is content, not interface.
    for (const el of document.querySelectorAll("[contenteditable=true]")) {
        const written = el.innerText;
        if (written && text.includes(written)) text = text.replace(written, "");
    }
    parts.push(text);
    for (const el of document.querySelectorAll("input[placeholder], textarea[placeholder]")) {
        if (visible(el)) parts.push(el.getAttribute("placeholder"));
    }
    for (const el of document.querySelectorAll("button[aria-label], a[aria-label]")) {
        if (visible(el) && !el.innerText.trim()) parts.push(el.getAttribute("aria-label"));
    }
    return parts.join("\\n");
}
"""

# Letters and digits: "CT12", a target's code, and "128/NQ-CP" are not words.
TOKEN = re.compile(r"[^\W_]+")
LETTERS = re.compile(r"[^\W\d_]+")
URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)
ASCII_WORD = re.compile(r"[A-Za-z]{2,}")
VOWEL = re.compile(r"[aeiouy]", re.IGNORECASE)
# A Vietnamese syllable written without diacritics: an initial consonant, a vowel
# group and a final. The groups are a little wider than the language's, so that
# no Vietnamese word is ever taken for English.
SYLLABLE = re.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?"
    r"(?:uye|uya|uyu|oai|oay|oao|oeo|uoi|uou|ieu|yeu|uay|uoi"
    r"|ai|ao|au|ay|eo|eu|ia|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ie|ye"
    r"|a|e|i|o|u|y)"
    r"(?:ch|ng|nh|[cmnptiouy])?",
    re.IGNORECASE,
)
# Names, abbreviations and loanwords ("menu", "sapo": a news article's lead;
# "banner", as portals name their image links) a
# Vietnamese interface writes as they are.
KEPT_AS_THEY_ARE = set(
    # Products, formats and technical abbreviations.
    """
    wagtail django congtin url urls html css pdf csv xlsx xls doc docx odt zip jpg
    jpeg png gif webp svg avif heic rss seo api json id ids email otp totp qr http
    https www utc gmt ict ok youtube markdown alt slug ctrl cmd shift esc enter tab
    px kb mb gb asia web google maps openstreetmap
    sapo menu cookie pixel banner
    """.split()
    # The demo's people, places and addresses.
    + """
    lechan haiphong phongvien bientap truongban quantri admin localhost gov vn com
    org ubnd
    """.split()
)


def words_of(text: str) -> list[str]:
    """The letters-only tokens of ``text``, NFC (a browser may hand back decomposed
    letters, and a mark must not split a word)."""
    # An address ("http://…/admin/pages/16/edit/") is not words of the interface.
    text = URL.sub(" ", unicodedata.normalize("NFC", text))
    tokens = TOKEN.findall(text)
    return [token for token in tokens if LETTERS.fullmatch(token)]


def is_english(word: str, content: frozenset[str] = frozenset()) -> bool:
    """Whether ``word`` (one letters-only token) is an English interface word.

    ``content`` holds the lower-cased words of what the portal's people wrote
    (titles, file names, slugs): the English contact pages are content.
    """
    # A token without a vowel is an abbreviation or a cut-off word ("Ch…").
    if not ASCII_WORD.fullmatch(word) or not VOWEL.search(word):
        return False
    lower = word.lower()
    if lower in KEPT_AS_THEY_ARE or lower in content:
        return False
    return not SYLLABLE.fullmatch(lower)


@dataclass
class ScreenWords:
    """The words of one screen and those of them that are English."""

    name: str
    words: int = 0
    english: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return len(self.english) / self.words if self.words else 0.0

    def __str__(self) -> str:
        sample = ", ".join(sorted(set(self.english))[:40])
        return (
            f"{self.name}: {len(self.english)}/{self.words} English words "
            f"({self.share:.1%}){': ' + sample if sample else ''}"
        )


def count_words(
    name: str, text: str, content: frozenset[str] = frozenset()
) -> ScreenWords:
    screen = ScreenWords(name)
    for word in words_of(text):
        screen.words += 1
        if is_english(word, content):
            screen.english.append(word)
    return screen


def content_words() -> frozenset[str]:
    """The words of what the demo's people wrote: titles, slugs, file names, names.

    The English contact pages (Decree 42) are content, as is a document's number.
    """
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Site

    texts = [
        *Page.objects.values_list("title", "url_path"),
        *get_image_model().objects.values_list("title", "file"),
        *get_document_model().objects.values_list("title", "file"),
        *Site.objects.values_list("site_name", "hostname"),
        *get_user_model().objects.values_list("username", "first_name", "last_name"),
    ]
    return frozenset(
        word.lower() for row in texts for text in row for word in words_of(str(text))
    )
