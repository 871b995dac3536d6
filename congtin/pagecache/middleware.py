"""Serve anonymous readers' pages from the shared cache; keep what others see private.

Two doors to the same cache: ``wsgi.PageCacheApplication`` answers a hit before
Django builds a request at all (production, ``congtin/wsgi.py``), and
``PageCacheMiddleware`` answers hits wherever that door is not in front (the test
client, ``runserver``) and stores the misses of both.
"""

import hashlib
import time
from http import HTTPStatus

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from . import store

# Headers that belong to one response on one connection, never to a stored copy.
_NOT_STORED = frozenset({"set-cookie", "x-page-cache", "date"})
_UNCACHEABLE = ("private", "no-cache", "no-store")
# What a 304 carries (RFC 9110 15.4.5; Django's ConditionalGetMiddleware keeps these).
_NOT_MODIFIED_HEADERS = frozenset(
    {"cache-control", "content-location", "etag", "expires", "last-modified", "vary"}
)
# django.contrib.messages keeps a waiting flash message in this cookie first.
_MESSAGES_COOKIE = CookieStorage.cookie_name
# Where the WSGI door leaves the key and version it looked up, so the middleware
# does not read the cache a second time.
LOOKED_UP = "congtin.pagecache.looked_up"


def is_personal(meta) -> bool:
    """A request that may see a page meant for one person: logged in (the session
    cookie), a flash message waiting, or credentials of its own."""
    if "HTTP_AUTHORIZATION" in meta:
        return True
    cookies = meta.get("HTTP_COOKIE", "")
    return bool(cookies) and (
        f"{settings.SESSION_COOKIE_NAME}=" in cookies
        or f"{_MESSAGES_COOKIE}=" in cookies
    )


def may_be_cached(meta) -> bool:
    """Whether the cache is asked at all: on, a GET or HEAD, a public path, nobody's
    own page."""
    return (
        bool(settings.PAGE_CACHE_SECONDS)
        and meta.get("REQUEST_METHOD") in ("GET", "HEAD")
        and not (meta.get("SCRIPT_NAME", "") + meta.get("PATH_INFO", "")).startswith(
            settings.PAGE_CACHE_EXCLUDED_PREFIXES
        )
        and not is_personal(meta)
    )


def answer(meta, entry: store.Entry, outcome: str):
    """(status, headers, body) for a request that found ``entry``: the page, or 304
    when the reader's copy is current."""
    if not_modified(meta, entry):
        headers = [
            (name, value)
            for name, value in entry.headers
            if name.lower() in _NOT_MODIFIED_HEADERS
        ]
        headers.append(("X-Page-Cache", outcome))
        return 304, headers, b""
    headers = [*entry.headers, ("X-Page-Cache", outcome)]
    return entry.status, headers, entry.content


def not_modified(meta, entry: store.Entry) -> bool:
    if_none_match = meta.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or entry.etag in tags
    header = meta.get("HTTP_IF_MODIFIED_SINCE")
    if not header:
        return False
    since = parse_http_date_safe(header)
    return since is not None and since >= entry.stored_at


def status_line(status: int) -> str:
    return f"{status} {HTTPStatus(status).phrase}"


class PageCacheMiddleware:
    """First in MIDDLEWARE, so a hit is answered before sessions, CSRF, the site
    lookup and the database are touched, and a stored page carries every header the
    stack below added.

    Stored: anonymous GET responses with status 200 that set no cookie (a CSRF
    token on the page sets one, so form pages stay uncached) and that the view did
    not mark private, no-cache or no-store (the question tracking page). HEAD is
    answered from the cache but never fills it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if not may_be_cached(meta):
            response = self.get_response(request)
            if settings.PAGE_CACHE_SECONDS and is_personal(meta):
                if not response.has_header("Cache-Control"):
                    patch_cache_control(response, private=True)
                patch_vary_headers(response, ("Cookie",))
                response["X-Page-Cache"] = "pass"
            return response
        if LOOKED_UP in meta:
            key, version = meta[LOOKED_UP]
        else:
            key = store.entry_key(meta)
            version, entry = store.lookup(key)
            if entry is not None:
                status, headers, body = answer(meta, entry, "hit")
                response = HttpResponse(body, status=status)
                for name, value in headers:
                    response[name] = value
                return response
        response = self.get_response(request)
        if request.method != "GET" or not storable(request, response):
            response["X-Page-Cache"] = "pass"
            return response
        entry = make_entry(response, version)
        store.save(key, entry, settings.PAGE_CACHE_SECONDS)
        status, headers, body = answer(meta, entry, "miss")
        if status == 304:
            response = HttpResponse(status=304)
            for name in list(response.headers):
                del response[name]
        for name, value in headers:
            response[name] = value
        return response


def storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in _UNCACHEABLE):
        return False
    if len(response.content) > settings.PAGE_CACHE_MAX_BYTES:
        return False
    try:
        request.get_host()  # the host the key was made with was accepted
    except Exception:  # noqa: BLE001 - DisallowedHost and anything like it
        return False
    return True


def make_entry(response, version: int) -> store.Entry:
    """The stored copy of ``response``, with the caching headers it is sent with."""
    stored_at = int(time.time())
    etag = quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest())
    # Browsers ask again every time (a 304 when nothing changed); shared caches keep
    # the page until it is purged or PAGE_CACHE_SECONDS pass, and may serve it a
    # little longer while they fetch it again.
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.PAGE_CACHE_SECONDS,
        stale_while_revalidate=settings.PAGE_CACHE_STALE_SECONDS,
    )
    patch_vary_headers(response, ("Cookie",))
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stored_at)
    return store.Entry(
        version=version,
        status=response.status_code,
        headers=tuple(
            (name, value)
            for name, value in response.items()
            if name.lower() not in _NOT_STORED
        ),
        content=response.content,
        etag=etag,
        stored_at=stored_at,
    )
