"""Counting clicks on banners without a tracker: the link goes through ``/bn/<id>/``.

The count is one ``UPDATE ... SET clicks = clicks + 1`` (atomic on every database,
no read before the write); a ``.update()`` sends no signal, so a click neither
empties the page cache nor rebuilds the chrome. Robots (link checkers, previews,
search engines) are not counted: they announce themselves in their User-Agent, and
an empty one is taken for a script; a HEAD request is not counted either. Nothing
about the reader is stored.
"""

import re

from django.db.models import F
from django.http import Http404, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from wagtail.models import Site

from .models import Banner

ROBOT_RE = re.compile(
    r"bot|crawl|spider|slurp|preview|fetch|monitor|check|scan|curl|wget|python|"
    r"java/|go-http|okhttp|axios|node-fetch|headless|facebookexternalhit|zalo.*link",
    re.IGNORECASE,
)


def is_robot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(ROBOT_RE.search(user_agent))


def banner_click(request, pk: int):
    """Count the click, then send the reader on to the banner's stored target.

    Only a banner of the portal asked for, and only its stored target: the address
    cannot be given in the request, so this is no open redirect.
    """
    site = Site.find_for_request(request)
    banner = (
        Banner.objects.filter(pk=pk, site=site).select_related("link_page").first()
        if site is not None
        else None
    )
    target = banner.target_url() if banner is not None else ""
    if banner is None or not target:
        raise Http404("Không có banner này.")
    # A HEAD is a link checker asking whether the address works, not a reader.
    if request.method == "GET" and not is_robot(request.headers.get("User-Agent", "")):
        Banner.objects.filter(pk=banner.pk).update(clicks=F("clicks") + 1)
    response = HttpResponseRedirect(target)
    # Every click must reach the server to be counted: no browser or shared cache.
    add_never_cache_headers(response)
    return response
