"""Drafts for comments in the portal search."""

from django.utils.html import strip_tags

from congtin.search.pages import PageSource, lines
from congtin.search.registry import register

from .models import DraftDocumentPage


@register
class DraftSource(PageSource):
    kind = "consultations.draft"
    label = "Dự thảo"
    model = DraftDocumentPage
    rebuild_order = ("opens_at", "pk")

    def body(self, page) -> str:
        return lines(page.consulting_body, page.lead, strip_tags(page.body or ""))

    def date(self, page):
        return page.opens_at
