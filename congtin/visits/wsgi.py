"""The beacon's front door: ``POST /_v/`` answered before Django builds a request.

A beacon arrives for every page a reader opens, cached or not; through Django's
middleware it cost several times what counting it does. Here it is the body
parsed (at most ``MAX_BODY`` bytes), the same :func:`views.count` as the view,
and a 204 with no cookie. A bad field is a 400 with the Vietnamese message as
plain text. Everything else goes on unchanged.
"""

from urllib.parse import parse_qsl

from congtin.core.params import BadParameter

from .views import MAX_BODY, PATH, count

_DONE = [("Cache-Control", "no-store"), ("Content-Length", "0")]


class BeaconApplication:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != PATH or environ["REQUEST_METHOD"] != "POST":
            return self.application(environ, start_response)
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            return _refuse(start_response, "Nội dung gửi lên không hợp lệ.")
        body = environ["wsgi.input"].read(length) if length else b""
        try:
            data = dict(parse_qsl(body.decode("utf-8"), max_num_fields=10))
            count(
                data,
                environ.get("HTTP_USER_AGENT", ""),
                environ.get("HTTP_SEC_FETCH_SITE"),
            )
        except BadParameter as error:
            return _refuse(start_response, error.message)
        except ValueError:  # not UTF-8, too many fields
            return _refuse(start_response, "Nội dung gửi lên không hợp lệ.")
        start_response("204 No Content", _DONE)
        return [b""]


def _refuse(start_response, message: str):
    body = (message or "Yêu cầu không hợp lệ.").encode("utf-8")
    start_response(
        "400 Bad Request",
        [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
        ],
    )
    return [body]
