"""Home, section and article pages render with a fixed number of queries.

Each page is measured on the demo tree, then again after 200 more articles and
more menu items: the count must not grow.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_articles_or_menu(
    demo, city_client, make_articles, django_assert_max_num_queries
):
    districts = NewsIndexPage.objects.get(slug="quan-huyen")
    city = NewsIndexPage.objects.get(slug="thanh-pho")
    home = demo["article"].get_site().root_page
    cover = demo["article"].cover_image
    urls = {"home": "/", "section": districts.get_url(), "article": demo["url"]}

    make_articles(districts, 10, prefix="Tin quan huyen", cover=cover)
    make_articles(city, 10, prefix="Tin thanh pho", cover=cover)
    small = {name: count_queries(city_client, url) for name, url in urls.items()}

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
