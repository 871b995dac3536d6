"""Running a piece of Python in a fresh process, as the server starts: only the
project on its path and no DATABASE_URL (so the test settings' SQLite)."""

import subprocess
import sys

from django.conf import settings


def run_probe(code: str, *args: str, flags=(), env=None, timeout=120):
    """The finished process of ``python *flags -c code *args``."""
    return subprocess.run(
        [sys.executable, *flags, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(settings.BASE_DIR),
            **(env or {}),
        },
    )
