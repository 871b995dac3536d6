"""The one place that reaches into Wagtail internals, so an upgrade is checked here.

Two lookups Wagtail makes with a query on every page request are answered from the
cache instead:

* the request's ``Site``: Wagtail reads ``request._wagtail_site`` when it is set,
  and ``Site._find_for_request`` is its own lookup, kept as it is;
* the active ``Locale`` with ``WAGTAIL_I18N_ENABLED`` (``Page.route_for_request``
  -> ``root_page.localized`` -> ``Locale.get_active()``).

Sites and locales change only when an administrator edits them: any save or delete
of either moves the cache version on. With a per-process cache (local memory)
other processes see the change when their entry expires, after ``TIMEOUT`` seconds
at most; with Redis at once. Tests in ``portals/tests/test_wagtail_compat.py``
pin the Wagtail behaviour this relies on.
"""

from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Site

from congtin.versioned_cache import VersionedCache

TIMEOUT = 60
_original_get_active = Locale.get_active.__func__


_CACHE = VersionedCache("congtin:portals", TIMEOUT)
invalidate = _CACHE.invalidate
_cached = _CACHE.cached


def attach_site(request) -> Site | None:
    """Find the request's Site from the cache and hand it to Wagtail.

    Hostnames are lower-cased and the port kept, so the lookup is the one Wagtail
    would make. A request for an unknown host is left to Wagtail.
    """
    hostname = split_domain_port(request._get_raw_host())[0].lower()
    if not hostname:
        return None
    site = _cached(
        "site",
        f"{hostname}:{request.get_port()}",
        lambda: Site._find_for_request(request),
    )
    if site is not None:
        request._wagtail_site = site
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


def install() -> None:
    """Called once from ``PortalsConfig.ready``."""
    Locale.get_active = classmethod(_cached_get_active)
    for model in (Site, Locale):
        post_save.connect(
            invalidate, sender=model, dispatch_uid=f"congtin-portals-{model}"
        )
        post_delete.connect(
            invalidate, sender=model, dispatch_uid=f"congtin-portals-d-{model}"
        )
