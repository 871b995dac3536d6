"""The public pages render with a fixed number of queries, on the whole demo.

Each page is measured on the demo as `make run` builds it (documents, schedule,
agency pages, targets and the article embedding them included), then again after
200 more articles, more menu items and more documents: the count must not grow,
and must stay within its budget.
"""

from contextlib import contextmanager
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.signal_handlers import disable_reference_index_auto_update

from congtin.core.models import StandardPage
from congtin.documents.models import DocumentIndexPage
from congtin.documents.tests.factories import LegalDocumentPageFactory
from congtin.news.models import ArticlePage, NewsIndexPage
from congtin.portals.setup import ensure_child
from congtin.targets.demo import DEMO_ARTICLE_TITLE
from congtin.targets.models import AnnualPlan

CITY, LECHAN = "localhost", "lechan.localhost"
# Per request, once a first one has filled the caches (site, menus, chrome, news
# lists, facet counts); bench/page_cpu.py prints the counts of its pages.
MAX_QUERIES = {
    "home": 0,
    "section": 4,
    "article": 0,
    "documents": 2,
    "targets": 5,
    "targets_article": 0,
    "district_home": 0,
}


def count_queries(client, host, url):
    client.get(url, HTTP_HOST=host)  # warm per-process caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, (host, url)
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


def page_urls(seed_url) -> dict[str, tuple[str, str]]:
    city_home = ArticlePage.objects.get(url_path__endswith=seed_url).get_site()
    documents = DocumentIndexPage.objects.descendant_of(city_home.root_page).get()
    plan = AnnualPlan.objects.get(site__hostname=LECHAN, year=2022)
    embedding = ArticlePage.objects.get(title=DEMO_ARTICLE_TITLE)
    return {
        "home": (CITY, "/"),
        "section": (CITY, NewsIndexPage.objects.get(slug="quan-huyen").get_url()),
        "article": (CITY, seed_url),
        "documents": (CITY, documents.get_url()),
        "targets": (LECHAN, plan.get_url()),
        "targets_article": (LECHAN, embedding.get_url_parts()[2]),
        "district_home": (LECHAN, "/"),
    }


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_articles_menu_or_documents(
    full_demo, client, make_articles, settings
):
    districts = NewsIndexPage.objects.get(slug="quan-huyen")
    city = NewsIndexPage.objects.get(slug="thanh-pho")
    home = full_demo["article"].get_site().root_page
    cover = full_demo["article"].cover_image
    urls = page_urls(full_demo["url"])
    documents = DocumentIndexPage.objects.descendant_of(home).get()

    with without_admin_indexes(settings):
        make_articles(districts, 10, prefix="Tin quan huyen", cover=cover)
        make_articles(city, 10, prefix="Tin thanh pho", cover=cover)
    small = {name: count_queries(client, *url) for name, url in urls.items()}

    with without_admin_indexes(settings):
        # What the pages read of an article is the same without its revision.
        make_articles(
            districts, 140, prefix="Tin quan huyen them", cover=cover, revisions=False
        )
        make_articles(
            city, 50, prefix="Tin thanh pho them", cover=cover, revisions=False
        )
        for i in range(10):
            LegalDocumentPageFactory(
                parent=documents,
                number=f"{i}/QĐ-UBND",
                doc_type="quyet-dinh",
                field=f"Lĩnh vực {i % 3}",
                issue_date=date(2020 + i % 3, 1 + i, 1),
                live=True,
                publish=True,
            )
    for i in range(5):
        ensure_child(
            home, StandardPage, f"muc-{i}", title=f"Mục {i}", show_in_menus=True
        )
    big = {name: count_queries(client, *url) for name, url in urls.items()}

    assert big == small
    over = {name: n for name, n in big.items() if n > MAX_QUERIES[name]}
    assert not over, f"over budget {MAX_QUERIES}: {over}"
