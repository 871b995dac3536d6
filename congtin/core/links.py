"""Links to pages in rich text, with each link kept with the page chrome.

Wagtail expands every ``<a linktype="page" id="...">`` of a rich text with two
queries (the pages' types, then the specific pages) each time the text is shown:
an article citing three legal documents in three paragraphs costs six queries per
view. The expanded ``<a href="...">`` only changes when a page is published,
unpublished, moved or deleted or a site is edited, which is when the chrome
version moves on (see ``core.chrome``), so it is kept there, per page and active
language (``Page.localized`` follows the language). A miss is expanded by
Wagtail's own handler, so the markup is Wagtail's.
"""

from django.utils import translation
from wagtail.rich_text.pages import PageLinkHandler

from . import chrome


class CachedPageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        # Only plain page ids make cache keys; anything else is left to Wagtail.
        cacheable = [i for i in dict.fromkeys(ids) if i.isascii() and i.isdigit()]

        def build(missing: list[str]) -> dict[str, str]:
            tags = super(CachedPageLinkHandler, cls).expand_db_attributes_many(
                [{"id": page_id} for page_id in missing]
            )
            return dict(zip(missing, tags, strict=True))

        language = translation.get_language() or ""
        tags = chrome.cached_many(f"page-link-{language}", cacheable, build)
        return [
            tags[page_id]
            if page_id in tags
            else super(CachedPageLinkHandler, cls).expand_db_attributes_many([attrs])[0]
            for page_id, attrs in zip(ids, attrs_list, strict=True)
        ]
