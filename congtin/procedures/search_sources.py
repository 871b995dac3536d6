"""Procedures in the portal search: found by name, code, field and agency.

The body carries the code as published ("1.001612"); the search indexes a run of
words glued by punctuation whole as well as word by word, so the code is found typed
as it is.
"""

from congtin.search.pages import PageSource, lines
from congtin.search.registry import register

from .models import ProcedurePage


@register
class ProcedureSource(PageSource):
    kind = "procedures.procedure"
    label = "Thủ tục hành chính"
    model = ProcedurePage
    rebuild_order = ("first_published_at", "pk")

    def body(self, page) -> str:
        return lines(
            f"Mã thủ tục {page.code}",
            page.field,
            page.level_label,
            f"Dịch vụ công trực tuyến: {page.online_label}",
            page.agency,
            page.processing_time,
            page.result,
        )
