"""The one place that reaches into Wagtail internals, so an upgrade is checked here.

Two lookups Wagtail makes with a query on every page request are answered from the
cache instead:

* the request's ``Site``: Wagtail reads ``request._wagtail_site`` when it is set,
  and ``Site._find_for_request`` is its own lookup, kept as it is; its root page
  is kept as its specific page, so ``Page.route_for_request``
  (``site.root_page.localized.specific.route(...)``) needs no query for it;
* the active ``Locale`` with ``WAGTAIL_I18N_ENABLED`` (``Page.route_for_request``
  -> ``root_page.localized`` -> ``Locale.get_active()``);
* the private sections ``PageQuerySet.public()`` leaves out of every listing
  (``private_q`` reads all view restrictions, a query per listing); these move the
  version of their own cache on when a restriction is saved or deleted or a page
  moved or deleted;
* the view restrictions a page is served under (``Page.get_view_restrictions``,
  which Wagtail's ``check_view_restrictions`` hook calls for every page served):
  one query instead of two, still exact (not cached).
* the sites' root paths (``Site.get_site_root_paths``, read once per request for
  the page's links): Wagtail reads them from the cache and unpickles one tuple per
  portal each time; they are kept as Python objects in the process under the
  portals version, which moves wherever Wagtail drops its own cached list
  (``Site.clear_site_root_paths_cache``).

And one computation: which sites a page belongs to, asked for every link a page
shows (``Page._get_relevant_site_root_paths``, from ``get_url_parts``). Wagtail
compares the page's ``url_path`` with every site's root path; with a few hundred
portals that was about a tenth of the time of a home page. The root paths are
looked up by each of the page's own path prefixes instead, in an index built once
per request (same answer, same order).

And one import kept out: Wagtail's v3 API (``keep_out_unmounted_api``), which its
images, documents, snippets, locales and redirects apps load in their ``ready()``
whether or not a project serves it.

Sites and locales change only when an administrator edits them: any save or delete
of either, and (for the root pages) any publish, unpublish, move or delete of a
page, moves the cache version on. With a per-process cache (local memory)
other processes see the change when their entry expires, after ``TIMEOUT`` seconds
at most; with Redis at once. Tests in ``portals/tests/test_wagtail_compat.py``
pin the Wagtail behaviour this relies on.
"""

import importlib.abc
import importlib.machinery
import sys
import time
from types import ModuleType

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet
from wagtail.signals import page_published, page_unpublished, post_page_move

from congtin.versioned_cache import VersionedCache

TIMEOUT = 60
_original_get_active = Locale.get_active.__func__
# Kept so the tests can compare with what Wagtail answers.
_original_private_q = PageQuerySet.private_q
_original_get_view_restrictions = Page.get_view_restrictions
_original_relevant_site_root_paths = Page._get_relevant_site_root_paths
_original_get_site_root_paths = Site.get_site_root_paths
_original_clear_site_root_paths_cache = Site.clear_site_root_paths_cache


_CACHE = VersionedCache("congtin:portals", TIMEOUT)
invalidate = _CACHE.invalidate
_cached = _CACHE.cached
_RESTRICTIONS = VersionedCache("congtin:restrictions", TIMEOUT)


def attach_site(request) -> Site | None:
    """Find the request's Site from the cache and hand it to Wagtail.

    Hostnames are lower-cased and the port kept, so the lookup is the one Wagtail
    would make. A request for an unknown host is left to Wagtail.
    """
    hostname = split_domain_port(request._get_raw_host())[0].lower()
    if not hostname:
        return None
    site = _cached(
        "site", f"{hostname}:{request.get_port()}", lambda: _find_site(request)
    )
    if site is not None:
        request._wagtail_site = site
    return site


def _find_site(request) -> Site | None:
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
    return site


def locales_by_code() -> dict:
    """Every Locale by language code, from the cache."""
    return _cached(
        "locales",
        0,
        lambda: {locale.language_code: locale for locale in Locale.objects.all()},
    )


def language_of(locale_id) -> str | None:
    for code, locale in locales_by_code().items():
        if locale.pk == locale_id:
            return code
    return None


def _cached_get_active(cls):
    try:
        code = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        code = None
    locale = locales_by_code().get(code)
    if locale is None:
        return _original_get_active(cls)
    return locale


