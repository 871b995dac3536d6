"""The poll on the home page and in an article, both inside pages the page cache
shares: they show the question and the options, never counts or the reader's own
state."""

from django import template
from django.conf import settings
from wagtail.models import Site

from congtin.portals.sites import portal_site_id
from congtin.portals.wagtail_compat import language_of

from .. import services

register = template.Library()


@register.inclusion_tag("polls/includes/home_poll.html", takes_context=True)
def home_poll(context):
    """The portal's home poll; kept with the page chrome (no query once warm)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    page = context.get("page")
    if site is None or (
        page is not None
        and language_of(page.locale_id) not in (None, settings.LANGUAGE_CODE)
    ):
        return {"box": {}}  # polls are written in Vietnamese only
    return {"box": services.home_poll(site)}


@register.inclusion_tag("polls/includes/article_poll.html")
def article_poll(page):
    """The poll chosen for an article, when it belongs to the article's portal.

    Rendered inside the article's kept body, so it costs its queries once per
    change of the page or of any poll."""
    if not page.poll_id:
        return {"box": {}}
    return {"box": services.embedded_poll(page.poll_id, portal_site_id(page))}
