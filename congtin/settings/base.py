"""Settings shared by every environment. Each other module starts from these."""

import os
import sys
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "congtin.portals",
    "congtin.pagecache",
    "congtin.core",
    "congtin.news",
    "congtin.editorial",
    "congtin.search",
    "congtin.targets",
    "congtin.questions",
    "congtin.schedule",
    "congtin.agency",
    "congtin.consultations",
    "congtin.reader_comments",
    "congtin.documents",
    "congtin.press",
    "congtin.polls",
    "congtin.media_library",
    "congtin.dialogues",
    "congtin.contact",
    "congtin.procedures",
    "congtin.opendata",
    "congtin.programmes",
    "congtin.backups",
    "congtin.disclosure",
    "congtin.visits",
    "congtin.banners",
    "congtin.api",
    "congtin.portal_import",
    # Before wagtail.admin: its templates override the admin's branding blocks.
    "congtin.workspace",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    # Purges edge caches (Varnish, a CDN) named by WAGTAILFRONTENDCACHE
    # (production.py, FRONTEND_CACHE_URLS); unset, its purge task does nothing.
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    # wagtail.users, with the user admin that stops escalation to superuser
    # (congtin/editorial/user_admin.py).
    "congtin.editorial.users_app.UsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    # Content-Security-Policy (congtin/core/security_headers.py): its system checks.
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: a cached page is answered before anything below runs (congtin/pagecache).
    "congtin.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Below the page cache: a stored page keeps these headers and every hit sends
    # them again (docs/security.md).
    "congtin.core.security_headers.PortalCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "congtin.core.chrome.SiteLookupMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "congtin.core.export_guard.CsvExportEscapeMiddleware",
    "congtin.editorial.middleware.WithdrawnPageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "congtin.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "congtin.core.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "congtin.wsgi.application"
CSRF_FAILURE_VIEW = "congtin.core.views.csrf_failure"

DATABASES: dict[str, Any] = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        "OPTIONS": {
            # Readers must not fail while the scheduler or an editor writes.
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            # Write-ahead log: readers never wait for a writer, and a commit is an
            # append without a sync to disk (synced at each checkpoint), 0.02 ms
            # instead of 22 ms on this project's machines. NORMAL stays consistent
            # after a crash; a power cut can lose the last commits since the
            # checkpoint (docs/deployment.md). Kept in the file once set.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        },
    }
}

#: The SQLite options production uses too (settings/production.py).
SQLITE_OPTIONS = DATABASES["default"]["OPTIONS"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Wagtail looks renditions up here before asking the database.
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "TIMEOUT": 24 * 3600,
    },
    # What every process must see alike: cached pages and the versions that make
    # cached parts stale. One process here; production.py shares it (Redis or files).
    "shared": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "shared",
    },
}

# Whole-page cache for anonymous readers (congtin/pagecache): seconds a page is kept
# (0: off, as in development and tests; production.py turns it on), seconds a shared
# cache may serve it stale while fetching it again, the largest body kept, and the
# paths never cached.
PAGE_CACHE_SECONDS = 0
PAGE_CACHE_STALE_SECONDS = 30
PAGE_CACHE_MAX_BYTES = 1_000_000
PAGE_CACHE_EXCLUDED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/static/",
    "/media/",
)
# Each app server process keeps the pages it served lately in its own memory, up to
# this many bytes of bodies, and trusts the version it read for this many seconds:
# a purge reaches every process within that delay (the promise is 1 s). 0 for
# either: every hit reads the shared cache.
PAGE_CACHE_LOCAL_BYTES = 4_000_000
PAGE_CACHE_VERSION_SECONDS = 0.2

