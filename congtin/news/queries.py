"""Public functions other apps use to list news; each is a fixed number of queries."""

from wagtail.models import Page

from congtin.core import chrome

from .models import ArticlePage, NewsIndexPage


def _listing(queryset, with_covers=True):
    queryset = queryset.live().public().order_by("-date", "-pk")
    if with_covers:
        queryset = queryset.select_related("cover_image").prefetch_related(
            "cover_image__renditions"
        )
    return queryset


def articles_under(page: Page):
    """Live public articles anywhere below ``page``, newest first (a queryset)."""
    return _listing(ArticlePage.objects.descendant_of(page))


def latest_articles(page: Page, limit: int = 10):
    return list(articles_under(page)[:limit])


def latest_with_aliases(home: Page, limit: int = 10, alias_limit: int = 5):
    """The newest articles below ``home``, and apart the newest aliases there.

    Aliases are articles of other portals shown on this one; on the city portal,
    the district news it took in (see ``editorial.proposals``). The ids of both
    lists are read first, then the articles by id, three queries in all: as one
    query (either id list as a subquery) PostgreSQL scanned every article of the
    installation, 0.15 s with 100,000 of them.
    """
    ids = _listing(ArticlePage.objects.descendant_of(home), with_covers=False)
    newest = list(ids.values_list("pk", flat=True)[:limit])
    aliases = list(
        ids.filter(alias_of__isnull=False).values_list("pk", flat=True)[:alias_limit]
    )
    both = list(articles_under(home).filter(pk__in={*newest, *aliases}))
    return both[:limit], [a for a in both if a.alias_of_id is not None]


def subsections(section: NewsIndexPage):
    return list(NewsIndexPage.objects.child_of(section).live().public())


def sections_with_latest(home: Page, per_section: int = 5):
    """Top-level news sections of a portal, each with its newest articles.

    Two queries per section would grow with the menu; instead the newest articles
    of all sections are read once and shared out in Python.
    """
    sections = list(NewsIndexPage.objects.child_of(home).live().public().in_menu())
    if not sections:
        return []
    recent = list(articles_under(home)[: per_section * len(sections) * 4])
    result = []
    for section in sections:
        items = [a for a in recent if a.path.startswith(section.path)][:per_section]
        result.append({"section": section, "articles": items})
    return result


def related_articles(article: ArticlePage, request=None, limit: int = 5):
    """Editor-chosen related articles, topped up with the newest of its section.

    Returns dicts with ``title``, ``url`` and ``date``, cached per article until
    the next publish anywhere (see ``core.chrome``).
    """

    def build():
        return [
            {"title": item.title, "url": item.get_url(request), "date": item.date}
            for item in _related_pages(article, limit)
        ]

    return chrome.cached("related", article.pk, build)


def _related_pages(article: ArticlePage, limit: int):
    chosen = [
        link.related
        for link in article.related_links.select_related("related")
        if link.related.live
    ]
    if len(chosen) < limit:
        parent_path = article.path[: -Page.steplen]
        exclude = [article.pk] + [a.pk for a in chosen]
        siblings = ArticlePage.objects.filter(path__startswith=parent_path)
        more = _listing(siblings, with_covers=False).exclude(pk__in=exclude)[
            : limit - len(chosen)
        ]
        chosen += list(more)
    return chosen[:limit]


def latest_in_feed(page: Page, limit: int = 30):
    feed_items = _listing(ArticlePage.objects.descendant_of(page), with_covers=False)
    return list(feed_items[:limit])
