"""Conditional GET, CORS, the per-client limit, the page cache and the docs page."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from congtin.news.tests.factories import ArticlePageFactory
from congtin.pagecache.tests.helpers import commit_pending_purges

pytestmark = pytest.mark.django_db


def test_etag_and_last_modified_give_304(portal, get):
    first = get("/api/v1/bai-viet/")
    assert first["Access-Control-Allow-Origin"] == "*"
    assert first["Access-Control-Expose-Headers"] == "ETag, Retry-After"
    etag, modified = first["ETag"], first["Last-Modified"]
    again = get("/api/v1/bai-viet/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Access-Control-Allow-Origin"] == "*"
    assert get("/api/v1/bai-viet/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert get("/api/v1/bai-viet/", HTTP_IF_NONE_MATCH='"other"').status_code == 200
    # Another list has another body, so another tag.
    assert get("/api/v1/van-ban/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_publish_moves_last_modified_on(
    portal, get, django_capture_on_commit_callbacks
):
    modified = get("/api/v1/bai-viet/")["Last-Modified"]
    commit_pending_purges()
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=portal.sections[0], slug="moi", publish=True)
    response = get("/api/v1/bai-viet/", HTTP_IF_MODIFIED_SINCE=modified)
    assert response.status_code == 200
    assert len(response.json()["items"]) == 3


@override_settings(API_RATE_LIMIT=3, API_RATE_WINDOW=60)
def test_too_many_requests_is_429_with_retry_after(portal, get):
    for _ in range(3):
        assert get("/api/v1/chuyen-muc/").status_code == 200
    response = get("/api/v1/chuyen-muc/")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert set(response.json()) == {"loi", "error"}
    # Another client address still gets its answers.
    assert get("/api/v1/chuyen-muc/", REMOTE_ADDR="192.0.2.9").status_code == 200


@override_settings(API_RATE_LIMIT=2)
def test_the_limit_is_counted_in_the_shared_counters(portal, get):
    # The default cache is local memory here: counts go to the database table that
    # every app-server process sees.
    from congtin.core.shared_counters import SharedCounter

    get("/api/v1/chuyen-muc/")
    assert SharedCounter.objects.filter(key__startswith="api:ip:").count() == 1


def test_page_cache_keeps_and_purges_api_answers(
    portal, get, django_capture_on_commit_callbacks
):
    commit_pending_purges()
    with override_settings(PAGE_CACHE_SECONDS=600):
        caches["shared"].clear()
        assert get("/api/v1/bai-viet/")["X-Page-Cache"] == "miss"
        hit = get("/api/v1/bai-viet/")
        assert hit["X-Page-Cache"] == "hit"
        assert hit["Access-Control-Allow-Origin"] == "*"
        assert (
            get("/api/v1/bai-viet/", HTTP_IF_NONE_MATCH=hit["ETag"]).status_code == 304
        )
        with django_capture_on_commit_callbacks(execute=True):
            ArticlePageFactory(parent=portal.sections[0], slug="moi", publish=True)
        after = get("/api/v1/bai-viet/")
        assert after["X-Page-Cache"] == "miss"
        assert len(after.json()["items"]) == 3
        # Errors are never kept.
        assert get("/api/v1/bai-viet/?limit=0")["X-Page-Cache"] == "pass"


def test_no_cookie_is_set(portal, get):
    response = get("/api/v1/bai-viet/")
    assert not response.cookies


def test_documentation_page_in_vietnamese(portal, get):
    response = get("/api/v1/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dữ liệu mở (API)" in html
    assert "/api/v1/bai-viet/" in html
    assert "chuyen-muc" in html
    assert "http://api.localhost/api/v1/schema/" in html
    # Nothing from another site (the Content-Security-Policy allows only 'self').
    assert "cdn" not in html.lower()
    assert "'self'" in response["Content-Security-Policy"]


def test_schema_is_open_to_all_and_unknown_addresses_are_json(portal, get):
    assert get("/api/v1/schema/")["Access-Control-Allow-Origin"] == "*"
    response = get("/api/v1/khong-co/")
    assert response.status_code == 404
    assert set(response.json()) == {"loi", "error"}
    assert get("/api/v1/bai-viet/12/khong/").status_code == 404
