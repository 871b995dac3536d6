"""Signed-in sessions end after a spell without activity.

The session cookie lasts until the browser closes (``SESSION_EXPIRE_AT_BROWSER_CLOSE``)
and the server ends a signed-in session idle for ``SESSION_IDLE_TIMEOUT`` seconds.
Only requests carrying a session cookie of a signed-in person are touched: an
anonymous reader's request never loads, writes or sets a session (public pages
are served from a shared cache). The time of last activity is written at most
once per ``SESSION_IDLE_RESOLUTION`` seconds, not at every request.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout

LAST_ACTIVITY = "congtin_last_activity"
EXPIRED = "Phiên làm việc đã kết thúc vì lâu không thao tác. Mời đăng nhập lại."


def _now() -> int:
    return int(time.time())


def start(request) -> None:
    """Called at sign-in: the idle clock starts now."""
    session = getattr(request, "session", None)
    if session is not None:
        session[LAST_ACTIVITY] = _now()


class IdleSessionMiddleware:
    """After ``AuthenticationMiddleware``: signs out a session left idle too long."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            self.check(request)
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a session this request already wrote (a sign-in): reading one
        # here would mark every anonymous answer "Vary: Cookie".
        if session is not None and session.modified:
            self.end_with_browser(session)
        return response

    def end_with_browser(self, session) -> None:
        # Wagtail's sign-in asks for a cookie that outlives the browser when
        # "remember me" is posted (its box is no longer shown, a client may
        # still send it).
        if not settings.SESSION_EXPIRE_AT_BROWSER_CLOSE:
            return
        if session.get(SESSION_KEY) and session.get("_session_expiry", 0) != 0:
            session.set_expiry(0)

    def check(self, request) -> None:
        timeout = int(getattr(settings, "SESSION_IDLE_TIMEOUT", 0) or 0)
        if timeout <= 0 or not request.user.is_authenticated:
            return
        now = _now()
        last = request.session.get(LAST_ACTIVITY)
        if isinstance(last, int) and now - last > timeout:
            request.congtin_session_expired = True
            logout(request)
            messages.info(request, EXPIRED, fail_silently=True)
            return
        resolution = int(getattr(settings, "SESSION_IDLE_RESOLUTION", 60) or 0)
        if not isinstance(last, int) or now - last >= resolution:
            request.session[LAST_ACTIVITY] = now
