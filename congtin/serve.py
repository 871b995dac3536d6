"""The web server: granian, with the application loaded before its workers fork.

Run: ``python -m congtin.serve [granian options]``, e.g. ``--host 127.0.0.1 --port 8000
--workers 2 --blocking-threads 1`` (``granian --help`` lists them; ``GRANIAN_*``
environment variables work too). The WSGI interface and ``congtin.wsgi:application``
are given here.

granian on its own loads the application in each worker after the fork. Loading it
once first, as gunicorn's ``--preload`` does, and freezing it for the garbage
collector lets the workers share those pages: about 30 MB of private memory per
worker instead of 105 (docs/deployment.md, "WSGI server"); what a worker's first
requests would load (URLconf, translations, templates) is loaded then too, and what
no request needs is kept out (PostgreSQL's driver on SQLite, Django REST framework's
optional extras; docs/deployment.md, "Worker memory"). Settings:
``DJANGO_SETTINGS_MODULE``, else production's (as congtin/wsgi.py).

The server runs under ``python -OO`` (it starts itself again so when started without
it): the docstrings of the 1,900 modules a worker holds are about 3.5 MB of every
worker's memory, and nothing the server runs reads them. ``CONGTIN_SERVE_OPTIMIZE=0``
keeps them (and ``assert`` statements), e.g. to debug a worker.
"""

import gc
import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    restart_optimized(args)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congtin.settings.production")
    from granian.cli import cli

    keep_out_unused_database_drivers()
    keep_out_unused_extras()
    import congtin.wsgi  # noqa: F401  (the preload)

    warm_up()
    # Left to the collector, the workers' first full collections would write to every
    # preloaded object and so copy the pages they share (docs/deployment.md).
    gc.collect()
    gc.freeze()
    return_large_blocks()

    cli(
        args=["--interface", "wsgi", *args, "congtin.wsgi:application"],
        prog_name="python -m congtin.serve",
    )


def restart_optimized(args: list[str]) -> None:
    """Starts this module again under ``python -OO`` unless it already runs so or
    ``CONGTIN_SERVE_OPTIMIZE`` is ``0``; returns only when it does not restart.

    The same process (``exec``): its pid, environment and open files stay, so a
    supervisor or ``make run`` sees no difference."""
    if sys.flags.optimize >= 2 or os.environ.get("CONGTIN_SERVE_OPTIMIZE") == "0":
        return
    os.execv(sys.executable, [sys.executable, "-OO", "-m", "congtin.serve", *args])


def keep_out_unused_database_drivers() -> None:
    """On SQLite, keeps PostgreSQL's driver out of the server's memory.

    Django REST framework (Wagtail's admin API) imports django.contrib.postgres
    whenever psycopg is installed, and with it psycopg and its bundled libpq: about
    8 MB in every worker of a server that never speaks to PostgreSQL. None in
    sys.modules makes that import fail, which the framework expects.
    """
    from django.conf import settings

    engines = {database["ENGINE"] for database in settings.DATABASES.values()}
    if not any("postgresql" in engine for engine in engines):
        for driver in ("psycopg", "psycopg2"):
            sys.modules.setdefault(driver, None)  # type: ignore[arg-type]


# Optional packages Django REST framework (Wagtail's admin API) imports whenever they
# are installed, for what the server never does: pygments highlights code in its
# browsable API, which Wagtail's admin API does not offer here, and PyYAML writes
# OpenAPI schemas as YAML. Test and development tools bring them (pytest, rich, the
# API schema validator): about 1.6 MB of every worker's memory.
UNUSED_EXTRAS = ("pygments", "yaml")


def keep_out_unused_extras() -> None:
    """Keeps ``UNUSED_EXTRAS`` out of the server's memory: None in sys.modules makes
    their import fail, as it would where they are not installed, which Django REST
    framework expects. Only in the server: management commands keep them (Django's
    ``dumpdata --format yaml``)."""
    for name in UNUSED_EXTRAS:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


# glibc's mallopt() parameter number for M_MMAP_THRESHOLD (malloc.h).
M_MMAP_THRESHOLD = -3
LARGE_BLOCK = 128 * 1024


def return_large_blocks() -> bool:
    """Has glibc's malloc give blocks of 128 KB and more their own mapping, returned
    to the system when freed, in the workers forked after this.

    glibc does so by default, but raises that threshold to the size of any such
    block freed (up to 32 MB), after which blocks that size come from the heap and
    stay in the process once freed. A worker that makes an image's renditions
    (Pillow's buffers of the decoded image) kept 3 to 5 MB more that way
    (docs/deployment.md, "Worker memory"). Setting the threshold fixes it. Nothing
    happens where the C library has no ``mallopt`` (False)."""
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (AttributeError, OSError):
        return False
    return mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK) == 1


def warm_up() -> None:
    """Does before the fork what each worker did on its first requests, so the
    workers share it instead of holding a copy each (docs/deployment.md, "WSGI
    server"): the URLconf with every view module it names, indexed per language
    (a page links the other language), the translations, the template engine with
    every template tag library, and the base template compiled."""
    from django.conf import settings
    from django.db import connections
    from django.template import engines
    from django.urls import reverse
    from django.utils import translation

    for code, _ in settings.LANGUAGES:
        with translation.override(code):
            reverse("wagtail_serve", args=("",))
    for engine in engines.all():
        engine.get_template("base.html")
    # Nothing opened here may be inherited: a worker must not share the parent's
    # database connection.
    connections.close_all()


if __name__ == "__main__":
    main()
