"""Locales looked up from the page-chrome cache instead of the database.

With ``WAGTAIL_I18N_ENABLED`` Wagtail asks the database for the active ``Locale``
on every page request (``Page.route_for_request`` -> ``root_page.localized`` ->
``Locale.get_active()``), one query more on every page than without translations.
Locales change only when an administrator adds one, so they are cached with the
page chrome (60 s at most, and the version moves on at every publish).
"""

from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from congtin.core import chrome

_original_get_active = Locale.get_active.__func__


def locales_by_code() -> dict:
    return chrome.cached(
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
    """Called once from ``AgencyConfig.ready``."""
    Locale.get_active = classmethod(_cached_get_active)