# Background tasks: a queue in the database, worked by `manage.py db_worker` (make
# run starts one; docs/deployment.md). Mail and Wagtail's own tasks leave the request.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "mail"],
    }
}

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Interface words in Python (menus, labels) are Vietnamese msgids; their English
# lives here and is compiled by `make install` (*.mo files are not committed).
# Before them, the first of LOCALE_PATHS wins: the Vietnamese catalogue of the
# packages the admin is made of (Wagtail's covers a small part), kept in their own
# layout under locale/upstream/ so that each file can be offered back
# (scripts/upstream_catalogue.py, docs/translation.md).
LOCALE_PATHS = [
    BASE_DIR / "locale",
    *sorted(path.parent for path in (BASE_DIR / "locale" / "upstream").glob("**/vi")),
]
# Answer deadlines count working days: weekends and Vietnam's public holidays
# (from the `holidays` library, Tết and Giỗ Tổ Hùng Vương included) are skipped.
# The government sometimes swaps days (a weekday off, made up on a Saturday); list
# here those the library does not know yet, as "YYYY-MM-DD" strings:
# {"days_off": [...], "working_days": [...]} (congtin/core/vietnamese/working_days.py).
WORKING_DAY_CHANGES: dict[str, list[str]] = {"days_off": [], "working_days": []}

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT: Path | str = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT: Path | str = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "congtin"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@localhost")
# Every message is queued as a task (congtin/core/mail.py); the worker sends it with
# EMAIL_DELIVERY_BACKEND (declared with the project's settings at the end).
EMAIL_BACKEND = "congtin.core.mail.TaskEmailBackend"
# Wagtail falls back to DEFAULT_FROM_EMAIL when this is not set.
if os.environ.get("WAGTAILADMIN_NOTIFICATION_FROM_EMAIL"):
    WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = os.environ[
        "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL"
    ]
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Slugs are ASCII the way Vietnamese portals write them (see congtin/core/vietnamese/).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Pages may have translations (wagtail.contrib.simple_translation); Vietnamese
# URLs stay unprefixed and English pages live under /en/ (congtin/urls.py).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# HEIC is not among them, yet Willow (Wagtail's image library) loads pillow_heif's
# codecs into every process when it is installed (Wagtail requires Willow[heif]):
# about 5 MB of each web worker's memory. None in sys.modules makes that import
# fail, which Willow expects (Pillow itself reads AVIF). A deployment that adds
# "heic" above must remove this entry in its own settings, before Django starts.
sys.modules.setdefault("pillow_heif", None)  # type: ignore[arg-type]
# Wagtail's admin widgets write their values with strftime, so these take
# Python's %-codes (and must be in DATE_INPUT_FORMATS / DATETIME_INPUT_FORMATS).
# No avatar from gravatar.com: an intranet admin may not reach it, and each avatar
# would tell an outside server who works in the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor asks wagtail.org for new releases from the editors' browsers, nor shows its
# English "what's new" banner: the installation's IT department upgrades.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# The admin's login form names its password field (congtin/workspace/forms.py).
WAGTAILADMIN_USER_LOGIN_FORM = "congtin.workspace.forms.LoginForm"
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

# Response headers that tell browsers what a page may do (docs/security.md).
# Content-Security-Policy, written by django-csp: public pages are stored whole in
# shared caches and sent to every reader alike, so the policy names sources and
# hashes, never a per-request nonce. The one hash is the inline <style> of
# templates/500.html (and of Varnish's own error page), whose text must stay the
# same byte for byte (congtin/core/tests/test_security_headers.py checks it). The
# ALTCHA widget of the public forms solves its challenge in a worker made from a
# blob: URL. production.py adds the media host and a report address, and swaps the
# policy to report-only on request.
CONTENT_SECURITY_POLICY: dict[str, Any] | None = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": [
            "'self'",
            "'sha256-Qs29kIMaVepqJXII7ZUmKzz4nEBc4nAYFlV2LQBxnfc='",
        ],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # Wagtail's preview shows a page in a frame of the admin, same origin.
        "frame-ancestors": ["'self'"],
    }
}
CONTENT_SECURITY_POLICY_REPORT_ONLY: dict[str, Any] | None = None
# Permissions-Policy (django-permissions-policy): nothing on a portal uses the
# camera, microphone, location or the other sensors, nor takes payments; an
# injected script or a framed page gets none of them either.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    name: []
    for name in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
FORMAT_MODULE_PATH = ["congtin.formats"]

# Second factor for the admin (congtin/twofactor): django-otp's authenticator-app
# codes (TOTP) and recovery codes (static tokens), asked right after the password
# on /admin/ and /django-admin/ by a middleware behind the session's user.
INSTALLED_APPS += [
    "congtin.twofactor",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
INSTALLED_APPS[INSTALLED_APPS.index("django.contrib.admin")] = (
    "congtin.twofactor.admin_apps.AdminConfig"
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "congtin.twofactor.middleware.SecondFactorMiddleware",
)
# The name an authenticator app shows above the account's codes.
OTP_TOTP_ISSUER = "Cổng thông tin điện tử"

# --- The project's own settings -------------------------------------------------------
# Every setting congtin reads that Django and Wagtail do not define, with its default.
# docs/deployment.md ("Settings") has the same list for whoever deploys; a module that
# keeps its own copy of the defaults (core/public_forms.py, core/spreadsheets.py) is
# checked against this block by congtin/core/tests/test_settings.py.

# Mail: the worker delivers with this backend, gives up on a silent server after
# EMAIL_TIMEOUT seconds and tries again after each of EMAIL_RETRY_DELAYS (seconds).
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "10"))
EMAIL_RETRY_DELAYS = [60, 300, 1800, 7200, 21600]

# The app itself serves MEDIA_ROOT at MEDIA_URL, as nginx would (documents/ refused,
# van-ban/ left to the app): only for `make run` (settings/demo_server.py), where no
# web server is in front. A deployment lets nginx or object storage serve media.
SERVE_MEDIA = False

# Citizens' attachments and documents' files, served only after a permission check;
# None means BASE_DIR / "private_media". Never inside MEDIA_ROOT or STATIC_ROOT.
PRIVATE_MEDIA_ROOT: str | None = None

# Where `manage.py backup` writes its archive when no path is given
# (congtin/backups); None means BASE_DIR / "backups". The archives hold the
# private files and personal data: keep the directory as private as the database.
BACKUP_DIR: str | None = None

# Which address rate limits count per citizen (congtin.core.public_forms.client_ip):
# the number of proxies that append to X-Forwarded-For, or a header the proxy
# overwrites (X-Real-IP). 0 and "": REMOTE_ADDR.
CLIENT_IP_PROXY_COUNT = 0
CLIENT_IP_HEADER = ""

# Public forms (questions, consultations): rate limits per IP and per contact within
# a window of seconds, the proof-of-work challenge after a few submissions, and the
# attachments a citizen may send (congtin/core/public_forms.py, challenge.py).
PUBLIC_FORMS_IP_LIMIT = 10
PUBLIC_FORMS_CONTACT_LIMIT = 5
PUBLIC_FORMS_WINDOW = 3600
PUBLIC_FORMS_CHALLENGE_AFTER = 3
PUBLIC_FORMS_POW_COST = 5000
PUBLIC_FORMS_POW_ATTEMPTS = 300
PUBLIC_FORMS_CHALLENGE_WAIT = 20
PUBLIC_FORMS_CACHE = "default"
PUBLIC_FORMS_TRUST_X_FORWARDED_FOR = False
PUBLIC_FORMS_MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
PUBLIC_FORMS_MAX_ATTACHMENTS = 3
PUBLIC_FORMS_FAILED_LOOKUP_LIMIT = 20

# Polls (congtin/polls): votes one address may cast in one poll within a window
# of seconds. Generous, since an office or a school votes from one address; the
# signed cookie already allows one vote per browser.
POLLS_VOTES_PER_ADDRESS = 200
POLLS_VOTE_WINDOW = 3600

# Open data API (congtin/api, docs/api.md): requests per client address
# (client_ip) within a window of seconds that reach the application (the page
# cache answers repeated requests before they are counted); 0: no limit.
API_RATE_LIMIT = 300
API_RATE_WINDOW = 60

# Tabular import (congtin/core/spreadsheets.py): the most an uploaded CSV, XLSX or
# ZIP of files may hold before it is refused.
IMPORT_MAX_ROWS = 1000
IMPORT_MAX_COLUMNS = 50
IMPORT_MAX_CELL_CHARS = 10_000
IMPORT_MAX_TABLE_BYTES = 5 * 1024 * 1024
IMPORT_MAX_ARCHIVE_BYTES = 200 * 1024 * 1024
IMPORT_MAX_ARCHIVE_ENTRIES = 2000
IMPORT_MAX_ARCHIVE_UNCOMPRESSED_BYTES = 500 * 1024 * 1024
IMPORT_MAX_XLSX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024
IMPORT_MAX_COMPRESSION_RATIO = 100
# Bringing an agency's previous portal in (manage.py import_portal, docs/import.md):
# the most a feed, export or saved page may weigh, the articles one run reads, an
# image's bytes and pixels, a fetch's time; fetches go to public addresses only
# unless PORTAL_IMPORT_ALLOW_PRIVATE_ADDRESSES (an intranet portal).
PORTAL_IMPORT_MAX_FILE_BYTES = 50 * 1024 * 1024
PORTAL_IMPORT_MAX_PAGE_BYTES = 5 * 1024 * 1024
PORTAL_IMPORT_MAX_ITEMS = 5000
PORTAL_IMPORT_MAX_IMAGE_BYTES = 10 * 1024 * 1024
PORTAL_IMPORT_MAX_IMAGE_PIXELS = 40_000_000
PORTAL_IMPORT_FETCH_TIMEOUT = 20
PORTAL_IMPORT_ALLOW_PRIVATE_ADDRESSES = False
# An import of procedures that saves more than this many is saved by the task
# worker (each costs Wagtail about a tenth of a second); fewer, in the request.
PROCEDURES_IMPORT_BACKGROUND_ROWS = 25

