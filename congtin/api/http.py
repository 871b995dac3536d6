"""The API object: JSON errors, conditional GET, CORS and the per-client limit.

Every answer is JSON, errors too: ``{"loi": "<Vietnamese>", "error": "<English>"}``
with 400 (a parameter that cannot be right, read by ``congtin.core.params``), 404
or 429. A 200 carries an ``ETag`` (MD5 of the body, the one the page cache gives
too) and a ``Last-Modified`` (:func:`last_modified`), and is answered 304 when the
client's copy is current.
"""

import hashlib
import time
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from ninja import NinjaAPI
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.renderers import JSONRenderer
from ninja.throttling import BaseThrottle

from congtin.core import public_forms as pf
from congtin.core.params import BadParameter
from congtin.pagecache import store


class Renderer(JSONRenderer):
    # Vietnamese stays readable in the body (UTF-8), not \u escapes.
    json_dumps_params = {"ensure_ascii": False}


class ClientLimit(BaseThrottle):
    """``API_RATE_LIMIT`` requests per ``API_RATE_WINDOW`` seconds per client
    address (``client_ip``), counted with the public forms' counters, which every
    app-server process shares (Redis, or the database without it)."""

    def allow_request(self, request: HttpRequest) -> bool:
        ip = pf.client_ip(request)
        if not ip or not settings.API_RATE_LIMIT:
            return True
        digest = hashlib.sha256(ip.encode()).hexdigest()[:32]
        count = pf.hit(f"api:ip:{digest}", int(settings.API_RATE_WINDOW))
        return count <= settings.API_RATE_LIMIT

    def wait(self) -> float:
        return float(settings.API_RATE_WINDOW)


_SEEN_KEY = "api-last-modified"


def last_modified() -> int:
    """When the public content last changed, in whole seconds, as this API saw it.

    The page cache's version moves on at every public change of any portal
    (publish, unpublish, moderation, a new day); the first answer under a new
    version records the time, at least a second after the previous one, so a
    client's ``If-Modified-Since`` from before a change never gets a 304.
    """
    cache = store.shared_cache()
    version = store.current_version(cache)
    seen = cache.get(_SEEN_KEY)
    if seen and seen[0] == version:
        return seen[1]
    now = int(time.time())
    when = max(now, seen[1] + 1) if seen else now
    cache.set(_SEEN_KEY, (version, when), None)
    return when


def error(
    api: NinjaAPI, request, status: int, loi: str, english: str, **headers
) -> HttpResponse:
    response = api.create_response(
        request, {"loi": loi, "error": english}, status=status
    )
    for name, value in headers.items():
        response[name] = value
    return response


class PortalAPI(NinjaAPI):
    def create_response(
        self,
        request: HttpRequest,
        data,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        # Read-only public data: any web page may read it; no cookie is needed.
        response["Access-Control-Allow-Origin"] = "*"
        # Last-Modified is readable by scripts anyway; these two are not.
        response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
        if response.status_code != 200 or request.method not in ("GET", "HEAD"):
            return response
        etag = quote_etag(
            hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        )
        changed = last_modified()
        response["ETag"] = etag
        response["Last-Modified"] = http_date(changed)
        conditional = (
            get_conditional_response(
                request, etag=etag, last_modified=changed, response=response
            )
            or response
        )
        if conditional is not response:
            conditional["Access-Control-Allow-Origin"] = "*"
        return conditional


def install_error_handlers(api: NinjaAPI) -> None:
    def bad_parameter(request: HttpRequest, exc: Any) -> HttpResponse:
        english = f"Invalid value for the parameter “{exc.name}”."
        return error(api, request, 400, exc.message, english)

    def invalid(request: HttpRequest, exc: Any) -> HttpResponse:
        return error(
            api,
            request,
            400,
            "Tham số của yêu cầu không hợp lệ.",
            "Invalid request parameters.",
        )

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return error(
            api,
            request,
            404,
            "Không tìm thấy dữ liệu này trên cổng thông tin.",
            "Not found on this portal.",
        )

    def throttled(request: HttpRequest, exc: Any) -> HttpResponse:
        wait = int(exc.wait or settings.API_RATE_WINDOW)
        return error(
            api,
            request,
            429,
            "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn; vui lòng thử lại "
            f"sau {wait} giây.",
            f"Too many requests; try again in {wait} seconds.",
            **{"Retry-After": str(wait)},
        )

    def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return error(api, request, exc.status_code, "Yêu cầu không hợp lệ.", str(exc))

    api.add_exception_handler(BadParameter, bad_parameter)
    api.add_exception_handler(ValidationError, invalid)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(Throttled, throttled)
    api.add_exception_handler(HttpError, http_error)


def open_to_all(view):
    """The schema, like the data, may be read by any web page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped
