from .base import *  # noqa: F401,F403

DEBUG = True
# load_demo creates an administrator with a known password: only development and
# tests install it, never production.
INSTALLED_APPS = ["congtin.demo", *INSTALLED_APPS]  # noqa: F405
SECRET_KEY = SECRET_KEY or "dev-only-not-secret"  # noqa: F405
# Component portals are opened as <name>.localhost, which resolves to loopback.
ALLOWED_HOSTS = ["localhost", ".localhost", "127.0.0.1", "[::1]"]
# The task worker `make run` starts prints each message on its console.
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
