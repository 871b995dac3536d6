"""News articles in the portal search."""

from congtin.search.pages import PageSource, lines
from congtin.search.registry import register, register_sections

from .models import ArticlePage, NewsIndexPage

# The news sections are what a reader narrows a search to.
register_sections(NewsIndexPage)


@register
class ArticleSource(PageSource):
    kind = "news.article"
    label = "Tin bài"
    model = ArticlePage
    rebuild_order = ("date", "pk")

    def body(self, page) -> str:
        content = page.body.stream_block.get_searchable_content(page.body)
        return lines(page.lead, *content, page.author)

    def date(self, page):
        return page.date
