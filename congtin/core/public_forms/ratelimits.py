"""Submission and lookup counts per IP and per contact, shared by every process."""

from __future__ import annotations

import hashlib
import math
import re

from django.core.cache import caches

from congtin.core import shared_counters
from congtin.core.vietnamese import clean_text, normalize_phone

from .addresses import client_ip
from .config import setting
from .rejections import rejected_response


class RateLimited(Exception):
    """Too many submissions; ``message`` is Vietnamese, ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


def _cache():
    return caches[setting("PUBLIC_FORMS_CACHE")]


# Modules of the cache backends whose add/incr are atomic and shared by every
# app-server process (django-redis, Django's Redis and memcached backends).
_SHARED_CACHE_MODULES = ("redis", "memcached")


def _shared_cache():
    """The ``PUBLIC_FORMS_CACHE`` cache when all processes share it (Redis,
    memcached); None for a per-process one (local memory, the default), whose
    counts would double with every worker: those go to the database instead."""
    cache = _cache()
    module = type(cache).__module__.lower()
    return cache if any(name in module for name in _SHARED_CACHE_MODULES) else None


def _key(scope: str, kind: str, value: str) -> str:
    # Hashing keeps keys short and valid for memcached whatever the value holds.
    digest = hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()[:32]
    return f"public_forms:{scope}:{kind}:{digest}"


def hit(key: str, window: int, cache=None) -> int:
    """Add one to the counter ``key`` (created for ``window`` seconds); new value.

    Every app-server process sees the same count: with a shared cache through
    ``cache.add`` + ``cache.incr`` (atomic on Redis and memcached), otherwise in
    the database (:mod:`congtin.core.shared_counters`, one atomic statement).
    """
    cache = cache or _shared_cache()
    if cache is None:
        return shared_counters.hit(key, window)
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:
        # Expired between add and incr: this hit starts a new window.
        cache.add(key, 1, timeout=window)
        return 1


def count(key: str, cache=None) -> int:
    cache = cache or _shared_cache()
    if cache is None:
        return shared_counters.value(key)
    return int(cache.get(key) or 0)


def claim(key: str, ttl: int, cache=None) -> bool:
    """True for the first caller of ``key`` within ``ttl`` seconds, in any
    process; the "used once" marker of a challenge solution."""
    cache = cache or _shared_cache()
    if cache is None:
        return shared_counters.claim(key, ttl)
    return bool(cache.add(key, 1, timeout=ttl))


def normalize_contact(value: str) -> str:
    """Emails lowercased; phone numbers reduced to digits (+84 → 0)."""
    value = clean_text(value).lower()
    if "@" in value:
        return value
    # Text that is no valid number still counts, by its digits, so that varying
    # the punctuation around a made-up number gains no extra submissions.
    return normalize_phone(value) or re.sub(r"\D", "", value)


def _minutes(seconds: int) -> int:
    return max(1, math.ceil(seconds / 60))


def consume(request, scope: str, contacts=(), cache=None) -> None:
    """Count one submission for ``scope`` from this IP and each non-empty contact.

    Raises :class:`RateLimited` when the IP passed ``PUBLIC_FORMS_IP_LIMIT`` or a
    contact passed ``PUBLIC_FORMS_CONTACT_LIMIT`` within ``PUBLIC_FORMS_WINDOW``.
    Call it once the form is valid and before saving.
    """
    window = int(setting("PUBLIC_FORMS_WINDOW"))
    over = False
    ip = client_ip(request)
    if ip:
        over |= hit(_key(scope, "ip", ip), window, cache) > setting(
            "PUBLIC_FORMS_IP_LIMIT"
        )
    for contact in {normalize_contact(c) for c in contacts if c}:
        if contact:
            over |= hit(_key(scope, "contact", contact), window, cache) > setting(
                "PUBLIC_FORMS_CONTACT_LIMIT"
            )
    if over:
        raise RateLimited(
            "Bạn đã gửi quá nhiều lần trong thời gian ngắn. Nội dung lần này chưa "
            f"được nhận; vui lòng thử lại sau khoảng {_minutes(window)} phút.",
            retry_after=window,
        )


def check_lookups(request, scope: str, cache=None) -> None:
    """Raise :class:`RateLimited` when this IP has looked up too many codes that do
    not exist within ``PUBLIC_FORMS_WINDOW``: guessing codes stops long before it
    could find one, while a reader who types their own code is never held back."""
    ip = client_ip(request)
    if ip and count(_key(scope, "miss", ip), cache) >= setting(
        "PUBLIC_FORMS_FAILED_LOOKUP_LIMIT"
    ):
        window = int(setting("PUBLIC_FORMS_WINDOW"))
        raise RateLimited(
            "Bạn đã tra cứu quá nhiều mã không đúng trong thời gian ngắn. Vui lòng "
            f"kiểm tra lại mã và thử lại sau khoảng {_minutes(window)} phút.",
            retry_after=window,
        )


def record_failed_lookup(request, scope: str, cache=None) -> None:
    ip = client_ip(request)
    if ip:
        hit(_key(scope, "miss", ip), int(setting("PUBLIC_FORMS_WINDOW")), cache)


def submissions_from_ip(request, scope: str, cache=None) -> int:
    """How many submissions this IP made for ``scope`` in the current window."""
    ip = client_ip(request)
    return count(_key(scope, "ip", ip), cache) if ip else 0


def rate_limited_response(request, limited: RateLimited):
    """429 with the Vietnamese message and a Retry-After header."""
    return rejected_response(
        request, limited.message, 429, {"Retry-After": str(limited.retry_after)}
    )
