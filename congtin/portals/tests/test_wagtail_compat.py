"""Pin the Wagtail behaviour congtin.portals.wagtail_compat relies on.

If a Wagtail upgrade renames ``Site._find_for_request``, stops reading
``request._wagtail_site`` or changes ``Locale.get_active``, these fail first.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale, Site

from congtin.portals import wagtail_compat


@pytest.fixture
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def request_for(host: str):
    return RequestFactory().get("/", HTTP_HOST=host)


def test_wagtail_still_has_the_internals_used():
    assert callable(getattr(Site, "_find_for_request", None))
    assert isinstance(Locale.__dict__["get_active"], classmethod)
    # Installed once at start-up by PortalsConfig.ready.
    assert Locale.get_active.__func__ is wagtail_compat._cached_get_active


@pytest.mark.django_db
def test_wagtail_reads_the_site_attached_to_the_request(fresh_cache):
    site = Site.objects.get(is_default_site=True)
    request = request_for("localhost")
    assert wagtail_compat.attach_site(request) == site
    assert request._wagtail_site == site
    with CaptureQueriesContext(connection) as queries:
        assert Site.find_for_request(request) == site
    assert len(queries) == 0


@pytest.mark.django_db
def test_the_site_lookup_is_cached_until_a_site_changes(fresh_cache):
    site = Site.objects.get(is_default_site=True)
    wagtail_compat.attach_site(request_for("localhost"))
    with CaptureQueriesContext(connection) as queries:
        assert wagtail_compat.attach_site(request_for("LOCALHOST")) == site
    assert len(queries) == 0
    site.site_name = "Cổng thông tin điện tử Thử"
    site.save()
    with CaptureQueriesContext(connection) as queries:
        found = wagtail_compat.attach_site(request_for("localhost"))
    assert len(queries) > 0
    assert found.site_name == "Cổng thông tin điện tử Thử"


@pytest.mark.django_db
def test_an_unknown_host_is_left_to_wagtail(fresh_cache):
    # Wagtail falls back to the default site; the answer is the one it gives.
    request = request_for("khong-co.example")
    assert wagtail_compat.attach_site(request) == Site._find_for_request(
        request_for("khong-co.example")
    )


@pytest.mark.django_db
def test_the_active_locale_comes_from_the_cache(fresh_cache):
    english = Locale.objects.get_or_create(language_code="en")[0]
    with translation.override("en"):
        assert Locale.get_active() == english
        with CaptureQueriesContext(connection) as queries:
            assert Locale.get_active() == english
        assert len(queries) == 0
    with translation.override("vi"):
        assert Locale.get_active().language_code == "vi"
    assert wagtail_compat.language_of(english.pk) == "en"
    assert wagtail_compat.language_of(-1) is None


@pytest.mark.django_db
def test_a_new_locale_is_seen_at_once(fresh_cache):
    with translation.override("en"):
        before = Locale.get_active()
        english = Locale.objects.get_or_create(language_code="en")[0]
        assert Locale.get_active() == english
    assert before.language_code in ("vi", "en")
