"""Serve anonymous readers' pages from the shared cache; keep what others see private."""

import hashlib
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, quote_etag

from . import store

# Headers that belong to one response on one connection, never to a stored copy.
_NOT_STORED = frozenset(
    {"set-cookie", "x-page-cache", "cache-control", "etag", "last-modified", "date"}
)
_UNCACHEABLE = ("private", "no-cache", "no-store")
# django.contrib.messages keeps a waiting flash message in this cookie first.
_MESSAGES_COOKIE = CookieStorage.cookie_name


def is_personal(request) -> bool:
    """A request that may see a page meant for one person: logged in (the session
    cookie), a flash message waiting, or credentials of its own."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or _MESSAGES_COOKIE in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )


def excluded_path(path: str) -> bool:
    return path.startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES)


class PageCacheMiddleware:
    """First in MIDDLEWARE: a hit is answered before sessions, CSRF, the site lookup
    and the database are touched, with the headers the rest of the stack added when
    the page was rendered.

    Stored: anonymous GET responses with status 200 that set no cookie (a CSRF
    token on the page sets one, so form pages stay uncached) and that the view did
    not mark private, no-cache or no-store (the question tracking page). HEAD is
    answered from the cache but never fills it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if (
            not seconds
            or request.method not in ("GET", "HEAD")
            or excluded_path(request.path)
        ):
            return self.get_response(request)
        if is_personal(request):
            response = self.get_response(request)
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True)
            patch_vary_headers(response, ("Cookie",))
            response["X-Page-Cache"] = "pass"
            return response
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)
        key = store.entry_key(
            f"{request.scheme}://{host}",
            request.path,
            request.META.get("QUERY_STRING", ""),
        )
        version, entry = store.lookup(key)
        if entry is not None:
            return respond(request, entry, "hit", seconds)
        response = self.get_response(request)
        if request.method != "GET" or not storable(response):
            response["X-Page-Cache"] = "pass"
            return response
        content = response.content
        entry = store.Entry(
            version=version,
            status=response.status_code,
            headers=tuple(
                (name, value)
                for name, value in response.items()
                if name.lower() not in _NOT_STORED
            ),
            content=content,
            etag=quote_etag(hashlib.md5(content, usedforsecurity=False).hexdigest()),
            stored_at=time.time(),
        )
        store.save(key, entry, seconds)
        return respond(request, entry, "miss", seconds)


def storable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in _UNCACHEABLE):
        return False
    return len(response.content) <= settings.PAGE_CACHE_MAX_BYTES


def respond(request, entry: store.Entry, outcome: str, seconds: int) -> HttpResponse:
    response = HttpResponse(entry.content, status=entry.status)
    for name, value in entry.headers:
        response[name] = value
    # Browsers ask again every time (a 304 when nothing changed); shared caches keep
    # the page until it is purged or ``seconds`` pass, and may serve it a little
    # longer while they fetch the new one.
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=seconds,
        stale_while_revalidate=settings.PAGE_CACHE_STALE_SECONDS,
    )
    patch_vary_headers(response, ("Cookie",))
    response["ETag"] = entry.etag
    response["Last-Modified"] = http_date(int(entry.stored_at))
    response["X-Page-Cache"] = outcome
    return (
        get_conditional_response(
            request,
            etag=entry.etag,
            last_modified=int(entry.stored_at),
            response=response,
        )
        or response
    )
