"""Settings shared by every environment. Each other module starts from these."""

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "congtin.core",
    "congtin.news",
    "congtin.editorial",
    "congtin.search",
    "congtin.targets",
    "congtin.questions",
    "congtin.schedule",
    "congtin.agency",
    "congtin.consultations",
    "congtin.documents",
    "congtin.demo",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
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

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        # Readers must not fail while the scheduler or an editor writes.
        "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Wagtail looks renditions up here before asking the database.
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "TIMEOUT": 24 * 3600,
    },
}

# Background tasks: a queue in the database, worked by `manage.py db_worker` (make
# run starts one; docs/deployment.md). Mail and Wagtail's own tasks leave the request.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "mail"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Interface words in Python (menus, labels) are Vietnamese msgids; their English
# lives here and is compiled by `make install` (*.mo files are not committed).
LOCALE_PATHS = [BASE_DIR / "locale"]
# Answer deadlines count working days: weekends and Vietnam's public holidays
# (from the `holidays` library, Tết and Giỗ Tổ Hùng Vương included) are skipped.
# The government sometimes swaps days (a weekday off, made up on a Saturday); list
# here those the library does not know yet, as "YYYY-MM-DD" strings:
# {"days_off": [...], "working_days": [...]} (congtin/core/vietnamese/working_days.py).
WORKING_DAY_CHANGES = {"days_off": [], "working_days": []}

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "congtin"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@localhost")
# Every message is queued as a task (congtin/core/mail.py); the worker sends it with
# EMAIL_DELIVERY_BACKEND, giving up on a silent server after EMAIL_TIMEOUT seconds
# and trying again after each of EMAIL_RETRY_DELAYS (seconds).
EMAIL_BACKEND = "congtin.core.mail.TaskEmailBackend"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "10"))
EMAIL_RETRY_DELAYS = [60, 300, 1800, 7200, 21600]
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
# Wagtail's admin widgets write their values with strftime, so these take
# Python's %-codes (and must be in DATE_INPUT_FORMATS / DATETIME_INPUT_FORMATS).
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
FORMAT_MODULE_PATH = ["congtin.formats"]
