"""Production settings, read from the environment.

Required: SECRET_KEY, ALLOWED_HOSTS (comma-separated), DATABASE_URL.
Optional: REDIS_URL (shared cache), MEDIA_STORAGE=s3 with AWS_* variables,
mail settings EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD,
EMAIL_USE_TLS, EMAIL_USE_SSL, EMAIL_TIMEOUT (seconds, default 10),
EMAIL_DELIVERY_BACKEND, DEFAULT_FROM_EMAIL; PRIVATE_MEDIA_ROOT; BACKUP_DIR (where
`manage.py backup` writes); CLIENT_IP_PROXY_COUNT or CLIENT_IP_HEADER behind a proxy
(docs/deployment.md, "nginx"); FRONTEND_CACHE_URLS (comma-separated Varnish addresses
to purge, docs/deployment.md, "Edge cache"); SECURE_HSTS_SECONDS,
SECURE_HSTS_INCLUDE_SUBDOMAINS, SECURE_HSTS_PRELOAD, SECURE_SSL_REDIRECT,
CSP_REPORT_ONLY, CSP_REPORT_URI (docs/security.md).
"""

import os
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from . import base as _base
from .base import *  # noqa: F401,F403
from .base import BASE_DIR, CACHES


def env_list(name, default=""):
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


def env_whole(name, default, what, zero_means):
    """A whole number >= 0 from the environment, else refuse to start."""
    raw = os.environ.get(name)
    try:
        number = int(raw or default)
    except ValueError:
        number = -1
    if number < 0:
        raise ImproperlyConfigured(
            f"{name} must be a whole number of {what}, 0 {zero_means} (got {raw!r})."
        )
    return number


def env_seconds(name, default, zero_means):
    return env_whole(name, default, "seconds", zero_means)


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set: production refuses to start without a secret key."
    )

DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured(
        "DATABASE_URL is not set: production refuses to start on a database it was "
        "not given (postgres://user:password@host:5432/name)."
    )
