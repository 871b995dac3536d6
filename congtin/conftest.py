"""Shared fixtures: the real demo tree, big trees for query budgets, services."""

import os
import socket
from contextlib import contextmanager

import pytest
from django.core.management import call_command

from congtin.core.tests.db_snapshot import Recorder

CI = os.environ.get("CI") == "true"


def require(available: bool, what: str):
    """Skip when a service is missing on a developer's machine; fail under CI."""
    if available:
        return
    if CI:
        pytest.fail(f"{what} is required when CI=true")
    pytest.skip(f"{what} not available")


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


_snapshots = Recorder()


def _load_demo(without=()):
    # Built once per database state, then replayed (see db_snapshot): seconds saved
    # in each of the ~200 tests that start from the demo.
    _snapshots.run(
        "demo without " + ",".join(without),
        lambda: call_command(
            "load_demo", port=80, without=list(without), stdout=open(os.devnull, "w")
        ),
    )
    from congtin.demo.seed import parse_seed
    from congtin.news.models import ArticlePage

    seed = parse_seed()
    article = ArticlePage.objects.get(title=seed.title)
    url = article.get_url(current_site=article.get_site())
    return {"seed": seed, "article": article, "url": url}


@pytest.fixture
def full_demo(db, settings):
    """The Hai Phong demo exactly as `make run` builds it (sites on port 80)."""
    return _load_demo()


@pytest.fixture
def demo(db, settings):
    """The demo's portals, sections, seed article and users, without what the other
    apps add (documents, schedule, agency pages, questions, drafts, targets): the
    whole demo costs several seconds more, so only the tests of those parts and of
    the demo itself load it (``full_demo``)."""
    from congtin.demo.management.commands.load_demo import PARTS

    return _load_demo(without=PARTS)


@pytest.fixture
def city_client(client):
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture
def make_articles():
    """Add ``count`` published articles under ``section``."""
    from datetime import timedelta

    from django.utils import timezone

    from congtin.news.models import ArticlePage

    def make(section, count, prefix="Tin thử", cover=None):
        now = timezone.now()
        created = []
        for i in range(count):
            article = ArticlePage(
                title=f"{prefix} số {i}",
                slug=f"{prefix.lower().replace(' ', '-')}-{i}".encode(
                    "ascii", "ignore"
                ).decode(),
                date=now - timedelta(hours=i),
                lead=f"Sapo của {prefix} số {i}.",
                body=[("paragraph", f"<p>Nội dung {i}</p>")],
                author="Phóng viên",
                cover_image=cover,
            )
            section.add_child(instance=article)
            article.save_revision().publish()
            created.append(article)
        return created

    return make


# --- Chromium through Playwright, shared by the browser tests --------------------

CHROMIUM = "/usr/bin/chromium"  # Debian's; a browser download fails on these machines
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_TIMEOUT_MS = 10_000


@pytest.fixture
def chromium():
    """Debian's Chromium; never downloaded. Skips without it (fails under CI=true)."""
    if not os.path.exists(CHROMIUM):
        require(False, "Chromium")
    return CHROMIUM


@contextmanager
def launch_chromium(executable, monkeypatch):
    """Chromium for one test; start it only once the test's data is in the database.

    While Playwright's event loop runs, Django hands this thread another connection
    object (its connections are context-local), so fixtures read what tests need first.
    """
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; without this Django
    # refuses any database access from the test while it runs.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_page(browser):
    """A page in a fresh Vietnamese-locale context of the test's ``browser``."""
    contexts = []

    def make(**options):
        context = browser.new_context(locale="vi-VN", **options)
        context.set_default_timeout(BROWSER_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
