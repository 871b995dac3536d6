"""`make run`'s settings (congtin.settings.demo_server): production's, with the demo's
defaults, served by the production server as `make run` starts it."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection

from congtin.settings import base

ROOT = Path(base.BASE_DIR)
# Set by the environment in production; the demo fills them in when they are missing.
DEMO_ENV = [
    "SECRET_KEY",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "SECURE_COOKIES",
    "EMAIL_DELIVERY_BACKEND",
    "WAGTAILADMIN_BASE_URL",
]
# The only settings in which the demo differs from production given that environment.
DIFFERENT_BY_DESIGN = {"INSTALLED_APPS", "SERVE_MEDIA"}

# Compares the two modules in a process of its own: production.py changes dicts it
# shares with base.py, which the test settings share too.
PROBE = """
import json, sys
from django.core.exceptions import ImproperlyConfigured
try:
    import congtin.settings.demo_server as demo
except ImproperlyConfigured as exc:
    print(json.dumps({"refused": str(exc)}))
    sys.exit()
production = sys.modules["congtin.settings.production"]
names = {n for m in (demo, production) for n in dir(m) if n.isupper() and n[0] != "_"}
print(json.dumps({
    "different": sorted(
        n for n in names if getattr(demo, n, None) != getattr(production, n, None)
    ),
    "demo_apps": [a for a in demo.INSTALLED_APPS if a not in production.INSTALLED_APPS],
    "debug": demo.DEBUG,
    "serve_media": demo.SERVE_MEDIA,
    "production_serves_media": production.SERVE_MEDIA,
    "secret_key": demo.SECRET_KEY,
    "cookies_secure": [demo.SESSION_COOKIE_SECURE, demo.CSRF_COOKIE_SECURE],
    "hosts": demo.ALLOWED_HOSTS,
    "database": demo.DATABASES["default"]["NAME"],
    "static_storage": demo.STORAGES["staticfiles"]["BACKEND"],
}))
"""


def probe(**env_extra):
    env = {k: v for k, v in os.environ.items() if k not in DEMO_ENV}
    env.pop("DEBUG", None)
    env.pop("CLIENT_IP_PROXY_COUNT", None)
    env.update(PYTHONPATH=str(ROOT), **env_extra)
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_demo_settings_are_production_settings_with_the_demo_defaults():
    first = probe()
    assert first["different"] == sorted(DIFFERENT_BY_DESIGN)
    assert first["demo_apps"] == ["congtin.demo"]
    assert first["debug"] is False
    assert first["serve_media"] is True
    assert first["production_serves_media"] is False
    assert first["static_storage"].startswith("whitenoise.")
    # Plain HTTP on loopback: the admin login works without Secure cookies.
    assert first["cookies_secure"] == [False, False]
    assert first["hosts"] == ["localhost", ".localhost", "127.0.0.1"]
    assert first["database"] == str(ROOT / "db.sqlite3")
    # The key is made once, kept out of others' reach, and read back next time.
    key_file = ROOT / "var" / "secret_key"
    assert len(first["secret_key"]) >= 50
    assert key_file.read_text().strip() == first["secret_key"]
    assert key_file.stat().st_mode & 0o077 == 0
    assert probe()["secret_key"] == first["secret_key"]
    # What the environment says still wins, and production's own checks still run.
    assert probe(SECRET_KEY="k" * 50)["secret_key"] == "k" * 50
    refused = probe(CLIENT_IP_PROXY_COUNT="-1")
    assert "CLIENT_IP_PROXY_COUNT" in refused["refused"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(port, path, host="localhost"):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": host}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def demo_server(tmp_path, django_db_setup, django_db_blocker):
    """The server `make run` starts (one worker), on a copy of the test database."""
    tmp = tmp_path
    media = tmp / "media"
    (media / "images").mkdir(parents=True)
    (media / "images" / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n demo")
    (media / "documents").mkdir()
    (media / "documents" / "rieng.pdf").write_bytes(b"%PDF-1.4 private")
    # A manifest naming each static file as itself: the real storage and checks
    # without collectstatic's seconds of hashing and compressing.
    static = tmp / "static"
    static.mkdir()
    paths = {
        path: path
        for finder in finders.get_finders()
        for path, _ in finder.list(["CVS", ".*", "*~"])
    }
    (static / "staticfiles.json").write_text(
        json.dumps({"paths": paths, "version": "1.1"})
    )
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            # serialize() reads the pages once; the backup API waited forever when
            # another connection to the shared in-memory database held a lock.
            (tmp / "db.sqlite3").write_bytes(connection.connection.serialize())
            database_url = f"sqlite:///{tmp / 'db.sqlite3'}"
        else:
            db = connection.settings_dict
            database_url = (
                f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:"
                f"{db['PORT'] or 5432}/{db['NAME']}"
            )
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="congtin.settings.demo_server",
        PYTHONPATH=str(ROOT),
        SECRET_KEY="demo-server-test-" + "x" * 40,
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media),
        STATIC_ROOT=str(static),
        SHARED_CACHE_DIR=str(tmp / "cache"),
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "congtin.serve",
            "--port",
            str(port),
            "--workers",
            "1",
            "--blocking-threads",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.communicate()[0].decode()
            try:
                if http_get(port, "/robots.txt")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the demo server did not answer"
            time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serves_the_404_page_and_media_as_production_behind_nginx(demo_server):
    # One server start for both (each costs a Django start-up).
    status, body = http_get(demo_server, "/khong-co-trang-nay/")
    text = body.decode()
    assert status == 404
    assert "Không tìm thấy trang" in text
    assert "URLconf" not in text and "DEBUG = True" not in text

    assert http_get(demo_server, "/media/images/anh.png") == (
        200,
        b"\x89PNG\r\n\x1a\n demo",
    )
    # Documents go through /documents/, which checks privacy.
    assert http_get(demo_server, "/media/documents/rieng.pdf")[0] == 404
    assert http_get(demo_server, "/media/../db.sqlite3")[0] in {400, 404}
    assert http_get(demo_server, "/media/images/")[0] == 404


@pytest.mark.django_db
def test_media_is_not_served_without_the_setting(client, settings):
    # The test settings are production's in this (SERVE_MEDIA and DEBUG off).
    assert not settings.SERVE_MEDIA and not settings.DEBUG
    path = Path(settings.MEDIA_ROOT) / "images" / "anh.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert client.get("/media/images/anh.png").status_code == 404
