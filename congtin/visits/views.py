"""The beacon endpoint, ``POST /_v/``: one view of a page, or one search.

Never cached, sets no cookie, stores no address and no User-Agent, answers 204.
It needs no CSRF token (the cached page that sends it has none to give): all a
forged request can do is count a view of a real page or a search a reader could
make, which loading that page or that search would count anyway.

In production the WSGI door (:mod:`congtin.visits.wsgi`) answers beacons before
Django builds a request; this view serves the same through Django (development,
tests, ASGI). Both call :func:`count`.
"""

from collections.abc import Mapping

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from congtin.core import params

from . import counting, tokens
from .robots import is_robot

PATH = "/_v/"
#: What the beacon script sends as ``m``; anything else is not the beacon.
MARKER = "1"
#: A beacon's body is a page id and a key, or a search text of 200 characters.
MAX_BODY = 2048


def _check_key(expected: str, data: Mapping) -> None:
    given = params.text(data, "k", "Mã kiểm tra", max_length=tokens.KEY_LENGTH)
    if not tokens.valid(expected, given):
        raise params.BadParameter("Mã kiểm tra của lượt xem không hợp lệ.", "k")


def count(data: Mapping, user_agent: str, fetch_site: str | None) -> None:
    """Count what a beacon's fields ``data`` say, unless it is no reader's;
    raises ``params.BadParameter`` (Vietnamese) for a field that cannot be right."""
    if data.get("m") != MARKER:
        return
    # Another site's page posting here (a browser says so) is not a reader of ours.
    if fetch_site not in (None, "same-origin", "none"):
        return
    if is_robot(user_agent):
        return
    if "q" in data:
        site = params.integer(data, "s", "Cổng", 1, params.MAX_ID)
        found = params.flag(data, "f", "Có kết quả")
        query = params.text(data, "q", "Từ khóa")
        if site is None:
            raise params.BadParameter("Thiếu cổng của lượt tìm kiếm.", "s")
        _check_key(tokens.search_key(site, found, query), data)
        counting.record_search(site, query, found)
        return
    page = params.integer(data, "p", "Trang", 1, params.MAX_ID)
    if page is None:
        raise params.BadParameter("Thiếu mã trang của lượt xem.", "p")
    _check_key(tokens.page_key(page), data)
    counting.record_view(page)


@csrf_exempt
@require_POST
def beacon(request):
    count(
        request.POST,
        request.headers.get("User-Agent", ""),
        request.headers.get("Sec-Fetch-Site"),
    )
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response
