"""What the web server loads before its workers fork (congtin/serve.py): everything
there is in every worker's memory (docs/deployment.md, "Worker memory"). Packages
only a rare view, the admin, a management command or another process needs are
imported where they are used, and Wagtail's v3 API, which congtin does not serve,
is not loaded at all (congtin/portals/wagtail_compat.py)."""

import json
import sys

from .probe import run_probe

# Each with the reason it is not in the preloaded server.
KEPT_OUT = {
    # Wagtail's v3 API (Django Ninja): its schemas of every page, image, document
    # and snippet model, about 25 MB.
    "wagtail.api.v3.routers.pages": "Wagtail's v3 API is not served",
    "wagtail.api.v3.registry": "Wagtail's v3 API is not served",
    # Django REST framework's optional extras (serve.keep_out_unused_extras).
    "pygments": "no browsable API is served",
    "yaml": "no YAML is written by the server",
    # Imported inside the functions that use them.
    "openpyxl": "XLSX downloads and imports only",
    "fpdf": "an article's PDF only",
    "segno": "the second factor's enrolment only",
    "icalendar": "the schedule's calendar feed only",
    "apscheduler": "the scheduler process only",
}

PROBE = """
import json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "congtin.settings.test"
from congtin import serve
serve.keep_out_unused_database_drivers()
serve.keep_out_unused_extras()
import django
django.setup()
serve.warm_up()
names = json.loads(sys.argv[1])
print(json.dumps(sorted(name for name in names if sys.modules.get(name) is not None)))
"""


def test_preloaded_server_leaves_out_what_few_requests_need():
    # What the server preloads: Django set up, the URLconf (the admin's with it)
    # for both languages, the template engine and the base template.
    result = run_probe(PROBE, json.dumps(sorted(KEPT_OUT)))
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded == [], {name: KEPT_OUT[name] for name in loaded}


def test_kept_out_extras_still_import_outside_the_server():
    # Only the server refuses them: here (a test process, like a management
    # command) they import when installed, or are simply absent.
    from congtin import serve

    for name in serve.UNUSED_EXTRAS:
        assert name not in sys.modules or sys.modules[name] is not None


MALLOC_PROBE = """
import ctypes, platform
from congtin import serve
print(serve.return_large_blocks(), platform.libc_ver()[0])
"""


def test_workers_return_large_blocks_to_the_system():
    # In a process of its own: the setting stays for the life of the process.
    result = run_probe(MALLOC_PROBE, timeout=60)
    assert result.returncode == 0, result.stderr
    accepted, libc = result.stdout.split()
    # glibc takes the threshold; another C library may have no such setting.
    assert accepted == "True" if libc == "glibc" else accepted in ("True", "False")
