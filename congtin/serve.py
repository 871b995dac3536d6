"""The web server: granian, with the application loaded before its workers fork.

Run: ``python -m congtin.serve [granian options]``, e.g. ``--host 127.0.0.1 --port 8000
--workers 2 --blocking-threads 1`` (``granian --help`` lists them; ``GRANIAN_*``
environment variables work too). The WSGI interface and ``congtin.wsgi:application``
are given here.

granian on its own loads the application in each worker after the fork. Loading it
once first, as gunicorn's ``--preload`` does, and freezing it for the garbage
collector lets the workers share those pages: about 40 MB of private memory per
worker instead of 105 (docs/deployment.md, "WSGI server"). Settings:
``DJANGO_SETTINGS_MODULE``, else production's (as congtin/wsgi.py).
"""

import gc
import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congtin.settings.production")
    from granian.cli import cli

    import congtin.wsgi  # noqa: F401  (the preload)

    # Left to the collector, the workers' first full collections would write to every
    # preloaded object and so copy the pages they share (docs/deployment.md).
    gc.collect()
    gc.freeze()

    args = sys.argv[1:] if argv is None else argv
    cli(
        args=["--interface", "wsgi", *args, "congtin.wsgi:application"],
        prog_name="python -m congtin.serve",
    )


if __name__ == "__main__":
    main()
