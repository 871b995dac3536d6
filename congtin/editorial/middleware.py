"""A withdrawn article's old URL says it was withdrawn (410 Gone), not "not found"."""

from django.shortcuts import render
from wagtail.models import Site

from .models import Withdrawal


class WithdrawnPageMiddleware:
    """Turn a 404 into 410 Gone when the URL belonged to a withdrawn page.

    Only 404 responses cost a lookup. Placed before Wagtail's RedirectMiddleware
    so that a redirect to a replacement, which that middleware answers first, wins.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        return gone(request) or response


def gone(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    path = request.path
    if "\x00" in path:  # no page's URL holds one, and PostgreSQL refuses it
        return None
    # Wagtail serves a page with or without the trailing slash.
    if not path.endswith("/"):
        path += "/"
    withdrawal = (
        Withdrawal.objects.filter(site=site, url_path=path).only("withdrawn_at").first()
    )
    if withdrawal is None:
        return None
    return render(
        request, "editorial/gone.html", {"withdrawal": withdrawal}, status=410
    )
