"""The page cache's front door: a hit is answered before Django builds a request.

Wraps the WSGI application in ``congtin/wsgi.py``. A hit costs one read of the
shared cache and a copy of the stored headers; no request object, no middleware, no
signal, no database connection. Everything else goes on to Django, carrying the
key and version already looked up.
"""

from . import store
from .middleware import LOOKED_UP, answer, may_be_cached, status_line


class PageCacheApplication:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if may_be_cached(environ):
            key = store.entry_key(environ)
            version, entry = store.lookup(key)
            if entry is not None:
                status, headers, body = answer(environ, entry, "hit")
                start_response(status_line(status), headers)
                return [b"" if environ["REQUEST_METHOD"] == "HEAD" else body]
            environ[LOOKED_UP] = (key, version)
        return self.application(environ, start_response)
