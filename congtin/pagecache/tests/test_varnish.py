"""Varnish in front of the app, with deploy/varnish/congtin.vcl as a province runs it.

One real varnishd (Debian's `varnish`) per module, on loopback, in front of the live
server; requests go to it with the portals' Host headers. Without varnishd the tests
skip, except under CI=true.

Varnish keeps only what the app marks for shared caches: congtin.pagecache's
middleware marks public pages, so these tests turn the page cache on.
"""

import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.http import HttpResponse
from django.urls import path

from congtin import urls as project_urls
from congtin.conftest import require

pytestmark = [
    # The live server answers from another thread: the data must be committed.
    # Serialized rollback puts back what the migrations created (the root page).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VCL = Path(django_settings.BASE_DIR) / "deploy" / "varnish" / "congtin.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
VARNISHADM = shutil.which("varnishadm") or "/usr/bin/varnishadm"
CITY, DISTRICT = "localhost", "lechan.localhost"
# What congtin.pagecache's middleware puts on a page any reader may be served.
SHARED_PAGE = "public, max-age=0, s-maxage=600, stale-while-revalidate=30"


# --- Pages that only these tests serve ---------------------------------------------


def _shared_with_cookie(request):
    response = HttpResponse("Trang đặt cookie")
    response["Cache-Control"] = SHARED_PAGE
    response.set_cookie("ghi-nho", "1")
    return response


def _unmarked(request):
    return HttpResponse("Không nói gì về bộ nhớ đệm", content_type="text/plain")


urlpatterns = [
    path("thu-varnish/dat-cookie/", _shared_with_cookie),
    path("thu-varnish/khong-danh-dau/", _unmarked),
    *project_urls.urlpatterns,
]
handler404 = project_urls.handler404
handler500 = project_urls.handler500


# --- varnishd ---------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str

    @property
    def cache(self) -> str | None:
        return self.headers.get("X-Cache")


@dataclass
class Varnish:
    port: int
    workdir: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def request(self, method, url, host=CITY, headers=None, source="127.0.0.1"):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=15, source_address=(source, 0)
        )
        try:
            connection.request(method, url, headers={"Host": host, **(headers or {})})
            response = connection.getresponse()
            return Answer(
                response.status,
                response.headers,
                response.read().decode("utf-8", "replace"),
            )
        finally:
            connection.close()

    def get(self, url, host=CITY, headers=None) -> Answer:
        return self.request("GET", url, host, headers)

    def forget_everything(self) -> None:
        subprocess.run(
            [VARNISHADM, "-n", str(self.workdir), "ban", "obj.status", "!=", "0"],
            check=True,
            capture_output=True,
            timeout=10,
        )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _vcl_in_front_of(host: str, port: int) -> str:
    """The deployed VCL with its one app server at the live server's address.

    Without the health probe: the live server shares the tests' one SQLite
    connection, and a probe arriving while a test puts the demo back would find the
    tables locked, fail, and mark the server down."""
    vcl, count = re.subn(
        r'^(backend app1 \{\s*\.host = )"[^"]*";(\s*\.port = )"[^"]*";'
        r"\s*\.probe = app_alive;",
        rf'\1"{host}";\2"{port}";',
        VCL.read_text(encoding="utf-8"),
        flags=re.M,
    )
    assert count == 1, "deploy/varnish/congtin.vcl no longer declares backend app1"
    return vcl


