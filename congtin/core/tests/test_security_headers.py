"""Content-Security-Policy, Permissions-Policy and HSTS on what the portal sends:
public pages rendered and from the page cache (both doors), the admin, the error
page, production's settings from the environment and `check --deploy`."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory, override_settings

from congtin.core.security_headers import inline_hash
from congtin.core.tests.factories import SiteFactory
from congtin.pagecache import store
from congtin.pagecache.wsgi import PageCacheApplication
from congtin.portals.tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[3]
HOST = "baomat.localhost"
PUBLIC_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'sha256-Qs29kIMaVepqJXII7ZUmKzz4nEBc4nAYFlV2LQBxnfc='"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


@pytest.fixture
def portal(db):
    return SiteFactory(hostname=HOST)


@pytest.fixture
def page_cache():
    store.shared_cache().clear()
    with override_settings(PAGE_CACHE_SECONDS=600, PAGE_CACHE_LOCAL_BYTES=0):
        yield


def through_door(path):
    """The page through the WSGI door production puts in front of Django."""
    started = []
    request = RequestFactory().get(path, HTTP_HOST=HOST)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        door = PageCacheApplication(WSGIHandler())
        b"".join(door(request.environ, lambda *args: started.append(args)))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return dict(started[-1][1])


def test_public_page_carries_the_headers_fresh_and_from_the_cache(
    portal, client, page_cache
):
    fresh = client.get("/", HTTP_HOST=HOST)
    assert fresh.status_code == 200
    assert fresh["X-Page-Cache"] == "miss"
    assert directives(fresh["Content-Security-Policy"]) == PUBLIC_CSP
    assert "Content-Security-Policy-Report-Only" not in fresh
    permissions = fresh["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions
    # The middleware's own hit, and the WSGI door's (no middleware runs there).
    hit = client.get("/", HTTP_HOST=HOST)
    assert hit["X-Page-Cache"] == "hit"
    door = through_door("/")
    assert door["X-Page-Cache"] == "hit"
    for response in (hit, door):
        assert response["Content-Security-Policy"] == fresh["Content-Security-Policy"]
        assert response["Permissions-Policy"] == permissions
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"


def test_report_only_mode_sends_the_same_policy_under_the_other_header(portal, client):
    policy = settings.CONTENT_SECURITY_POLICY
    with override_settings(
        CONTENT_SECURITY_POLICY=None, CONTENT_SECURITY_POLICY_REPORT_ONLY=policy
    ):
        response = client.get("/", HTTP_HOST=HOST)
    assert "Content-Security-Policy" not in response
    assert directives(response["Content-Security-Policy-Report-Only"]) == PUBLIC_CSP


def test_admin_pages_get_the_admin_policy(portal, client):
    client.force_login(UserFactory(is_superuser=True))
    for path in ("/admin/", f"/admin/pages/{portal.root_page_id}/edit/"):
        response = client.get(path, HTTP_HOST=HOST)
        assert response.status_code == 200, path
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["img-src"] == ["'self'", "data:", "blob:"]
        # What the admin does not need stays as strict as on public pages.
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert policy["form-action"] == ["'self'"]
    login = client.get("/django-admin/login/", HTTP_HOST=HOST)
    assert (
        "'unsafe-inline'" in directives(login["Content-Security-Policy"])["script-src"]
    )


def test_public_templates_have_no_inline_script_or_handler():
    """Under the public policy an inline script or on*= handler would not run."""
    folders = [ROOT / "templates", *ROOT.glob("congtin/*/templates")]
    offenders = []
    for folder in folders:
        for path in folder.rglob("*.html"):
            relative = path.relative_to(ROOT).as_posix()
            if "/wagtailadmin/" in relative or "/admin/" in relative:
                continue  # the admin's own policy allows them
            text = path.read_text(encoding="utf-8")
            for tag in re.findall(r"<script\b[^>]*>", text):
                if "src=" not in tag and "application/json" not in tag:
                    offenders.append(f"{relative}: {tag}")
            for handler in re.findall(r"<[^>]*\son[a-z]+\s*=", text):
                offenders.append(f"{relative}: {handler}")
            for style in re.findall(r"<style\b", text):
                if relative != "templates/500.html":
                    offenders.append(f"{relative}: {style}")
    assert offenders == []


def test_error_pages_inline_style_is_the_hashed_one():
    """templates/500.html and Varnish's own error page keep one inline style, allowed
    by its hash: a change to either text must change the hash with it."""
    page = (ROOT / "templates" / "500.html").read_text(encoding="utf-8")
    vcl = (ROOT / "deploy" / "varnish" / "congtin.vcl").read_text(encoding="utf-8")
    (style,) = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert re.findall(r"<style>(.*?)</style>", vcl, re.S) == [style]
    source = inline_hash(style)
    assert source in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    assert f"style-src {source}" in vcl


# --- Production settings from the environment -----------------------------------

BASE_ENV = {
    "SECRET_KEY": "x" * 50,
    "DATABASE_URL": "postgres://portal:pw@db.internal:5432/congtin",
}


def production(env_extra, code):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "CSP_", "MEDIA_", "AWS_", "REDIS_"))
    }
    env["DJANGO_SETTINGS_MODULE"] = "congtin.settings.production"
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, *code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


SETTINGS_PROBE = (
    "import json; from congtin.settings import production as s; "
    "print(json.dumps([s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
    "s.SECURE_HSTS_PRELOAD, s.SECURE_SSL_REDIRECT, s.CONTENT_SECURITY_POLICY, "
    "s.CONTENT_SECURITY_POLICY_REPORT_ONLY, s.CSP_ADMIN_DIRECTIVES['img-src']]))"
)


def read_production(**env):
    import json

    result = production({**BASE_ENV, **env}, ["-c", SETTINGS_PROBE])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_reads_hsts_and_the_policy_mode_from_the_environment():
    hsts, subdomains, preload, redirect, enforced, report_only, admin_img = (
        read_production()
    )
    assert (hsts, subdomains, preload, redirect) == (31536000, False, False, False)
    assert report_only is None
    assert "report-uri" not in enforced["DIRECTIVES"]
    assert admin_img == ["'self'", "data:", "blob:"]

    hsts, subdomains, preload, redirect, enforced, report_only, admin_img = (
        read_production(
            SECURE_HSTS_SECONDS="300",
            SECURE_HSTS_INCLUDE_SUBDOMAINS="true",
            SECURE_HSTS_PRELOAD="1",
            SECURE_SSL_REDIRECT="yes",
            CSP_REPORT_ONLY="true",
            CSP_REPORT_URI="https://haiphong.gov.vn/csp-reports/",
            MEDIA_STORAGE="s3",
            AWS_STORAGE_BUCKET_NAME="congtin-media",
            AWS_S3_CUSTOM_DOMAIN="media.haiphong.gov.vn",
        )
    )
    assert (hsts, subdomains, preload, redirect) == (300, True, True, True)
    assert enforced is None
    policy = report_only["DIRECTIVES"]
    assert policy["report-uri"] == ["https://haiphong.gov.vn/csp-reports/"]
    assert policy["img-src"] == ["'self'", "data:", "https://media.haiphong.gov.vn"]
    assert admin_img == ["'self'", "data:", "blob:", "https://media.haiphong.gov.vn"]

    result = production(
        {**BASE_ENV, "SECURE_HSTS_SECONDS": "1 year"}, ["-c", SETTINGS_PROBE]
    )
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS must be a whole number" in result.stderr


def documented_env() -> dict[str, str]:
    """The example /etc/congtin/env of docs/deployment.md, as written there."""
    text = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    block = text.split("Example `/etc/congtin/env`", 1)[1].split("```sh\n", 1)[1]
    block = block.split("```", 1)[0]
    env = {}
    for line in block.splitlines():
        if line.strip() and not line.startswith("#"):
            name, value = line.split("=", 1)
            env[name] = value
    return env


def test_check_deploy_is_clean_with_the_documented_environment(tmp_path):
    env = documented_env()
    assert env["DJANGO_SETTINGS_MODULE"] == "congtin.settings.production"
    assert env["SECURE_SSL_REDIRECT"] == "true"
    # The example's key is a placeholder to replace with a generated one, as the
    # table says; the places are on this machine instead of the server's.
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        MEDIA_ROOT=str(tmp_path / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private_media"),
        SHARED_CACHE_DIR=str(tmp_path / "cache"),
    )
    result = production(
        env, ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_a_response_with_its_own_policy_keeps_it(rf):
    """Citizens' attachments are sent with a sandbox policy of their own
    (public_forms.private_file_response): the portal's must not replace it."""
    from django.http import HttpResponse

    from congtin.core.security_headers import PortalCSPMiddleware

    def attachment(request):
        response = HttpResponse(b"%PDF-1.4")
        response["Content-Security-Policy"] = "sandbox; default-src 'none'"
        return response

    for path in ("/hoi-dap/tep/1/", "/admin/hoi-dap/tep/1/"):
        response = PortalCSPMiddleware(attachment)(rf.get(path))
        assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
