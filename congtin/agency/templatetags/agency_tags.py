from django import template
from django.conf import settings
from wagtail.models import Site

from congtin.core import chrome

from ..models import RelatedPortals

register = template.Library()


def _related(site):
    setting = RelatedPortals.objects.filter(site=site).first()
    if setting is None:
        return {}  # not None: the cache would not keep it
    return {"heading": setting.heading, "links": list(setting.links.all())}


@register.inclusion_tag("agency/includes/related_portals.html", takes_context=True)
def related_portals(context):
    """The footer's links to related agencies' portals (cached with the chrome)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"related": {}}
    return {
        "related": chrome.cached("related-portals", site.pk, lambda: _related(site))
    }


def _translations(page, request):
    from wagtail.models import Page

    names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    pages = list(
        Page.objects.filter(translation_key=page.translation_key)
        .live()
        .public()
        .select_related("locale")
        .order_by("locale__language_code")
    )
    if len(pages) < 2:
        return []
    links = [
        {
            "code": other.locale.language_code,
            "name": names.get(other.locale.language_code, other.locale.language_code),
            "url": other.get_url(request),
            "current": other.pk == page.pk,
        }
        for other in pages
    ]
    # Vietnamese first, as the portal's own language.
    return sorted(links, key=lambda link: link["code"] != settings.LANGUAGE_CODE)


@register.inclusion_tag("agency/includes/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to the page in each language it is published in; nothing when only one.

    Cached with the page chrome (a publish moves the version on), so a page spends
    no query on it once warm.
    """
    page = context.get("page")
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False) or not getattr(
        page, "translation_key", None
    ):
        return {"links": []}
    if page.pk is None:
        return {"links": []}
    links = chrome.cached(
        "translations", page.pk, lambda: _translations(page, context.get("request"))
    )
    return {"links": links}
