"""What a portal's home page shows of the news, for core's home page template."""

from django import template

from congtin.core import chrome
from congtin.news.queries import latest_with_aliases, sections_with_latest

register = template.Library()


@register.simple_tag
def news_home(home, count: int = 12) -> dict:
    """The lead article, the latest ones, other portals' offers, and each section.

    ``{% news_home page page.latest_count as news %}``, then ``news.featured``,
    ``news.latest``, ``news.district`` (articles other portals offered to this
    one, shown as aliases) and ``news.sections``.

    The lists are kept with the page chrome (``core.chrome``): they change only
    when a page is published, unpublished, moved or deleted, which moves its
    version on. Each request gets its own copy of the pages (the cache pickles).
    The cover images' renditions are not kept with them: one made after the lists
    were cached would otherwise be looked up in the database on every page until
    they are built again; Wagtail's renditions cache answers instead.
    """

    def build():
        articles, aliases = latest_with_aliases(home, limit=count)
        sections = sections_with_latest(home)
        listed = [*articles, *aliases]
        for entry in sections:
            listed += entry["articles"]
        for article in listed:
            forget_prefetched_renditions(article.cover_image)
        return {
            "featured": articles[0] if articles else None,
            "latest": articles[1:],
            "district": aliases,
            "sections": sections,
        }

    return chrome.cached(f"news-home-{count}", home.pk, build)


def forget_prefetched_renditions(image) -> None:
    if image is not None:
        getattr(image, "_prefetched_objects_cache", {}).pop("renditions", None)


@register.filter
def shareable(page) -> bool:
    """Whether "Gửi bài" and "Lưu PDF" serve ``page``: not under a view
    restriction (those pages answer 404 there). Read from the cached list of
    restricted pages, as ``PageQuerySet.public()`` does: no query."""
    from congtin.portals.wagtail_compat import private_sections

    return not any(
        page.path.startswith(path) and page.depth >= depth
        for path, depth in private_sections()
    )
