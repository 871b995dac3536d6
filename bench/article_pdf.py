"""What saving the seed article as a PDF ("Lưu PDF", congtin/news/pdf.py) costs.

Run: ``.venv/bin/python bench/article_pdf.py [--builds 20] [--requests 200]``.

Builds a throw-away site like bench/page_cpu.py (temporary SQLite database and
media, production settings, the Hai Phong demo; ``--reuse DIR`` measures a site
that ``bench/page_cpu.py --keep`` left), then:

- ``build``: ``build_pdf`` for the seed article, ``--builds`` times: CPU and wall
  milliseconds per PDF (fonts read, text laid out, images embedded), its size and
  pages;
- ``kept``: ``/luu-pdf/<id>/`` through Django's WSGI handler with the page cache
  off, after one request that built and kept it: what a repeated download costs
  when the page cache has been purged but the kept PDF has not.

Prints a table; exit status 1 when setup failed or the PDF did not answer 200.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from page_cpu import measure  # noqa: E402
from pages import SEED_TITLE_PREFIX, BenchError, bench_env, log, manage  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--builds", type=int, default=20)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--reuse", type=Path, metavar="DIR")
    args = parser.parse_args(argv)
    tmp = args.reuse.resolve() if args.reuse else Path(tempfile.mkdtemp())
    try:
        env = bench_env(tmp)
        env["PAGE_CACHE_SECONDS"] = "0"
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
        from django.test import RequestFactory
        from django.utils import timezone
        from pypdf import PdfReader

        from congtin.core.navigation import agency_for_request
        from congtin.news.models import ArticlePage
        from congtin.news.pdf import build_pdf
        from congtin.news.sharing import canonical_url

        article = ArticlePage.objects.live().get(title__startswith=SEED_TITLE_PREFIX)
        host = article.get_site().hostname
        request = RequestFactory().get("/", HTTP_HOST=host)
        agency = agency_for_request(request)
        source = canonical_url(article, request)
        today = timezone.localdate()
        build_pdf(article, source_url=source, agency=agency, saved_on=today)
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(args.builds):
            content = build_pdf(
                article, source_url=source, agency=agency, saved_on=today
            )
        cpu = (time.process_time() - cpu) * 1000 / args.builds
        wall = (time.perf_counter() - wall) * 1000 / args.builds
        pages = len(PdfReader(io.BytesIO(content)).pages)

        kept = measure(app, (host, f"/luu-pdf/{article.pk}/"), args.requests, 5)
        print(f"{'':8} {'CPU ms':>8} {'wall ms':>8} {'queries':>8} {'KiB':>8}")
        print(
            f"{'build':8} {cpu:8.1f} {wall:8.1f} {'-':>8} "
            f"{len(content) / 1024:8.1f}  ({pages} pages)"
        )
        print(
            f"{'kept':8} {kept['cpu_ms']:8.2f} {kept['wall_ms']:8.2f} "
            f"{kept['queries']:8d} {kept['kib']:8.1f}"
        )
        return 0
    except BenchError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        if not args.reuse:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