def private_sections() -> list[tuple[str, int]]:
    """(path, depth) of every page carrying a view restriction, from the cache."""
    return _RESTRICTIONS.cached(
        "sections",
        0,
        lambda: [
            (restriction.page.path, restriction.page.depth)
            for restriction in PageViewRestriction.objects.select_related("page")
        ],
    )


def _cached_private_q(self):
    # Wagtail's PageQuerySet.private_q, with the restricted pages from the cache:
    # the same descendant_of_q(page, inclusive=True) for each of them.
    q = Q()
    for path, depth in private_sections():
        q |= Q(path__startswith=path) & Q(depth__gte=depth)
    return q if q else Q(pk__in=[])


def _get_view_restrictions(self):
    # Wagtail's Page.get_view_restrictions reads the page's ancestors, then the
    # restrictions on them (on its source for a page that is an alias): both in one
    # query here, from the paths of the page and its ancestors. Where no page at
    # all is restricted (the cached list is empty), none applies: no query.
    if not private_sections():
        return PageViewRestriction.objects.none()
    paths = [
        self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)
    ]
    aliases = Page.objects.filter(path__in=paths, alias_of__isnull=False)
    return PageViewRestriction.objects.filter(
        Q(page__path__in=paths, page__alias_of__isnull=True)
        | Q(page__in=aliases.values("alias_of"))
    )


# Site root paths as Python objects in this process, for the portals version they
# were read under, until a deadline: (version, deadline, root paths, their index by
# root path).
_root_paths_kept: tuple[int, float, list, dict[str, list]] | None = None


def _kept_root_paths() -> tuple[list, dict[str, list]]:
    # Wagtail's Site.get_site_root_paths reads its list from the cache on every
    # request, and unpickling a SiteRootPath per portal costs about 2 ms a request
    # with 200 portals (bench/pages.py's large site). The list changes only with a
    # Site, a site root page or a Locale, each of which moves the portals version
    # (install() below), which the request reads anyway. The deadline bounds what a
    # list read inside a transaction that was then rolled back can last, as for
    # the other entries of the portals cache (TIMEOUT).
    global _root_paths_kept
    version = _CACHE.version()
    kept = _root_paths_kept
    if kept is None or kept[0] != version or kept[1] < time.monotonic():
        root_paths = _original_get_site_root_paths()
        by_path: dict[str, list] = {}
        for position, root in enumerate(root_paths):
            by_path.setdefault(root.root_path, []).append((position, root))
        kept = (version, time.monotonic() + TIMEOUT, root_paths, by_path)
        _root_paths_kept = kept
    return kept[2], kept[3]


def _get_site_root_paths():
    # Wagtail's Site.get_site_root_paths, kept in the process (_kept_root_paths).
    # Callers only read the list (Wagtail copies it onto the request).
    return _kept_root_paths()[0]


def _clear_site_root_paths_cache():
    # Wherever Wagtail drops its cached list (a Site saved or deleted, a site root
    # page or a translation of one saved), the process-kept copies go too: now,
    # and at the commit, so that no process keeps a list read before it.
    _original_clear_site_root_paths_cache()
    invalidate()
    transaction.on_commit(invalidate)


def _relevant_site_root_paths(self, cache_object=None):
    # Wagtail's Page._get_relevant_site_root_paths: the root paths (most specific
    # first, as Site.get_site_root_paths orders them) that self.url_path starts
    # with. A root path is a page's url_path and ends with "/", so it can only
    # match a prefix of url_path that ends with "/": one dict lookup per level.
    url_path = self.url_path
    if not url_path.startswith("/"):
        return _original_relevant_site_root_paths(self, cache_object)
    root_paths = self._get_site_root_paths(cache_object)
    kept, by_path = _kept_root_paths()
    if root_paths is not kept:
        # A list from elsewhere (a request's copy from before a change): indexed
        # here, once per call.
        by_path = {}
        for position, root in enumerate(root_paths):
            by_path.setdefault(root.root_path, []).append((position, root))
    found = []
    end = 0
    while end != -1:
        found += by_path.get(url_path[: end + 1], ())
        end = url_path.find("/", end + 1)
    found.sort(key=lambda item: item[0])
    return tuple(root for _, root in found)


