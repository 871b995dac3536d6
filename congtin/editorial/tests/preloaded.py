"""Starts the two-app-servers test's processes from one preloaded Python.

Each of the test's four processes (two gunicorn servers, two ``run_scheduler``)
would load Python, Django, Wagtail and the project on its own: two to three CPU
seconds each, most of what the test costs. This launcher loads them once, with the
settings and environment the processes get, then forks one child per process it is
asked for. What a child runs after the fork is the ordinary program: gunicorn's own
command line (its arbiter then forks its worker, which finds the application
already imported) or ``manage.py``'s. Each child has a session of its own, its
output in its own file, and its own process number, which the test signals.

Protocol, one line each way: the test writes ``<log path>\\t<argv as JSON>`` on
the launcher's standard input, the launcher answers the child's process number on
its standard output. When its input ends, the launcher waits for its children
(so that their CPU time is counted in the test's) and exits.

Run as ``python -m congtin.editorial.tests.preloaded`` with the environment the
processes need (DJANGO_SETTINGS_MODULE and the rest).
"""

import atexit
import json
import os
import signal
import sys
import threading


def preload() -> None:
    import django

    django.setup()
    # The WSGI application (Django's handler and its middleware, the page cache's
    # front door), the URL configuration and both programs' modules: what each
    # child would otherwise import on its own.
    import gunicorn.app.wsgiapp  # noqa: F401
    from django.urls import get_resolver

    import congtin.editorial.management.commands.run_scheduler  # noqa: F401
    import congtin.wsgi  # noqa: F401

    get_resolver().url_patterns  # noqa: B018 - imports every view


def run(argv: list[str]) -> int:
    """``argv`` as its program would run it, in this (forked) process."""
    sys.argv = list(argv)
    try:
        if argv[0] == "gunicorn":
            from gunicorn.app.wsgiapp import run as gunicorn

            gunicorn(prog="gunicorn")
        elif argv[0] == "manage.py":
            from django.core.management import execute_from_command_line

            execute_from_command_line(argv)
        else:
            raise ValueError(f"unknown program {argv[0]!r}")
    except SystemExit as stop:
        code = stop.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code
        print(code, file=sys.stderr)
        return 1
    return 0


def child(log: str, argv: list[str]) -> None:
    """After the fork: become the process ``argv`` describes; never returns."""
    code = 1
    try:
        os.setsid()  # as subprocess's start_new_session: signals reach it alone
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        with open(os.devnull, "rb") as null:
            os.dup2(null.fileno(), 0)
        with open(log, "ab") as out:
            os.dup2(out.fileno(), 1)
            os.dup2(out.fileno(), 2)
        code = run(argv)
        atexit._run_exitfuncs()
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def main() -> None:
    preload()
    from django.db import connections

    children = []
    while line := sys.stdin.readline():
        log, argv = line.rstrip("\n").split("\t", 1)
        # Nothing a child could share with another: no open database connection
        # and no other thread (a fork copies only the calling thread).
        connections.close_all()
        assert threading.active_count() == 1, threading.enumerate()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            child(log, json.loads(argv))
        children.append(pid)
        print(pid, flush=True)
    for pid in children:
        os.waitpid(pid, 0)


if __name__ == "__main__":
    main()
