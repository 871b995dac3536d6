"""The web server on SQLite keeps PostgreSQL's driver out of its memory
(congtin/serve.py), and the admin it serves still loads."""

import subprocess
import sys

from django.conf import settings

PROBE = """
import os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "congtin.settings.test"
from congtin import serve
serve.keep_out_unused_database_drivers()
import django
django.setup()
from django.urls import get_resolver, reverse
get_resolver().url_patterns  # the admin's URLconf imports Wagtail's API (DRF)
reverse("wagtailadmin_home")
print("loaded", sys.modules.get("psycopg", "absent"))
"""


def test_sqlite_server_loads_the_admin_without_psycopg():
    # The probe's environment names no DATABASE_URL: the test settings' SQLite.
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(settings.BASE_DIR)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "loaded None"