DATABASES = {
    "default": dj_database_url.config(
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = dict(_base.SQLITE_OPTIONS)
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"])
    DATABASE_ROUTERS = ["congtin.core.db_routers.ReplicaRouter"]
    # Seconds after a change during which anonymous pages are read from the
    # primary: above the replica's usual replay lag.
    REPLICA_LAG_SECONDS = int(os.environ.get("REPLICA_LAG_SECONDS") or 5)
    MIDDLEWARE = ["congtin.core.db_routers.PublicReadsMiddleware", *MIDDLEWARE]  # noqa: F405

if os.environ.get("REDIS_URL"):
    _redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
    }
    CACHES = {
        "default": {**_redis, "KEY_PREFIX": "congtin"},
        "renditions": {**_redis, "KEY_PREFIX": "congtin-renditions"},
    }
    CACHES["shared"] = {**_redis, "KEY_PREFIX": "congtin-shared"}
    # Each process's own copies of entries whose keys carry a version (page parts,
    # cached chrome): they can never be stale, and each spares a round trip to
    # Redis (congtin/versioned_cache.py; Django's fragment cache tag reads
    # "template_fragments").
    CACHES["local"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "local",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
    CACHES["template_fragments"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "template-fragments",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 1000},
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # One machine without Redis: its processes (app server workers, the scheduler,
    # the task worker) share cached pages and versions through files.
    CACHES["shared"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("SHARED_CACHE_DIR")
        or str(BASE_DIR / "var" / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }

PAGE_CACHE_SECONDS = env_seconds(
    "PAGE_CACHE_SECONDS", 600, zero_means="to turn the page cache off"
)

# Requests per client address per API_RATE_WINDOW on /api/v1/ (docs/api.md).
API_RATE_LIMIT = env_whole(
    "API_RATE_LIMIT", _base.API_RATE_LIMIT, "requests", "to turn the limit off"
)

# Edge caches in front of the app servers (deploy/varnish/congtin.vcl): the task
# worker sends each of them Wagtail's purges (docs/deployment.md, "Edge cache").
_frontend_caches = env_list("FRONTEND_CACHE_URLS")
for _url in _frontend_caches:
    _parts = urlsplit(_url)
    if _parts.scheme not in {"http", "https"} or not _parts.hostname:
        raise ImproperlyConfigured(
            "FRONTEND_CACHE_URLS takes comma-separated cache addresses such as "
            f"http://10.0.0.5:6081 (got {_url!r})."
        )
if _frontend_caches:
    WAGTAILFRONTENDCACHE = {
        f"cache{number}": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": url,
        }
        for number, url in enumerate(_frontend_caches, start=1)
    }

if os.environ.get("MEDIA_STORAGE") == "s3":
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL"),
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN"),
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
if os.environ.get("MEDIA_ROOT"):
    MEDIA_ROOT = os.environ["MEDIA_ROOT"]
# Citizens' attachments and legal documents' files: outside MEDIA_ROOT, served only
# by the app after a permission check; shared by every app server.
if os.environ.get("PRIVATE_MEDIA_ROOT"):
    PRIVATE_MEDIA_ROOT = os.environ["PRIVATE_MEDIA_ROOT"]
if os.environ.get("BACKUP_DIR"):
    BACKUP_DIR = os.environ["BACKUP_DIR"]
if os.environ.get("STATIC_ROOT"):
    STATIC_ROOT = os.environ["STATIC_ROOT"]  # noqa: E701

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# EMAIL_BACKEND stays the queue (base.py) so no mail is sent inside a request; an
# older env file's EMAIL_BACKEND names the backend the worker delivers with.
EMAIL_DELIVERY_BACKEND = (
    os.environ.get("EMAIL_DELIVERY_BACKEND")
    or os.environ.get("EMAIL_BACKEND")
    or "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost")

# nginx terminates TLS and overwrites this header (docs/deployment.md, "nginx"):
# requests that came over HTTPS are secure ones to Django (HSTS, secure redirects).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HTTPS only (docs/security.md). Django sends HSTS on secure requests only, so a
# plain-HTTP trial is not locked out by the default. nginx redirects plain HTTP
# before the app sees it; SECURE_SSL_REDIRECT makes the app refuse it too, except
# for the health probes of Varnish, which come over HTTP.
SECURE_HSTS_SECONDS = env_seconds(
    "SECURE_HSTS_SECONDS", 31536000, zero_means="to send no HSTS"
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
SECURE_REDIRECT_EXEMPT = [r"^robots\.txt$"]

# Content-Security-Policy (base.py, docs/security.md): media on another host is
# allowed where images are; CSP_REPORT_ONLY=true sends the policy as
# Content-Security-Policy-Report-Only (the roll-out), CSP_REPORT_URI collects the
# browsers' reports of what it blocked or would have blocked.
_media_origin = ""
if os.environ.get("MEDIA_STORAGE") == "s3":
    if os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
        _media_origin = "https://" + os.environ["AWS_S3_CUSTOM_DOMAIN"].strip("/")
    elif os.environ.get("AWS_S3_ENDPOINT_URL"):
        _endpoint = urlsplit(os.environ["AWS_S3_ENDPOINT_URL"])
        _media_origin = f"{_endpoint.scheme}://{_endpoint.netloc}"
    else:
        _media_origin = "https://*.amazonaws.com"
_csp_directives = dict((_base.CONTENT_SECURITY_POLICY or {})["DIRECTIVES"])
CSP_ADMIN_DIRECTIVES = dict(CSP_ADMIN_DIRECTIVES)  # noqa: F405
if _media_origin:
    for _directives in (_csp_directives, CSP_ADMIN_DIRECTIVES):
        for _name in ("img-src", "media-src"):
            _directives[_name] = [*_directives.get(_name, ["'self'"]), _media_origin]
if os.environ.get("CSP_REPORT_URI", "").strip():
    _csp_directives["report-uri"] = [os.environ["CSP_REPORT_URI"].strip()]
if env_bool("CSP_REPORT_ONLY"):
    CONTENT_SECURITY_POLICY = None
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _csp_directives}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": _csp_directives}
    CONTENT_SECURITY_POLICY_REPORT_ONLY = None

# Which address rate limits count per citizen (congtin.core.public_forms.client_ip):
# the number of proxies in front that append to X-Forwarded-For (1 for the nginx
# of docs/deployment.md), or a header the proxy overwrites, such as X-Real-IP.
# 0 and empty: REMOTE_ADDR, right only when clients connect to the app server directly.
try:
    CLIENT_IP_PROXY_COUNT = int(os.environ.get("CLIENT_IP_PROXY_COUNT") or 0)
except ValueError:
    CLIENT_IP_PROXY_COUNT = -1
if CLIENT_IP_PROXY_COUNT < 0:
    raise ImproperlyConfigured(
        "CLIENT_IP_PROXY_COUNT must be a whole number of proxies, 0 or more "
        f"(got {os.environ.get('CLIENT_IP_PROXY_COUNT')!r})."
    )
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "").strip()
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
