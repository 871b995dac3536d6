"""Pin the Wagtail behaviour congtin.portals.wagtail_compat relies on.

If a Wagtail upgrade renames ``Site._find_for_request``, stops reading
``request._wagtail_site`` or changes ``Locale.get_active``, ``PageQuerySet.private_q``
or ``Page.get_view_restrictions``, these fail first.
"""

import sys
from pathlib import Path

import pytest
import wagtail
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet

from congtin.core.models import StandardPage
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
    assert PageQuerySet.private_q is wagtail_compat._cached_private_q
    assert Page.get_view_restrictions is wagtail_compat._get_view_restrictions
    assert (
        Page._get_relevant_site_root_paths is wagtail_compat._relevant_site_root_paths
    )
    assert Site.get_site_root_paths is wagtail_compat._get_site_root_paths
    assert (
        Site.clear_site_root_paths_cache is wagtail_compat._clear_site_root_paths_cache
    )


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


@pytest.mark.django_db
def test_the_site_root_page_is_specific_and_follows_publishing(fresh_cache):
    site = Site.objects.get(is_default_site=True)
    found = wagtail_compat.attach_site(request_for("localhost"))
    wagtail_compat.locales_by_code()
    with CaptureQueriesContext(connection) as queries:
        root = found.root_page.localized.specific
    assert len(queries) == 0
    assert type(root) is site.root_page.specific_class
    page = site.root_page.specific
    page.title = "Trang chủ mới"
    page.save_revision().publish()
    found = wagtail_compat.attach_site(request_for("localhost"))
    assert found.root_page.title == "Trang chủ mới"


@pytest.mark.django_db
def test_view_restrictions_and_private_sections_are_wagtails(fresh_cache):
    root = Page.get_first_root_node()
    section = root.add_child(instance=StandardPage(title="Mục", slug="muc-rieng"))
    child = section.add_child(instance=StandardPage(title="Con", slug="con"))
    other = root.add_child(instance=StandardPage(title="Khác", slug="khac"))
    alias = child.create_alias(parent=other, update_slug="con-ban-sao")
    pages = [root, section, child, other, alias]

    def restrictions(page):
        page = Page.objects.get(pk=page.pk)
        ours = set(page.get_view_restrictions())
        assert ours == set(wagtail_compat._original_get_view_restrictions(page))
        return ours

    def public():
        ours = set(Page.objects.public().values_list("pk", flat=True))
        wagtails = Page.objects.exclude(
            wagtail_compat._original_private_q(Page.objects.all())
        )
        assert ours == set(wagtails.values_list("pk", flat=True))
        return ours

    assert all(restrictions(page) == set() for page in pages)
    assert {page.pk for page in pages} <= public()

    on_section = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.LOGIN
    )
    assert restrictions(child) == {on_section}
    # An alias is served under its source page's restrictions and its own
    # ancestors', not those of its source's ancestors.
    assert restrictions(alias) == set()
    assert child.pk not in public() and other.pk in public()

    on_child = PageViewRestriction.objects.create(
        page=child, restriction_type=PageViewRestriction.LOGIN
    )
    assert restrictions(alias) == {on_child}
    assert restrictions(child) == {on_section, on_child}

    on_section.delete()
    on_child.delete()
    assert {page.pk for page in pages} <= public()


