"""Test settings: SQLite by default, PostgreSQL when DATABASE_URL says so."""

import os
import tempfile

import dj_database_url

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["*"]
# The tests build the demo (congtin/conftest.py); production never installs it.
INSTALLED_APPS = ["congtin.demo", *INSTALLED_APPS]  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Django's test set-up puts EMAIL_BACKEND on locmem; tasks run at once, inside the
# test, and what they send lands in mail.outbox. Tests of the queue and the worker
# switch TASKS to the database backend and run the worker (congtin/core/tests).
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "mail"],
    }
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="congtin-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="congtin-test-private-")
WAGTAILADMIN_BASE_URL = "http://testserver"

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
    if "postgresql" in DATABASES["default"]["ENGINE"]:
        # A test database is thrown away: no need to wait for the disk on commit.
        # Its tables are small: compiling a query plan to machine code (JIT) costs
        # more than it saves.
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
            "-c synchronous_commit=off -c jit=off"
        )