def install() -> None:
    """Called once from ``PortalsConfig.ready``."""
    Locale.get_active = classmethod(_cached_get_active)
    Page._get_relevant_site_root_paths = _relevant_site_root_paths
    Site.get_site_root_paths = staticmethod(_get_site_root_paths)
    Site.clear_site_root_paths_cache = staticmethod(_clear_site_root_paths_cache)
    for model in (Site, Locale):
        post_save.connect(
            invalidate, sender=model, dispatch_uid=f"congtin-portals-{model}"
        )
        post_delete.connect(
            invalidate, sender=model, dispatch_uid=f"congtin-portals-d-{model}"
        )
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"congtin-portals-{id(signal)}")
    post_delete.connect(invalidate, sender=Page, dispatch_uid="congtin-portals-page")
    PageQuerySet.private_q = _cached_private_q
    Page.get_view_restrictions = _get_view_restrictions
    post_save.connect(
        _RESTRICTIONS.invalidate,
        sender=PageViewRestriction,
        dispatch_uid="congtin-restrictions",
    )
    for model in (PageViewRestriction, Page):
        post_delete.connect(
            _RESTRICTIONS.invalidate,
            sender=model,
            dispatch_uid=f"congtin-restrictions-d-{model}",
        )
    post_page_move.connect(
        _RESTRICTIONS.invalidate, dispatch_uid="congtin-restrictions-move"
    )


# --- Wagtail's v3 API, not served -------------------------------------------------
# Wagtail 8's images, documents, snippets, locales and redirects apps each add a
# router to its v3 API (Django Ninja) at the end of their ready(), served or not.
# Importing that API builds pydantic schemas for every page, image, document and
# snippet model and its OpenAPI description: about 25 MB of every process, the
# server's workers included (docs/deployment.md, "Worker memory"). congtin does not
# serve it (its open data API is congtin/api, at /api/v1/); Wagtail's documented way
# to serve it puts "wagtail.api.v3" in INSTALLED_APPS, and then nothing is kept out.
# Otherwise the modules those ready() methods import are these stand-ins, which
# register nothing. A Wagtail upgrade that imports anything else from them stops at
# start-up with an ImportError instead of loading the API unseen.


class _UnservedAPI:
    """Takes the routers the apps add, as a ``NinjaAPI`` that is never served."""

    def add_router(self, prefix, router, **kwargs) -> None:
        pass


def _register_nothing() -> None:
    pass


# Module name -> its attributes; every stand-in is a package with no submodules of
# its own but the ones named here.
UNSERVED_API_MODULES: dict[str, dict] = {
    "wagtail.api.v3": {},
    "wagtail.api.v3.api": {"api": _UnservedAPI()},
    "wagtail.images.api.v3": {},
    "wagtail.images.api.v3.registry": {"register_content_types": _register_nothing},
    "wagtail.images.api.v3.router": {"router": None},
    "wagtail.documents.api.v3": {},
    "wagtail.documents.api.v3.registry": {"register_content_types": _register_nothing},
    "wagtail.documents.api.v3.router": {"router": None},
    "wagtail.snippets.api.v3": {"register_content_types": _register_nothing},
    "wagtail.snippets.api.v3.router": {"router": None},
    "wagtail.locales.api.v3": {"router": None},
    "wagtail.contrib.redirects.api.v3": {"router": None},
}


class _StandInLoader(importlib.abc.Loader):
    def create_module(self, spec):
        return None

    def exec_module(self, module: ModuleType) -> None:
        module.__dict__.update(UNSERVED_API_MODULES[module.__name__])


class _StandInFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        if fullname not in UNSERVED_API_MODULES:
            return None
        return importlib.machinery.ModuleSpec(
            fullname, _StandInLoader(), is_package=True
        )


def keep_out_unmounted_api() -> None:
    """Unless "wagtail.api.v3" is installed, answers the imports of Wagtail's v3 API
    with stand-ins. Called from ``PortalsConfig.ready``: congtin.portals comes first
    in INSTALLED_APPS, so this runs before Wagtail's apps' ready()."""
    if apps.is_installed("wagtail.api.v3"):
        return
    if any(isinstance(finder, _StandInFinder) for finder in sys.meta_path):
        return
    if "wagtail.api.v3.api" in sys.modules:
        # Imported already (by whatever ran first): nothing left to save.
        return
    sys.meta_path.insert(0, _StandInFinder())
