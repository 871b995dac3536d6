"""The request being served, for log entries written deep inside a view.

Wagtail's ``log()`` and Django's password hooks are given no request; the
security log still records the address and browser of whoever caused the entry.
"""

from __future__ import annotations

from contextvars import ContextVar

from congtin.core.public_forms import client_ip

_request: ContextVar = ContextVar("congtin_accounts_request", default=None)

USER_AGENT_CHARS = 300


def client(request=None) -> dict:
    """``ip_address`` and ``user_agent`` of ``request`` or of the current one.

    The address is the one the trusted proxy saw (``client_ip``, the rule of
    the rate limits); empty values are left out.
    """
    request = request if request is not None else _request.get()
    if request is None or not hasattr(request, "META"):
        return {}
    found: dict = {}
    address = client_ip(request)
    if address:
        found["ip_address"] = address
    agent = request.META.get("HTTP_USER_AGENT", "")
    if isinstance(agent, str) and agent:
        found["user_agent"] = agent[:USER_AGENT_CHARS]
    return found


def current_request():
    return _request.get()


class RequestContextMiddleware:
    """Keeps the request at hand while it is served (a context variable: one
    per thread or task, nothing shared)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
