"""What news adds to every portal: the "Tin tức" section."""

from congtin.portals.registry import PortalPart, register
from congtin.portals.setup import ensure_child

from .models import NewsIndexPage


def news_section(home, **options):
    news = ensure_child(
        home, NewsIndexPage, "tin-tuc", title="Tin tức", show_in_menus=True
    )
    ensure_child(
        news,
        NewsIndexPage,
        "tin-tuc-su-kien",
        title="Tin tức - Sự kiện",
        show_in_menus=True,
    )
    return news


register(
    PortalPart(
        "news",
        home_children=["news.NewsIndexPage"],
        sections=[(20, news_section)],
    )
)