# Days a citizen's contact details are kept after the answer (questions) or after
# the draft's comment period (consultations); the purge commands erase them then.
# Days after which each kind of mandatory information counts as overdue in the
# compliance report and the weekly digest (congtin/disclosure/kinds.py keys, e.g.
# {"tin-tuc": 3, "van-ban": 15}); a kind left out keeps its default, 0 never
# overdue (docs/disclosure.md).
DISCLOSURE_UPDATE_DAYS: dict[str, int] = {}

QUESTIONS_CONTACT_RETENTION_DAYS = 365
CONSULTATION_CONTACT_RETENTION_DAYS = 365
# Days an online dialogue's askers' contacts are kept after the session ended; the
# scheduler erases them once a day (congtin/dialogues/retention.py).
DIALOGUES_CONTACT_RETENTION_DAYS = 365

# Days a reader comment's e-mail is kept after it was sent (reader_comments).
READER_COMMENT_EMAIL_RETENTION_DAYS = 365

# Days a message sent through the contact form ("Liên hệ") is kept; the
# scheduler deletes older ones once a day (congtin/contact/retention.py); 0 keeps
# them.
CONTACT_RETENTION_DAYS = 365

# --- Accounts: sign-in, passwords, sessions, security log (congtin/accounts) ----------
# Kept together so that other sign-in features slot in beside it. django-axes
# counts failed sign-ins in the database (every app server sees them) and locks a
# user name and, separately, a client address after AXES_FAILURE_LIMIT failures
# within AXES_COOLOFF_TIME; the lock lifts after the cool-off or when "Quản trị"
# lifts it (admin > Settings > Khóa đăng nhập). The address is client_ip's: the
# one the trusted proxy saw (CLIENT_IP_PROXY_COUNT / CLIENT_IP_HEADER above).
INSTALLED_APPS = [*INSTALLED_APPS, "congtin.accounts", "axes"]
MIDDLEWARE = [
    *MIDDLEWARE,
    "congtin.accounts.request_context.RequestContextMiddleware",
    "congtin.accounts.sessions.IdleSessionMiddleware",
    # Last: turns a lock-out found during authentication into the 429 page.
    "axes.middleware.AxesMiddleware",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "congtin.core.public_forms.client_ip"
AXES_LOCKOUT_CALLABLE = "congtin.accounts.lockouts.lockout_response"
AXES_USERNAME_CALLABLE = "congtin.accounts.lockouts.attempted_username"
# Sign-ins and failures are recorded in the security log, with its retention.
AXES_DISABLE_ACCESS_LOG = True
# A success does not wipe the address's failures: one valid account would
# otherwise let its holder go on guessing others' passwords from that address.
AXES_RESET_ON_SUCCESS = False
AXES_VERBOSE = False

# Passwords: at least 12 characters, not a common one, not close to the user
# name, names or e-mail, none of the account's last 5 (congtin/accounts/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {
        "NAME": (
            "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
        )
    },
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "congtin.accounts.passwords.PasswordHistoryValidator",
        "OPTIONS": {"last_passwords": 5},
    },
]

# A signed-in session ends when the browser closes, and after SESSION_IDLE_TIMEOUT
# seconds without a request (0: never); the last activity is written at most
# every SESSION_IDLE_RESOLUTION seconds. Anonymous requests are never touched.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_IDLE_TIMEOUT = 30 * 60
SESSION_IDLE_RESOLUTION = 60

# Days the security log (admin > Reports > Nhật ký bảo mật) keeps an event; the
# scheduler purges older ones once a day. 0: kept for ever.
SECURITY_LOG_RETENTION_DAYS = 365

# Content-Security-Policy of the admin (congtin/core/security_headers.py): under
# these paths the directives below replace the public ones. Wagtail's and Django's
# admin templates write inline scripts (date pickers, inline panels) and styles
# with no nonce; image uploads preview blob: and data: images.
CSP_ADMIN_PREFIXES = ("/admin/", "/django-admin/")
CSP_ADMIN_DIRECTIVES: dict[str, list[str]] = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
}

# Visit statistics (congtin/visits/): without Redis, each web process keeps its
# counts in memory and writes them at most every VISITS_FLUSH_SECONDS, or once it
# holds VISITS_BUFFER_KEYS different pages and searches; the scheduler adds them
# to the daily tables every minute. With Redis (REDIS_URL) every view goes there.
VISITS_FLUSH_SECONDS = 5
VISITS_BUFFER_KEYS = 2000
