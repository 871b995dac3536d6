"""Per-site caching of what every page repeats: agency settings and the main menu.

The page itself is always rendered; only these shared parts are cached. Any
publish, unpublish, move or delete of a page, and any save of the agency
settings, moves the version on so every site's cached parts are rebuilt. With a
per-process cache (local memory) other processes see the change when their
entry expires, after ``CHROME_TIMEOUT`` seconds at most; with Redis at once.
"""

from congtin.portals import wagtail_compat
from congtin.versioned_cache import VersionedCache, versions_read_once

CHROME_TIMEOUT = 60

_CACHE = VersionedCache("congtin:chrome", CHROME_TIMEOUT)
version = _CACHE.version
invalidate = _CACHE.invalidate
cached = _CACHE.cached
cached_many = _CACHE.cached_many


def first_page_url(request, page_model, name: str) -> str:
    """URL of the first live, public ``page_model`` page of the reader's portal, or "".

    For links the footer shows on every page ("Hỏi đáp", "Lấy ý kiến dự thảo"): the
    answer is kept with the cached page chrome, so one cache read and no query per
    page; publishing or moving any page moves the chrome version on.
    """
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return ""

    def build():
        page = (
            page_model.objects.live()
            .public()
            .descendant_of(site.root_page)
            .order_by("path")
            .first()
        )
        return page.get_url(request=None, current_site=site) if page else ""

    return cached(name, site.pk, build)


def connect_signals() -> None:
    from django.db.models.signals import post_delete
    from wagtail.models import Page, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .models import AgencySettings

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"congtin-chrome-{id(signal)}")
    post_delete.connect(invalidate, sender=Page, dispatch_uid="congtin-chrome-delete")
    invalidate_on_change(AgencySettings, Site)


def invalidate_on_change(*models) -> None:
    """Any save or delete of one of ``models`` moves the chrome version on, and
    empties the page cache, since every page shows the chrome: for apps whose data
    the cached parts show (an app connects its own models in its ``ready()``)."""
    from django.db.models.signals import post_delete, post_save

    from congtin.pagecache.purge import purge_on_change

    purge_on_change(*models)

    for model in models:
        post_save.connect(
            invalidate, sender=model, dispatch_uid=f"congtin-chrome-{model}"
        )
        post_delete.connect(
            invalidate, sender=model, dispatch_uid=f"congtin-chrome-d-{model}"
        )


class SiteLookupMiddleware:
    """Find the request's Wagtail Site from the cache instead of a query; during the
    request, each versioned cache's version is read once.

    The lookup itself is in congtin.portals.wagtail_compat, the one place that
    touches Wagtail internals.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with versions_read_once():
            wagtail_compat.attach_site(request)
            return self.get_response(request)
