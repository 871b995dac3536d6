"""CPU time and queries per request of the public pages, in one process.

Run: ``.venv/bin/python bench/page_cpu.py [--requests 200] [--profile article]``.

Builds a throw-away site like bench/pages.py (temporary SQLite database, media and
static files, production settings with DEBUG off, the whole Hai Phong demo), then
calls Django's WSGI handler directly, with ``Host: localhost`` as the demo expects,
for the home page, the seed article, a news section, the documents list and the
targets plan page. For each page: ``--requests`` uncached requests after a warm-up,
timed with ``time.process_time`` (CPU of this process only, so a busy machine does
not change the figure much, unlike wall time), then the queries of one request.
``--profile NAME`` (repeatable) also prints the top of a cProfile run of that page;
``--sql`` prints the queries, ``--html DIR`` writes the pages (to compare two
versions of the code); ``--keep`` leaves the site in place and ``--reuse DIR``
measures it again without the minute of set-up.

Prints a table; exit status 1 when setup failed or a page did not answer 200.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This checkout's code, not the one the virtualenv may have been installed from.
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from pages import SEED_TITLE_PREFIX, BenchError, bench_env, log, manage  # noqa: E402

PAGES = (
    "home",
    "article",
    "section",
    "documents",
    "targets",
    "embed",
    "api-list",
    "api-detail",
    "api-docs",
    "api-schedule",
)


def page_paths() -> dict[str, tuple[str, str]]:
    """(host, path) of each page; the targets are Lê Chân's, on its own host."""
    from congtin.documents.models import DocumentIndexPage
    from congtin.news.models import ArticlePage, NewsIndexPage
    from congtin.targets.demo import DEMO_ARTICLE_TITLE
    from congtin.targets.models import AnnualPlan

    article = ArticlePage.objects.live().get(title__startswith=SEED_TITLE_PREFIX)
    site = article.get_site()
    section = (
        NewsIndexPage.objects.live().descendant_of(site.root_page).get(slug="thanh-pho")
    )
    documents = DocumentIndexPage.objects.live().descendant_of(site.root_page).first()
    paths = {
        "home": (site.hostname, "/"),
        "article": (site.hostname, article.get_url_parts()[2]),
        "section": (site.hostname, section.get_url_parts()[2]),
    }
    if documents is not None:
        paths["documents"] = (site.hostname, documents.get_url_parts()[2])
    plan = AnnualPlan.objects.order_by("-year", "pk").first()
    if plan is not None:
        paths["targets"] = (plan.site.hostname, plan.get_url())
    embed = ArticlePage.objects.live().filter(title=DEMO_ARTICLE_TITLE).first()
    if embed is not None:
        embed_site = embed.get_site()
        paths["embed"] = (embed_site.hostname, embed.get_url_parts()[2])
    # The open data API's lists and a detail, as bench/api.py loads them.
    paths["api-list"] = (site.hostname, "/api/v1/bai-viet/")
    paths["api-detail"] = (site.hostname, f"/api/v1/bai-viet/{article.pk}/")
    paths["api-docs"] = (site.hostname, "/api/v1/van-ban/")
    paths["api-schedule"] = (site.hostname, "/api/v1/lich-cong-tac/")
    return paths


