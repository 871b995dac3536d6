"""Fetching: public http(s) addresses only, sizes and redirects checked. The
server here listens on the loopback address, which only the setting allows."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from congtin.portal_import.fetch import Fetcher, FetchError, check_url, resolve


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.gov.vn/a",
        "gopher://example.gov.vn/",
        "http:///nohost",
        "http://user:pass@example.gov.vn/",
    ],
)
def test_only_plain_http_addresses(url):
    with pytest.raises(FetchError):
        check_url(url)


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "localhost",
        "10.1.2.3",
        "192.168.1.1",
        "169.254.169.254",
        "::1",
        "0.0.0.0",
        "::ffff:127.0.0.1",
        "100.64.0.1",
    ],
)
def test_private_addresses_are_refused(host, settings):
    settings.PORTAL_IMPORT_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(FetchError, match="địa chỉ nội bộ"):
        resolve(host, 80)


def test_public_address_is_allowed(settings):
    settings.PORTAL_IMPORT_ALLOW_PRIVATE_ADDRESSES = False
    assert resolve("203.162.4.191", 443) == "203.162.4.191"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/big":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"x" * 5000)
        elif self.path == "/to-private":
            self.send_response(302)
            self.send_header("Location", "http://10.0.0.1/secret")
            self.end_headers()
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/page")
            self.end_headers()
        elif self.path == "/page":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write("<p>Trang cũ</p>".encode())
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_loopback_refused_by_default(server, settings):
    settings.PORTAL_IMPORT_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(FetchError, match="địa chỉ nội bộ"):
        Fetcher(timeout=5).get(server + "/page", 1000)


def test_fetch_follows_redirects_within_limits(server, settings):
    settings.PORTAL_IMPORT_ALLOW_PRIVATE_ADDRESSES = True
    fetched = Fetcher(timeout=5).get(server + "/moved", 1000)
    assert fetched.url == server + "/page"
    assert fetched.content.decode() == "<p>Trang cũ</p>"
    assert fetched.content_type == "text/html"
    with pytest.raises(FetchError, match="lớn quá"):
        Fetcher(timeout=5).get(server + "/big", 1000)
    with pytest.raises(FetchError, match="404"):
        Fetcher(timeout=5).get(server + "/missing", 1000)


def test_redirect_to_private_address_is_refused(server, settings, monkeypatch):
    # The loopback server is allowed only for the first hop, to reach a redirect;
    # its target is checked again, with private addresses refused.
    import congtin.portal_import.fetch as fetch_module

    settings.PORTAL_IMPORT_ALLOW_PRIVATE_ADDRESSES = True
    real_resolve = fetch_module.resolve
    hosts = []

    def resolve(host, port):
        hosts.append(host)
        settings.PORTAL_IMPORT_ALLOW_PRIVATE_ADDRESSES = len(hosts) == 1
        return real_resolve(host, port)

    monkeypatch.setattr(fetch_module, "resolve", resolve)
    with pytest.raises(FetchError, match="10.0.0.1"):
        Fetcher(timeout=5).get(server + "/to-private", 1000)
    assert hosts == ["127.0.0.1", "10.0.0.1"]
