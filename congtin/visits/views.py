"""The beacon endpoint, ``POST /_v/``: one view of a page, or one search.

Never cached, sets no cookie, stores no address and no User-Agent, answers 204.
It needs no CSRF token (the cached page that sends it has none to give): all a
forged request can do is count a view of a real page or a search a reader could
make, which loading that page or that search would count anyway.
"""

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from congtin.core import params

from . import counting, tokens
from .robots import is_robot

#: What the beacon script sends as ``m``; anything else is not the beacon.
MARKER = "1"
MAX_ID = 2**63 - 1


def _done() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response


def _check_key(expected: str, data) -> None:
    given = params.text(data, "k", "Mã kiểm tra", max_length=tokens.KEY_LENGTH)
    if not tokens.valid(expected, given):
        raise params.BadParameter("Mã kiểm tra của lượt xem không hợp lệ.", "k")


@csrf_exempt
@require_POST
def beacon(request):
    data = request.POST
    if data.get("m") != MARKER:
        return _done()
    # Another site's page posting here (a browser says so) is not a reader of ours.
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in (
        "same-origin",
        "none",
    ):
        return _done()
    if is_robot(request.headers.get("User-Agent", "")):
        return _done()
    if "q" in data:
        site = params.integer(data, "s", "Cổng", 1, MAX_ID)
        found = params.flag(data, "f", "Có kết quả")
        query = params.text(data, "q", "Từ khóa")
        if site is None:
            raise params.BadParameter("Thiếu cổng của lượt tìm kiếm.", "s")
        _check_key(tokens.search_key(site, found, query), data)
        counting.record_search(site, query, found)
        return _done()
    page = params.integer(data, "p", "Trang", 1, MAX_ID)
    if page is None:
        raise params.BadParameter("Thiếu mã trang của lượt xem.", "p")
    _check_key(tokens.page_key(page), data)
    counting.record_view(page)
    return _done()
