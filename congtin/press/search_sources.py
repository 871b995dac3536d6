"""Press releases in the portal search."""

from congtin.search.pages import PageSource, lines
from congtin.search.registry import register

from .models import PressReleasePage


@register
class PressReleaseSource(PageSource):
    kind = "press.release"
    label = "Thông cáo báo chí"
    model = PressReleasePage
    rebuild_order = ("date", "pk")

    def body(self, page) -> str:
        content = page.body.stream_block.get_searchable_content(page.body)
        spokesperson = page.spokesperson.name if page.spokesperson_id else ""
        return lines(page.number, page.summary, *content, spokesperson)

    def date(self, page):
        return page.published_at
