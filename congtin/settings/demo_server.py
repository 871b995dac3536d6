"""`make run`: the demo served as production serves a portal, on one machine.

Production settings (DEBUG off, static files from WhiteNoise's compressed manifest,
the portal's own Vietnamese 404 and 500 pages, every check production makes), with
what a newcomer's machine lacks filled in: the SQLite database of the checkout, a
secret key made on first use and kept in var/secret_key (not in git), the hosts
localhost and *.localhost (component portals), cookies over plain HTTP on loopback,
mail printed on the task worker's console, media served by the app (nothing else
serves /media/ when DEBUG is off) and the demo app (load_demo). Anything set in the
environment (DATABASE_URL, ALLOWED_HOSTS, REDIS_URL, ...) still wins.
"""

import os
import secrets
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]


def _secret_key() -> str:
    path = _ROOT / "var" / "secret_key"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        # Written whole, unreadable by others, then linked into place: `make run`
        # starts three processes at once, and the first link wins.
        draft = path.with_name(f".secret_key.{os.getpid()}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as file:
            file.write(secrets.token_urlsafe(50))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


for _name, _value in {
    "DATABASE_URL": f"sqlite:///{_ROOT / 'db.sqlite3'}",
    "ALLOWED_HOSTS": "localhost,.localhost,127.0.0.1",
    "SECURE_COOKIES": "false",
    "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.console.EmailBackend",
    "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{os.environ.get('PORT', '8000')}",
}.items():
    os.environ.setdefault(_name, _value)
if not os.environ.get("SECRET_KEY"):
    os.environ["SECRET_KEY"] = _secret_key()

from .production import *  # noqa: E402,F401,F403

# load_demo creates an administrator with a known password: the demo server and
# development install it, a real deployment (congtin.settings.production) never.
INSTALLED_APPS = ["congtin.demo", *INSTALLED_APPS]  # noqa: F405
# With DEBUG off nothing else serves uploaded images on one machine without nginx.
SERVE_MEDIA = True