@pytest.mark.django_db
def test_the_sites_of_a_page_are_wagtails(fresh_cache):
    root = Page.get_first_root_node()
    home = root.add_child(instance=StandardPage(title="Cổng", slug="cong"))
    # A second portal rooted inside the first, and one whose slug starts alike.
    inner = home.add_child(instance=StandardPage(title="Trong", slug="trong"))
    deep = inner.add_child(instance=StandardPage(title="Sâu", slug="sau"))
    alike = root.add_child(instance=StandardPage(title="Cổng 2", slug="cong-2"))
    child = alike.add_child(instance=StandardPage(title="Con", slug="con"))
    outside = root.add_child(instance=StandardPage(title="Ngoài", slug="ngoai"))
    Site.objects.create(hostname="cong.localhost", root_page=home)
    Site.objects.create(hostname="trong.localhost", root_page=inner)
    Site.objects.create(hostname="trong2.localhost", root_page=inner)
    Site.objects.create(hostname="cong2.localhost", root_page=alike)
    request = request_for("cong.localhost")
    pages = [root, home, inner, deep, alike, child, outside, *Page.objects.all()]
    for page in pages:
        for cache_object in (request, None):
            ours = page._get_relevant_site_root_paths(cache_object)
            wagtails = wagtail_compat._original_relevant_site_root_paths(
                page, cache_object
            )
            assert ours == wagtails, page.url_path
    assert [r.root_path for r in deep._get_relevant_site_root_paths(request)] == [
        "/cong/trong/",
        "/cong/trong/",
        "/cong/",
    ]
    assert child._get_relevant_site_root_paths(request)[0].root_path == "/cong-2/"
    assert outside._get_relevant_site_root_paths(request) == ()
    # Under the request's own portal when the page is in it too, as Wagtail answers.
    assert deep.get_url(request) == "/trong/sau/"


@pytest.mark.django_db
def test_the_site_root_paths_are_wagtails_and_kept_until_they_change(fresh_cache):
    def wagtails():
        cache.clear()
        return wagtail_compat._original_get_site_root_paths()

    first = Site.get_site_root_paths()
    assert first == wagtails()
    # Kept as they are in the process: no query, no cache read, the same list.
    with CaptureQueriesContext(connection) as queries:
        assert Site.get_site_root_paths() is first
    assert len(queries) == 0

    root = Page.get_first_root_node()
    home = root.add_child(instance=StandardPage(title="Cổng", slug="cong"))
    Site.objects.create(hostname="cong.localhost", root_page=home)
    added = Site.get_site_root_paths()
    assert added is not first
    assert added == wagtails()
    assert "/cong/" in {path.root_path for path in added}

    # A site root page saved (its url_path follows a new slug): Wagtail drops
    # its list, and so is the kept one.
    home.slug = "cong-moi"
    home.save()
    moved = Site.get_site_root_paths()
    assert "/cong-moi/" in {path.root_path for path in moved}
    assert moved == wagtails()


# --- Wagtail's v3 API, not served ------------------------------------------------


def test_wagtail_v3_api_is_answered_by_stand_ins():
    from django.apps import apps

    assert not apps.is_installed("wagtail.api.v3")
    api_module = sys.modules["wagtail.api.v3.api"]
    assert isinstance(api_module.api, wagtail_compat._UnservedAPI)
    # What the stand-ins keep out: the API's pydantic schemas of every model.
    assert "wagtail.api.v3.routers.pages" not in sys.modules
    assert "wagtail.api.v3.registry" not in sys.modules


def test_stand_ins_name_modules_wagtail_still_has():
    # A Wagtail upgrade that moves or drops one of these modules fails here, and
    # one whose ready() imports another name fails at start-up (ImportError).
    root = Path(wagtail.__file__).parent
    for name in wagtail_compat.UNSERVED_API_MODULES:
        relative = Path(*name.split(".")[1:])
        assert (root / relative / "__init__.py").exists() or (
            root / relative.with_suffix(".py")
        ).exists(), name
    sources = {
        "images": "from .api.v3.registry import register_content_types",
        "documents": "from .api.v3.registry import register_content_types",
        "snippets": "from .api.v3 import register_content_types",
        "locales": "from .api.v3 import router",
        "contrib/redirects": "from .api.v3 import router",
    }
    for app, line in sources.items():
        assert line in (root / app / "apps.py").read_text(), app


@pytest.mark.django_db
def test_admin_of_the_apps_that_add_v3_routers_still_works(client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    admin = get_user_model().objects.create_superuser(
        "quantri-v3", "quantri-v3@example.com", "mat-khau-dai-1234"
    )
    client.force_login(admin)
    for name in (
        "wagtaillocales:index",
        "wagtailredirects:index",
        "wagtailimages:index",
        "wagtaildocs:index",
        "wagtailsnippets:index",
    ):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
