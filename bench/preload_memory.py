"""What the web server's preloaded process holds, by package: the memory every worker
starts with (docs/deployment.md, "Worker memory").

Run: ``.venv/bin/python bench/preload_memory.py`` (about ten seconds). ``--top N``
rows (30), ``--modules PREFIX`` also lists the modules under PREFIX (e.g.
``congtin``, ``wagtail.api``) that cost the most, ``--measure anon`` or ``rss``
counts the process's anonymous memory or whole resident set instead of Python's
allocations, ``--project DIR`` loads another checkout's code (to
compare with an older version).

What it does: in a new process under ``python -OO`` with the production settings (a
throw-away secret key, SQLite in a temporary directory, nothing reached), it loads
the application as ``python -m congtin.serve`` does before forking its workers
(``congtin/serve.py``: the same modules kept out, ``congtin.wsgi``, ``warm_up``,
``gc.freeze``). Each module's import is weighed: the memory in use before and after
the module's own code ran, less what the modules it imported took; the rows add
those up per top-level package. By default the memory is what Python allocated
(``tracemalloc``): exact per module, but without what C libraries allocate
themselves (their mapped data, SQLite's cache). ``--measure anon`` weighs the
process's anonymous resident memory (``RssAnon``: what a forked worker's RSS counts
of its parent's pages), whose total is the figure that matters but whose split is
rough: memory goes to the module that first needs a new block of the allocator, so
a small module may carry part of a large one's cost. To measure what leaving a
package out saves, compare the totals of two ``--measure anon`` runs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = r"""
import collections, gc, importlib.abc, os, sys

FIELD = os.environ["PRELOAD_FIELD"]


if FIELD == "traced":
    import tracemalloc

    tracemalloc.start()


def resident():
    if FIELD == "traced":
        return tracemalloc.get_traced_memory()[0]
    if FIELD == "rss":
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) * 1024
    return 0


own = collections.Counter()
count = collections.Counter()
by_module = {}
stack = []


class Measured(importlib.abc.Loader):
    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        start = resident()
        stack.append(0)
        try:
            self.loader.exec_module(module)
        finally:
            total = resident() - start
            children = stack.pop()
            package = module.__name__.split(".")[0]
            own[package] += total - children
            count[package] += 1
            by_module[module.__name__] = (total - children, total)
            if stack:
                stack[-1] += total

    def __getattr__(self, name):
        return getattr(self.loader, name)


class Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if hasattr(spec.loader, "exec_module"):
                    spec.loader = Measured(spec.loader)
                return spec
        return None


before = resident()
sys.meta_path.insert(0, Finder())
from congtin import serve

serve.keep_out_unused_database_drivers()
# Absent from an older checkout (--project).
getattr(serve, "keep_out_unused_extras", lambda: None)()
import congtin.wsgi

serve.warm_up()
gc.collect()
gc.freeze()
after = resident()
MB = 1024 * 1024
label = {"rss": "RSS", "anon": "anonymous memory", "traced": "Python's allocations"}[
    FIELD
]
print(f"{label} before the application: {before / MB:.1f} MB")
print(f"{label} once preloaded: {after / MB:.1f} MB ({len(sys.modules)} modules)")
print(f"imports measured: {sum(own.values()) / MB:.1f} MB")
print()
print(f"{'package':<28} {'MB':>7} {'modules':>8}")
for package, size in own.most_common(int(os.environ["PRELOAD_TOP"])):
    print(f"{package:<28} {size / MB:>7.2f} {count[package]:>8}")
prefix = os.environ.get("PRELOAD_MODULES")
if prefix:
    print()
    print(f"{'module':<56} {'own MB':>7} {'with imports':>13}")
    rows = sorted(
        ((name, sizes) for name, sizes in by_module.items()
         if name == prefix or name.startswith(prefix + ".")),
        key=lambda row: -row[1][0],
    )
    for name, (size, total) in rows[:30]:
        print(f"{name:<56} {size / MB:>7.2f} {total / MB:>13.2f}")
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=30, help="package rows (30)")
    parser.add_argument("--modules", help="also list the modules under this prefix")
    parser.add_argument(
        "--measure",
        choices=("traced", "anon", "rss"),
        default="traced",
        help="Python's allocations (traced, the default), anonymous memory, RSS",
    )
    parser.add_argument("--project", type=Path, default=ROOT, help="checkout to load")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    with tempfile.TemporaryDirectory(prefix="congtin-preload-") as tmp:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": str(project),
            "DJANGO_SETTINGS_MODULE": "congtin.settings.production",
            "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
            "ALLOWED_HOSTS": "localhost",
            "DATABASE_URL": f"sqlite:///{tmp}/preload.sqlite3",
            "MEDIA_ROOT": f"{tmp}/media",
            "STATIC_ROOT": f"{tmp}/static",
            "SHARED_CACHE_DIR": f"{tmp}/shared-cache",
            "PRELOAD_FIELD": args.measure,
            "PRELOAD_TOP": str(args.top),
            "PRELOAD_MODULES": args.modules or "",
            "PYTHONWARNINGS": "ignore",
        }
        Path(tmp, "static").mkdir()
        result = subprocess.run(
            [sys.executable, "-OO", "-c", PROBE], cwd=project, env=env, timeout=300
        )
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