@pytest.fixture(scope="module")
def varnishd(live_server, tmp_path_factory):
    """Debian's varnishd, started once for the module in front of the live server."""
    require(os.access(VARNISHD, os.X_OK), "varnishd (Debian's varnish)")
    workdir = tmp_path_factory.mktemp("varnish")
    vcl = workdir / "congtin.vcl"
    vcl.write_text(
        _vcl_in_front_of(live_server.thread.host, live_server.thread.port),
        encoding="utf-8",
    )
    port = _free_port()
    log = (workdir / "varnishd.log").open("w")
    process = subprocess.Popen(
        [
            VARNISHD,
            "-F",  # in the foreground: this fixture owns the process
            "-j",
            "none",  # no privilege drop: the workdir is the test's own
            "-n",
            str(workdir / "instance"),
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(vcl),
            "-s",
            "malloc,32m",
            # Few threads: starts in a fraction of a second and idles cheaply.
            "-p",
            "thread_pools=1",
            "-p",
            "thread_pool_min=5",
            "-p",
            "thread_pool_max=50",
            # The probe, taken out above, is still declared.
            "-p",
            "vcc_err_unref=off",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail(
                    "varnishd stopped: " + (workdir / "varnishd.log").read_text()
                )
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("varnishd did not listen within 30 s")
                time.sleep(0.05)
        yield Varnish(port, workdir / "instance")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def varnish(varnishd, demo, settings):
    """An empty Varnish in front of the demo, which these tests' URLconf serves, with
    the page cache on: its middleware marks public pages for shared caches."""
    settings.ROOT_URLCONF = __name__
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_EXCLUDED_PREFIXES = (
        *settings.PAGE_CACHE_EXCLUDED_PREFIXES,
        "/thu-varnish/khong-danh-dau/",
    )
    varnishd.forget_everything()
    return varnishd


def _kept(varnish, url, host=CITY) -> Answer:
    """Fetch ``url`` twice; the second answer, which came from Varnish."""
    first = varnish.get(url, host)
    assert first.status == 200, first.text[:500]
    second = varnish.get(url, host)
    assert second.cache == "HIT", (url, host, dict(second.headers))
    return second


# --- What Varnish keeps and what it passes ----------------------------------------


def test_a_readers_second_request_is_served_by_varnish(varnish, demo):
    first = varnish.get(demo["url"])
    assert first.status == 200
    assert first.cache == "MISS"
    assert demo["seed"].title in first.text
    second = varnish.get(demo["url"])
    assert second.cache == "HIT"
    assert second.text == first.text
    assert "Age" in second.headers
    # The headers the ban lurker reads stay inside Varnish.
    assert "x-url" not in second.headers and "x-host" not in second.headers
    # The app's security headers are kept with the page and sent with each hit.
    for name in ("Content-Security-Policy", "Permissions-Policy"):
        assert second.headers[name] == first.headers[name]
    assert "script-src 'self'" in second.headers["Content-Security-Policy"]

    # Cookies other than the session's, and the reader's languages, choose nothing.
    other = varnish.get(
        demo["url"],
        headers={"Cookie": "csrftoken=abc; _ga=1", "Accept-Language": "en-US,en"},
    )
    assert other.cache == "HIT"
    assert other.text == first.text


def test_editors_and_unmarked_answers_go_to_the_app(varnish, demo):
    _kept(varnish, demo["url"])
    editor = {"Cookie": "csrftoken=abc; sessionid=not-a-session"}
    flash = {"Cookie": "messages=waiting"}
    for headers in (editor, editor, flash, {"Authorization": "Basic YTpi"}):
        answer = varnish.get(demo["url"], headers=headers)
        assert answer.status == 200
        assert answer.cache == "MISS"
    for _ in range(2):
        assert varnish.request("POST", "/tim-kiem/").cache == "MISS"

    # An answer that sets a cookie is never kept, whatever its Cache-Control says.
    for _ in range(2):
        answer = varnish.get("/thu-varnish/dat-cookie/")
        assert answer.cache == "MISS"
        assert "ghi-nho=1" in answer.headers["Set-Cookie"]
    # Nor one the app did not mark as shared.
    for _ in range(2):
        answer = varnish.get("/thu-varnish/khong-danh-dau/")
        assert answer.status == 200
        assert "Cache-Control" not in answer.headers
        assert answer.cache == "MISS"


# --- Purges -----------------------------------------------------------------------


def test_a_purge_of_one_url_empties_it_for_that_host(varnish, demo):
    _kept(varnish, demo["url"])
    _kept(varnish, "/")
    _kept(varnish, "/", DISTRICT)

    purged = varnish.request("PURGE", demo["url"])
    assert purged.status == 200

    assert varnish.get(demo["url"]).cache == "MISS"
    assert varnish.get("/").cache == "HIT"
    assert varnish.get("/", DISTRICT).cache == "HIT"


def test_a_purge_of_a_hosts_prefix_bans_that_portal_only(varnish, demo, settings):
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    for url, host in ((demo["url"], CITY), ("/", CITY), ("/", DISTRICT)):
        _kept(varnish, url, host)

    # A prefix: what lies under it on that host, whatever the port in the Host.
    section = demo["url"].rstrip("/").rsplit("/", 1)[0] + "/"
    assert varnish.request("PURGE", section + "*", host=f"{CITY}:8000").status == 200
    assert varnish.get(demo["url"]).cache == "MISS"
    assert varnish.get("/").cache == "HIT"
    _kept(varnish, demo["url"])

    # What the purge hub asks for when a portal changes, through Wagtail's backend
    # (the task runs at once under the test settings).
    purge_urls_from_cache(
        [f"http://{CITY}/*"],
        backend_settings={
            "varnish": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": varnish.url,
            }
        },
    )
    assert varnish.get(demo["url"]).cache == "MISS"
    assert varnish.get("/").cache == "MISS"
    assert varnish.get("/", DISTRICT).cache == "HIT"


def test_only_purgers_may_purge_and_other_methods_are_refused(varnish, demo):
    _kept(varnish, "/")
    # 127.0.0.2 is this machine too, but not in the purgers ACL.
    refused = varnish.request("PURGE", "/", source="127.0.0.2")
    assert refused.status == 403
    refused = varnish.request("PURGE", "/*", source="127.0.0.2")
    assert refused.status == 403
    assert varnish.get("/").cache == "HIT"
    for method in ("BAN", "TRACE", "CONNECT"):
        assert varnish.request(method, "/").status == 405
    assert varnish.get("/").cache == "HIT"


# --- From a publish to what readers see -------------------------------------------


def test_a_publish_reaches_readers_through_varnish(varnish, demo, settings):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": varnish.url,
        }
    }
    article = demo["article"]
    before = _kept(varnish, demo["url"])
    assert demo["seed"].title in before.text
    # The home page lists the article: the publish must reach it too.
    assert demo["seed"].title in _kept(varnish, "/").text

    article.title = "Quận Lê Chân công bố kết quả chuyển đổi số năm 2021"
    revision = article.save_revision()
    revision.publish()

    after = varnish.get(demo["url"])
    assert after.status == 200
    assert after.cache == "MISS"
    assert "Quận Lê Chân công bố kết quả chuyển đổi số năm 2021" in after.text
    assert demo["seed"].title not in after.text
    assert varnish.get(demo["url"]).cache == "HIT"
    home = varnish.get("/")
    assert home.cache == "MISS"
    assert "Quận Lê Chân công bố kết quả chuyển đổi số năm 2021" in home.text
