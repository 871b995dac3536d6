"""Two portals with their staff and an article each."""

import pytest

from congtin.conftest import shared_copy

CITY = "localhost"
OTHER = "khac.localhost"
BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/120.0 Safari/537.36"
)


def build_portals() -> dict:
    from congtin.news.tests.factories import ArticlePageFactory
    from congtin.portals.tests.factories import EditorialPortalFactory

    city = EditorialPortalFactory(name="Thành phố Thử", hostname=CITY, is_default=True)
    other = EditorialPortalFactory(name="Quận Khác", hostname=OTHER)
    return {
        "city": city,
        "other": other,
        "article": ArticlePageFactory(parent=city.news, title="Tin của thành phố"),
        "other_article": ArticlePageFactory(parent=other.news, title="Tin của quận"),
    }


shared_portals = pytest.mark.shared_setup.with_args(build_portals)


@pytest.fixture
def portals(db, request):
    shared = shared_copy(request, build_portals)
    return build_portals() if shared is None else shared


@pytest.fixture(autouse=True)
def _empty_buffer():
    from congtin.visits import counting

    counting._buffer.clear()
    yield
    counting._buffer.clear()
