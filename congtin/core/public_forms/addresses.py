"""The client address rate limits count: what the trusted proxy saw."""

from __future__ import annotations

import ipaddress
import logging

from django.conf import settings

from .config import setting

logger = logging.getLogger(__name__)


def client_ip(request) -> str:
    """The submitter's IP address as this server can trust it; "" if none.

    Without a proxy configured it is REMOTE_ADDR: headers are written by whoever
    sends the request. Behind proxies, set either

    - ``CLIENT_IP_PROXY_COUNT`` (N): how many proxies append the address they saw
      to X-Forwarded-For (nginx's ``$proxy_add_x_forwarded_for``); the N-th entry
      from the right is the client, and whatever the client wrote itself is to the
      left of it, never read; or
    - ``CLIENT_IP_HEADER``: a header the nearest proxy always overwrites with the
      client's address ("X-Real-IP"); when it holds a list, its last entry.

    The result is a normalised address (``ipaddress``; IPv4-mapped IPv6 as IPv4),
    so one client is one rate-limit bucket however it is written. A missing or
    malformed value falls back to REMOTE_ADDR. Never raises, whatever the
    request or the settings hold. The replaced ``PUBLIC_FORMS_TRUST_X_FORWARDED_FOR
    = True`` still reads as one proxy.
    """
    remote = _valid_ip(request.META.get("REMOTE_ADDR", ""))
    header = _client_ip_header()
    if header:
        forwarded = request.META.get(header, "")
        if isinstance(forwarded, str) and forwarded.strip():
            found = _valid_ip(forwarded.rsplit(",", 1)[-1])
            if found:
                return found
        return remote
    count = _proxy_count()
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not isinstance(forwarded, str):
        return remote
    if count:
        entries = forwarded.split(",")
        # Fewer entries than proxies: the outer ones were bypassed, and every
        # entry present was written by a proxy, so the left-most is the best known.
        found = _valid_ip(entries[max(len(entries) - count, 0)])
        return found or remote
    if forwarded and remote and _is_internal(remote):
        _warn_unconfigured_proxy(remote)
    return remote


# Longest textual IPv6 with a zone and port is well under this; longer is junk.
_MAX_IP_TEXT = 100


def _valid_ip(text) -> str:
    """``text`` as a normalised IP address, or ""; an optional port is dropped."""
    if not isinstance(text, str) or len(text) > _MAX_IP_TEXT:
        return ""
    text = text.strip()
    candidates = [text]
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        candidates = [text[1 : text.index("]")]]
    elif text.count(":") == 1:  # "198.51.100.7:51234"
        candidates.append(text.split(":", 1)[0])
    for candidate in candidates:
        try:
            address = ipaddress.ip_address(candidate)
        except ValueError:
            continue
        if address.version == 6 and address.ipv4_mapped:
            address = address.ipv4_mapped
        return str(address)
    return ""


def _is_internal(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return ip.is_loopback or ip.is_private


def _proxy_count() -> int:
    count = getattr(settings, "CLIENT_IP_PROXY_COUNT", 0)
    try:
        count = max(int(count or 0), 0)
    except (TypeError, ValueError):
        count = 0
    if not count and setting("PUBLIC_FORMS_TRUST_X_FORWARDED_FOR"):
        # The old switch was meant for one nginx in front; it used to read the
        # first entry, which the client writes, so it now means one proxy.
        count = 1
    return count


def _client_ip_header() -> str:
    """``CLIENT_IP_HEADER`` as a request.META key ("X-Real-IP" -> HTTP_X_REAL_IP)."""
    name = getattr(settings, "CLIENT_IP_HEADER", "")
    if not isinstance(name, str) or not name.strip():
        return ""
    name = name.strip().upper().replace("-", "_")
    return name if name.startswith("HTTP_") else "HTTP_" + name


_warned_about_proxy = False


def _warn_unconfigured_proxy(remote: str) -> None:
    # Every citizen then shares the proxy's rate-limit bucket, which fails
    # silently; once per process is enough to be seen in the logs.
    global _warned_about_proxy
    if _warned_about_proxy:
        return
    _warned_about_proxy = True
    logger.warning(
        "Requests arrive from %s with X-Forwarded-For, but neither "
        "CLIENT_IP_PROXY_COUNT nor CLIENT_IP_HEADER is set: every client behind "
        "that proxy shares one rate limit (see docs/deployment.md).",
        remote,
    )
