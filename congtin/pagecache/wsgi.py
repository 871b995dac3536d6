"""The page cache's front door: a hit is answered before Django builds a request.

Wraps the WSGI application in ``congtin/wsgi.py``. A hit on a page this process
served lately costs a look in its own memory (``local.RecentPages``); any other hit,
one read of the shared cache and a copy of the stored headers. No request object,
no middleware, no signal, no database connection. Everything else goes on to
Django, carrying the key and version already looked up.
"""

from django.conf import settings

from . import store
from .local import RecentPages
from .middleware import LOOKED_UP, answer, may_be_cached, not_modified, status_line


class PageCacheApplication:
    def __init__(self, application):
        self.application = application
        self.recent = RecentPages(
            max_bytes=settings.PAGE_CACHE_LOCAL_BYTES,
            version_seconds=settings.PAGE_CACHE_VERSION_SECONDS,
            page_seconds=settings.PAGE_CACHE_SECONDS,
        )

    def __call__(self, environ, start_response):
        if may_be_cached(environ):
            key = store.entry_key(environ)
            page = self.recent.get(key)
            if page is None:
                version, entry = store.lookup(key)
                self.recent.seen(version)
                if entry is None:
                    environ[LOOKED_UP] = (key, version)
                    return self.application(environ, start_response)
                page = self.recent.keep(key, entry)
            if not_modified(environ, page.entry):
                status, headers, body = answer(environ, page.entry, "hit")
                start_response(status_line(status), headers)
                return [body]
            start_response(page.status, page.hit_headers)
            if environ["REQUEST_METHOD"] == "HEAD":
                return [b""]
            return [page.entry.content]
        return self.application(environ, start_response)
