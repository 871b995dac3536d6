"""The web server (congtin/serve.py): on SQLite it keeps PostgreSQL's driver out of
its memory and the admin it serves still loads; it runs without docstrings."""

from .probe import run_probe

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
    result = run_probe(PROBE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "loaded None"


RESTART_PROBE = """
import os, sys
from congtin import serve
os.execv = lambda path, argv: print(
    "exec", path == argv[0] == sys.executable, argv[1:]
) or sys.exit(3)
serve.restart_optimized(["--port", "8001"])
print("no restart", sys.flags.optimize)
"""


def run_restart_probe(*flags: str, **env: str) -> tuple[int, str]:
    result = run_probe(RESTART_PROBE, flags=flags, env=env, timeout=60)
    return result.returncode, result.stdout.strip() or result.stderr


def test_server_starts_itself_again_without_docstrings():
    code, output = run_restart_probe()
    assert code == 3, output
    assert output == "exec True ['-OO', '-m', 'congtin.serve', '--port', '8001']"


def test_server_under_oo_or_told_not_to_does_not_restart():
    assert run_restart_probe("-OO") == (0, "no restart 2")
    assert run_restart_probe(CONGTIN_SERVE_OPTIMIZE="0") == (0, "no restart 0")