def environ_for(host: str, path: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "SERVER_NAME": host,
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "HTTP_ACCEPT": "text/html",
        "HTTP_ACCEPT_LANGUAGE": "vi",
        "HTTP_USER_AGENT": "page_cpu",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def request(app, page: tuple[str, str]) -> tuple[str, bytes]:
    status = []

    def start_response(value, headers, exc_info=None):
        status.append(value)

    response = app(environ_for(*page), start_response)
    try:
        body = b"".join(response)
    finally:
        if hasattr(response, "close"):
            response.close()
    return status[0], body


def measure(app, page: tuple[str, str], requests: int, warmup: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        status, body = request(app, page)
        if not status.startswith("200"):
            raise BenchError(f"{page[0]}{page[1]} answered {status}")
    cpu = time.process_time()
    wall = time.perf_counter()
    for _ in range(requests):
        request(app, page)
    cpu = time.process_time() - cpu
    wall = time.perf_counter() - wall
    with CaptureQueriesContext(connection) as queries:
        request(app, page)
    return {
        "body": body,
        "cpu_ms": cpu * 1000 / requests,
        "wall_ms": wall * 1000 / requests,
        "queries": len(queries.captured_queries),
        "kib": len(body) / 1024,
        "sql": [query["sql"] for query in queries.captured_queries],
    }


def profile(app, page: tuple[str, str], requests: int, top: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        request(app, page)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return re.sub(r"/\S*/site-packages/", "", out.getvalue())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument(
        "--profile", action="append", default=[], choices=PAGES, metavar="PAGE"
    )
    parser.add_argument("--top", type=int, default=40, help="profile lines (40)")
    parser.add_argument("--sql", action="store_true", help="print each page's SQL")
    parser.add_argument(
        "--html",
        type=Path,
        metavar="DIR",
        help="write each page's HTML to DIR/<page>.html (to compare two versions)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory"
    )
    parser.add_argument(
        "--reuse",
        type=Path,
        metavar="DIR",
        help="measure the site a run with --keep left in DIR (no set-up; kept)",
    )
    args = parser.parse_args(argv)

    if args.reuse:
        tmp, args.keep = args.reuse.resolve(), True
    else:
        tmp = Path(tempfile.mkdtemp(prefix="congtin-pagecpu-"))
    try:
        env = bench_env(tmp)
        # Lê Chân, whose plans the targets pages show, is served at lechan.localhost.
        env["ALLOWED_HOSTS"] = "localhost,.localhost,127.0.0.1"
        # What a page costs to render: with the page cache on, every request after
        # the first would be a hit (bench/pages.py measures hits).
        env["PAGE_CACHE_SECONDS"] = "0"
        # The API's per-client limit counted (one shared-counter write a request)
        # but never reached by this one client.
        env["API_RATE_LIMIT"] = "1000000000"
        if not args.reuse:
            log(f"temporary site in {tmp}")
            manage(env, "migrate", "--noinput", "-v", "0")
            manage(env, "collectstatic", "--noinput", "-v", "0")
            manage(env, "load_demo", "--port", "80")

        os.environ.clear()
        os.environ.update(env)
        sys.path.insert(0, str(tmp))
        from django.core.wsgi import get_wsgi_application

        app = get_wsgi_application()
        from django.conf import settings

        if settings.DEBUG:
            raise BenchError("DEBUG is on: the figures would not be production's")
        paths = page_paths()

        load = os.getloadavg()
        results = {}
        for name, path in paths.items():
            results[name] = measure(app, path, args.requests, args.warmup)
        print()
        print(
            f"{'page':<10} {'CPU ms/req':>10} {'wall ms':>8} {'queries':>8} "
            f"{'KiB':>7}  path"
        )
        print("-" * 78)
        for name, figures in results.items():
            print(
                f"{name:<10} {figures['cpu_ms']:>10.2f} {figures['wall_ms']:>8.2f} "
                f"{figures['queries']:>8} {figures['kib']:>7.1f}  "
                f"{''.join(paths[name])}"
            )
        print(
            f"\n{args.requests} requests per page after {args.warmup} of warm-up; "
            f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
        )
        if args.html:
            args.html.mkdir(parents=True, exist_ok=True)
            for name, figures in results.items():
                (args.html / f"{name}.html").write_bytes(figures["body"])
        if args.sql:
            for name, figures in results.items():
                print(f"\n--- {name}")
                for sql in figures["sql"]:
                    print(f"  {sql}")
        for name in args.profile:
            print(f"\n=== profile: {name} {''.join(paths[name])}")
            print(profile(app, paths[name], args.requests, args.top))
        return 0
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
