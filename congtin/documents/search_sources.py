"""Legal documents in the portal search.

The body carries the number and symbol as typed ("128/NQ-CP"); the search splits
it into words ("128", "nq", "cp") and reads a query glued by punctuation as a
phrase of its parts, so "128/NQ-CP", "128", "NQ-CP" and "128/nq-cp" all find it.
"""

from datetime import datetime, time

from django.utils import timezone

from congtin.search.pages import PageSource, lines
from congtin.search.registry import register

from .models import LegalDocumentPage


@register
class LegalDocumentSource(PageSource):
    kind = "documents.legal"
    label = "Văn bản"
    model = LegalDocumentPage
    rebuild_order = ("issue_date", "pk")

    def body(self, page) -> str:
        return lines(
            page.number,
            page.type_label,
            page.issuing_body,
            page.signer,
            page.summary,
            page.field,
        )

    def date(self, page):
        return timezone.make_aware(datetime.combine(page.issue_date, time(8, 0)))
