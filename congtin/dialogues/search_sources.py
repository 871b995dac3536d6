"""Dialogues in the portal search (the page's own text; the transcript is read on
the page)."""

from django.utils.html import strip_tags

from congtin.search.pages import PageSource, lines
from congtin.search.registry import register

from .models import DialoguePage


@register
class DialogueSource(PageSource):
    kind = "dialogues.dialogue"
    label = "Đối thoại trực tuyến"
    model = DialoguePage
    rebuild_order = ("starts_at", "pk")

    def body(self, page) -> str:
        return lines(
            page.topic,
            page.leaders,
            strip_tags(page.intro or ""),
            strip_tags(page.conclusion or ""),
        )

    def date(self, page):
        return page.starts_at
