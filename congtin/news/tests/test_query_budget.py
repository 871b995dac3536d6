"""Home, section and article pages render with a fixed number of queries.

Each page is measured on the demo tree, then again after 200 more articles and
more menu items: the count must not grow.
"""

from contextlib import contextmanager

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.signal_handlers import disable_reference_index_auto_update

from congtin.core.models import StandardPage
from congtin.news.models import NewsIndexPage
from congtin.portals.setup import ensure_child

MAX_QUERIES = {"home": 11, "section": 11, "article": 7}


def count_queries(client, url):
    client.get(url)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@contextmanager
def without_admin_indexes(settings):
    """Publishing as editors do, without the admin's search index and Wagtail's
    reference index, which none of the measured pages reads: they cost most of the
    time of making 200 articles. The portal's own search entries are still made."""
    backends = settings.WAGTAILSEARCH_BACKENDS
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**backend, "AUTO_UPDATE": False} for name, backend in backends.items()
    }
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        settings.WAGTAILSEARCH_BACKENDS = backends


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_articles_or_menu(
    demo, city_client, make_articles, django_assert_max_num_queries, settings
):
    districts = NewsIndexPage.objects.get(slug="quan-huyen")
    city = NewsIndexPage.objects.get(slug="thanh-pho")
    home = demo["article"].get_site().root_page
    cover = demo["article"].cover_image
    urls = {"home": "/", "section": districts.get_url(), "article": demo["url"]}

    with without_admin_indexes(settings):
        make_articles(districts, 10, prefix="Tin quan huyen", cover=cover)
        make_articles(city, 10, prefix="Tin thanh pho", cover=cover)
    small = {name: count_queries(city_client, url) for name, url in urls.items()}

    with without_admin_indexes(settings):
        make_articles(districts, 140, prefix="Tin quan huyen them", cover=cover)
        make_articles(city, 50, prefix="Tin thanh pho them", cover=cover)
    for i in range(5):
        ensure_child(
            home, StandardPage, f"muc-{i}", title=f"Mục {i}", show_in_menus=True
        )
    big = {name: count_queries(city_client, url) for name, url in urls.items()}

    assert big == small
    for name, url in urls.items():
        with django_assert_max_num_queries(MAX_QUERIES[name]):
            city_client.get(url)
