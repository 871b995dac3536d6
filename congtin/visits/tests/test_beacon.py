"""The beacon: what it counts, what it ignores, what it refuses; the fold into
the daily tables; the markers in cached pages."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from congtin.visits import counting, tokens
from congtin.visits.models import DailyViews, PendingCount, PortalDay, SearchDay

from .conftest import BROWSER, CITY, OTHER, shared_portals

pytestmark = [pytest.mark.django_db, shared_portals]


def client(host=CITY, agent=BROWSER):
    return Client(HTTP_HOST=host, HTTP_USER_AGENT=agent)


def view(page_id, key=None, host=CITY, agent=BROWSER, **extra):
    data = {"m": "1", "p": str(page_id), "k": key or tokens.page_key(page_id)}
    data.update(extra)
    return client(host, agent).post("/_v/", data)


def test_a_view_is_counted_once_folded(portals):
    article = portals["article"]
    for _ in range(3):
        response = view(article.pk)
        assert response.status_code == 204
        assert "Set-Cookie" not in response.headers
        assert not response.cookies
        assert response["Cache-Control"] == "no-store"
    view(portals["other_article"].pk, host=OTHER)
    # Nothing is written per view: the counts wait in the process.
    assert not DailyViews.objects.exists()
    counting.fold()
    today = timezone.localdate()
    row = DailyViews.objects.get(page=article)
    assert (row.site_id, row.day, row.views) == (portals["city"].site.pk, today, 3)
    assert PortalDay.objects.get(site=portals["city"].site).views == 3
    assert PortalDay.objects.get(site=portals["other"].site).views == 1
    assert not PendingCount.objects.exists()
    # Folding again adds nothing; new views add up.
    counting.fold()
    view(article.pk)
    counting.fold()
    assert DailyViews.objects.get(page=article).views == 4


def test_flushed_counts_wait_in_the_table_until_the_fold(portals, settings):
    settings.VISITS_FLUSH_SECONDS = 0
    view(portals["article"].pk)
    assert PendingCount.objects.get().count == 1
    counting.fold()
    assert DailyViews.objects.get().views == 1


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "coccocbot-web/1.0 (+http://help.coccoc.com/searchengine)",
        "curl/8.5.0",
        "python-requests/2.31",
        "",
    ],
)
def test_robots_are_left_out(portals, agent):
    assert view(portals["article"].pk, agent=agent).status_code == 204
    counting.fold()
    assert not DailyViews.objects.exists()


def test_without_the_marker_or_from_another_site_nothing_is_counted(portals):
    article = portals["article"]
    data = {"p": str(article.pk), "k": tokens.page_key(article.pk)}
    assert client().post("/_v/", data).status_code == 204
    other = client().post("/_v/", {**data, "m": "1"}, HTTP_SEC_FETCH_SITE="cross-site")
    assert other.status_code == 204
    counting.fold()
    assert not DailyViews.objects.exists()


@pytest.mark.parametrize(
    "page, key",
    [
        ("abc", "0" * 16),
        ("9" * 40, "0" * 16),
        ("-1", "0" * 16),
        ("", "0" * 16),
        ("1", "0" * 16),  # a key the site did not write
        ("1", "x" * 300),
        ("1\x00", "0" * 16),
    ],
)
def test_bad_beacons_are_400_in_vietnamese(portals, page, key):
    response = client().post("/_v/", {"m": "1", "p": page, "k": key})
    assert response.status_code == 400
    assert "không hợp lệ" in response.content.decode() or "Thiếu" in (
        response.content.decode()
    )
    counting.fold()
    assert not DailyViews.objects.exists()


def test_only_post(portals):
    assert client().get("/_v/").status_code == 405


def test_unknown_pages_are_dropped_at_the_fold(portals):
    assert view(987654).status_code == 204
    counting.fold()
    assert not DailyViews.objects.exists()
    assert not PendingCount.objects.exists()


def test_pages_carry_their_marker_and_the_script(portals):
    article = portals["article"]
    html = client().get(article.url).content.decode()
    assert f'data-visit-page="{article.pk}"' in html
    assert f'data-visit-key="{tokens.page_key(article.pk)}"' in html
    assert "visits/beacon" in html
    home = client().get("/").content.decode()
    assert f'data-visit-page="{portals["city"].home.pk}"' in home


def test_footer_total_and_most_read_of_the_week(portals):
    from congtin.core import chrome

    article = portals["article"]
    for _ in range(1234):
        counting.record_view(article.pk)
    counting.record_view(portals["other_article"].pk)
    counting.fold()
    chrome.invalidate()
    home = client().get("/").content.decode()
    assert "Lượt truy cập: 1.234" in home
    block = re.search(
        r'<section class="home-section home-most-read".*?</section>', home, re.S
    )
    assert block and "Tin của thành phố" in block.group(0)
    assert "Tin của quận" not in block.group(0)
    other = client(OTHER).get("/").content.decode()
    assert "Lượt truy cập: 1<" in other


def test_a_search_is_counted_with_whether_it_found_anything(portals):
    site = portals["city"].site
    html = client().get("/tim-kiem/", {"q": "  Học   Phí  Hoà "}).content.decode()
    marker = re.search(
        r'data-visit-search="([^"]*)"[^>]*data-visit-site="(\d+)"'
        r'[^>]*data-visit-found="(\d)"[^>]*data-visit-key="(\w+)"',
        html,
    )
    assert marker, html
    query, site_id, found, key = marker.groups()
    assert query == "học phí hòa"
    post = {"m": "1", "q": query, "s": site_id, "f": found, "k": key}
    assert client().post("/_v/", post).status_code == 204
    assert client().post("/_v/", {**post, "f": "1"}).status_code == 400
    assert client().post("/_v/", {**post, "q": "khác"}).status_code == 400
    found_key = tokens.search_key(site.pk, True, "lịch tiếp dân")
    found_post = {"m": "1", "q": "lịch tiếp dân", "s": site.pk, "f": "1"}
    assert client().post("/_v/", {**found_post, "k": found_key}).status_code == 204
    counting.fold()
    rows = {row.query: row for row in SearchDay.objects.filter(site=site)}
    assert (rows["học phí hòa"].searches, rows["học phí hòa"].empty) == (1, 1)
    assert (rows["lịch tiếp dân"].searches, rows["lịch tiếp dân"].empty) == (1, 0)


def test_hostile_values_in_every_field_are_never_a_5xx(portals):
    from congtin.core.tests.hostile_inputs import HOSTILE_INPUTS

    values = HOSTILE_INPUTS + ["9" * 5000, "1" * 19, "０１", "1e3", " 1 ", "\udcff"[:0]]
    base = {"m": "1", "p": "1", "k": "0" * 16, "q": "x", "s": "1", "f": "0"}
    for field in ("m", "p", "k", "q", "s", "f"):
        for value in values:
            data = dict(base, **{field: value})
            if field == "p":
                data.pop("q")
            response = client().post("/_v/", data)
            assert response.status_code in (204, 400), (field, value)
    counting.fold()
    assert not SearchDay.objects.exists()
    assert not DailyViews.objects.exists()


def call_door(body: bytes, path="/_v/", method="POST", agent=BROWSER):
    import io
    from wsgiref.util import setup_testing_defaults

    from congtin.visits.wsgi import BeaconApplication

    passed = []

    def django(environ, start_response):
        passed.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b"django"]

    environ = {
        "PATH_INFO": path,
        "REQUEST_METHOD": method,
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_USER_AGENT": agent,
        "wsgi.input": io.BytesIO(body),
    }
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, headers):
        answer.update(status=status, headers=dict(headers))

    content = b"".join(BeaconApplication(django)(environ, start_response))
    return answer["status"], answer["headers"], content, passed


def test_the_wsgi_door_counts_before_django(portals):
    from urllib.parse import urlencode

    article = portals["article"]
    body = urlencode({"m": "1", "p": article.pk, "k": tokens.page_key(article.pk)})
    status, headers, content, passed = call_door(body.encode())
    assert status.startswith("204") and not passed and content == b""
    assert headers["Cache-Control"] == "no-store" and "Set-Cookie" not in headers
    status, _, content, _ = call_door(b"m=1&p=abc&k=0")
    assert status.startswith("400") and "không hợp lệ" in content.decode()
    assert call_door(b"m=1&p=1&k=\xff")[0].startswith("400")
    assert call_door(b"m=1&" + b"x" * 5000)[0].startswith("400")
    assert call_door(b"&".join([b"a=1"] * 20))[0].startswith("400")
    status, *_ = call_door(body.encode(), agent="Googlebot/2.1")
    assert status.startswith("204")
    # Anything else goes on to Django.
    assert call_door(b"", path="/", method="GET")[3] == ["/"]
    assert call_door(b"", path="/_v/", method="GET")[3] == ["/_v/"]
    counting.fold()
    assert DailyViews.objects.get(page=article).views == 1


def test_a_translation_counts_for_its_portal(portals):
    from wagtail.models import Locale

    english = Locale.objects.get_or_create(language_code="en")[0]
    article = portals["article"]
    translated = article.copy_for_translation(english, copy_parents=True)
    translated.save_revision().publish()
    view(translated.pk)
    counting.fold()
    row = DailyViews.objects.get(page=translated)
    assert row.site_id == portals["city"].site.pk
    assert PortalDay.objects.get(site=portals["city"].site).views == 1


@pytest.mark.redis
def test_with_redis_each_view_is_one_hincrby(portals, settings):
    import os

    from congtin.conftest import port_open, require

    require(port_open("127.0.0.1", 6379), "Redis")
    prefix = f"congtin-visits-test-{os.getpid()}"
    settings.CACHES = {
        **settings.CACHES,
        "shared": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": prefix,
        },
    }
    from django_redis import get_redis_connection

    client = get_redis_connection("shared")
    client.delete(f"{prefix}:visits:pending")
    try:
        for _ in range(3):
            assert view(portals["article"].pk).status_code == 204
        assert not counting._buffer and not PendingCount.objects.exists()
        assert client.hlen(f"{prefix}:visits:pending") == 1
        counting.fold()
        assert DailyViews.objects.get(page=portals["article"]).views == 3
        assert not client.exists(f"{prefix}:visits:pending")
    finally:
        client.delete(f"{prefix}:visits:pending")
