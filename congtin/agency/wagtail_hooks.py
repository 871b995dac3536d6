from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.utils.translation import get_supported_language_variant
from wagtail import hooks

from congtin.portals.wagtail_compat import locales_by_code


def _locale_ids() -> dict:
    return {code: locale.pk for code, locale in locales_by_code().items()}


@hooks.register("before_serve_page")
def serve_pages_in_their_own_language(page, request, args, kwargs):
    """A page answers only under its own language's URLs.

    Wagtail serves ``/en/...`` from the site's Vietnamese tree when the site has no
    English home page; that would publish every Vietnamese page a second time under
    /en/. Such requests get 404 instead.
    """
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return None
    try:
        active = get_supported_language_variant(translation.get_language())
    except LookupError:
        return None
    locale_id = _locale_ids().get(active)
    if locale_id is not None and locale_id != page.locale_id:
        raise Http404("Trang không có bản bằng ngôn ngữ này.")
    return None
