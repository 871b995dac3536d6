"""Shared fixtures: the real demo tree, big trees for query budgets, services."""

import copy
import os
import shutil
import socket
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import transaction

from congtin.test_databases import Snapshots, clear_caches

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


# --- The demo, built once per pytest process and shared through a transaction ------
#
# Building the demo through Wagtail's tree, revisions and workflows takes seconds, and
# a few hundred tests start from it. So each pytest process builds each variant once,
# committed, and copies the whole database (congtin/test_databases.py); when the next
# test needs another starting state, the copy of that state is put back (the
# migrated database is copied before anything else). Tests are ordered so that each
# variant's tests run together (see pytest_collection_modifyitems). Ordinary tests
# run in a transaction rolled back to the committed demo; transactional tests (live
# server, browser) commit what they do and are flushed after, so the next test gets
# its state back from a copy.

NO_DEMO, DEMO, FULL_DEMO = 0, 1, 2


def demo_variant(item) -> int:
    names = getattr(item, "fixturenames", ())
    if "full_demo" in names:
        return FULL_DEMO
    if "demo" in names:
        return DEMO
    return NO_DEMO


def is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    ):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


def _build_demo(variant: int) -> None:
    from congtin.demo.management.commands.load_demo import PARTS

    without = list(PARTS) if variant == DEMO else []
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", port=80, without=without, stdout=quiet)


def shared_setup(item):
    """The function of the test's ``shared_setup`` marker, if any."""
    marker = item.get_closest_marker("shared_setup")
    return marker.args[0] if marker else None


PLAIN = "plain"


class SharedDemo:
    """What the test database holds between tests (the migrated database, or a
    committed demo variant), and above it, in a savepoint of an outer transaction,
    the data a ``shared_setup`` marker's function built for its tests."""

    def __init__(self):
        self.variant = NO_DEMO
        # A transactional test committed or flushed: the database is not ``variant``.
        self.dirty = False
        self.snapshots = Snapshots()
        self.atomic = None
        self.setup = None
        self.setup_atomic = None
        self.setup_value = None

    def key(self, variant: int) -> str:
        return f"demo{variant}" if variant != NO_DEMO else PLAIN

    def _keep_migrated(self) -> None:
        if not self.snapshots:
            # The first test: the database holds what the migrations made.
            self.snapshots.save(PLAIN)

    def _put(self, variant: int) -> None:
        """Make the database hold ``variant``, committed."""
        self.leave()
        # A variant is built on the migrated database, not on another variant.
        self.load_committed(
            variant, from_migrated=self.variant != NO_DEMO or self.dirty
        )
        self.variant = variant
        self.dirty = False

    def enter(self, variant: int, setup=None) -> None:
        """Before an ordinary test, which runs in a transaction rolled back after."""
        self._keep_migrated()
        if variant != self.variant or self.dirty:
            self._put(variant)
        if setup is not self.setup:
            self._leave_setup()
            if setup is not None:
                if self.atomic is None:
                    self.atomic = transaction.atomic()
                    self.atomic.__enter__()
                self.setup_atomic = transaction.atomic()
                self.setup_atomic.__enter__()
                self.setup_value = setup()
                self.setup = setup

    def enter_transactional(self) -> None:
        """Before a transactional test, which commits and is flushed after.

        pytest-django then saves what the migrations made on top of what the
        database holds (serialized rollback), so the database must hold no demo;
        a demo the test asks for is put in by ``load_committed``, after that."""
        self._keep_migrated()
        self.leave()
        if self.variant != NO_DEMO and not self.dirty:
            self._put(NO_DEMO)
        self.dirty = True

    def load_committed(self, variant: int, from_migrated: bool = False) -> None:
        """The variant, committed: from its copy, or the first time built (on the
        migrated database's copy when ``from_migrated``) and copied."""
        if not self.snapshots.restore(self.key(variant)):
            if from_migrated:
                self.snapshots.restore(PLAIN)
            _build_demo(variant)
            self.snapshots.save(self.key(variant))

    def _leave_setup(self) -> None:
        if self.setup_atomic is not None:
            transaction.set_rollback(True)
            self.setup_atomic.__exit__(None, None, None)
        self.setup = self.setup_atomic = self.setup_value = None

    def leave(self) -> None:
        self._leave_setup()
        if self.atomic is not None:
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
            self.atomic = None


_shared_demo = SharedDemo()


# --- Under pytest-xdist: migrate and build the demo once for all the workers ------

TEMPLATES_KEY = "congtin_db_templates"
MEDIA_KEY = "congtin_media"
templates_key = pytest.StashKey[dict]()


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    # The controller (not a worker) of a parallel run makes the templates before its
    # workers start; each worker's test database and demo copies come from them.
    from django.conf import settings

    if hasattr(config, "workerinput"):
        # A worker: the demo's photos and files, where its own media settings say.
        media = config.workerinput.get(MEDIA_KEY, {})
        for name, source in media.items():
            shutil.copytree(source, getattr(settings, name), dirs_exist_ok=True)
        return
    if not getattr(config.option, "numprocesses", 0):
        return
    from pytest_django.plugin import blocking_manager_key

    from congtin.test_databases import build_templates

    variants = {_shared_demo.key(v): v for v in (DEMO, FULL_DEMO)}
    with config.stash[blocking_manager_key].unblock():
        config.stash[templates_key] = build_templates(_build_demo, variants)


def pytest_configure_node(node):
    from django.conf import settings

    templates = node.config.stash.get(templates_key, None)
    if templates:
        node.workerinput[TEMPLATES_KEY] = templates
        node.workerinput[MEDIA_KEY] = {
            name: getattr(settings, name)
            for name in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT")
        }


def pytest_unconfigure(config):
    templates = config.stash.get(templates_key, None)
    if templates:
        from pytest_django.plugin import blocking_manager_key

        from congtin.test_databases import drop_templates

        with config.stash[blocking_manager_key].unblock():
            drop_templates(templates)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, request):
    templates = getattr(request.config, "workerinput", {}).get(TEMPLATES_KEY)
    if templates:
        from congtin.test_databases import use_template

        use_template(templates[PLAIN])
        for key, template in templates.items():
            _shared_demo.snapshots.adopt(key, template)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # Whatever starts Chromium is a browser test, marked or not: `make test` selects
    # the browser tests by the marker (before pytest's own -m selection, which runs
    # after this hook).
    for item in items:
        if "chromium" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)

    # Stable: within each group, tests keep the order they were collected in. A test
    # marked long starts first among its kind, so that under xdist the other worker
    # runs the rest beside it instead of waiting for it at the end.
    def group(item):
        setup = shared_setup(item)
        name = f"{setup.__module__}.{setup.__qualname__}" if setup else ""
        long = item.get_closest_marker("long") is not None
        return (is_transactional(item), not long, demo_variant(item), name)

    items.sort(key=group)


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    # Just before pytest-django opens the test's own transaction (its dependencies,
    # the test database among them, are ready by then), put the starting state the
    # test needs under it.
    if fixturedef.argname == "_django_db_helper":
        blocker = request.getfixturevalue("django_db_blocker")
        with blocker.unblock():
            if is_transactional(request.node):
                _shared_demo.enter_transactional()
            else:
                _shared_demo.enter(
                    demo_variant(request.node), shared_setup(request.node)
                )
    return (yield)


def pytest_sessionfinish(session):
    if _shared_demo.snapshots:
        from pytest_django.plugin import blocking_manager_key

        with session.config.stash[blocking_manager_key].unblock():
            _shared_demo.leave()
            _shared_demo.snapshots.drop_all()


@pytest.fixture(autouse=True)
def _fresh_page_parts():
    """Every test starts without kept page parts: they are keyed by a page's id, URL
    and publish time, which the next test repeats when pks are reused under a frozen
    clock. (The other caches' versions move with every publish, as before.) Nor with
    the portals' sites and root paths of the last one: a test's sites are rolled
    back with it, which moves no version."""
    from congtin.pagecache import fragments
    from congtin.portals import wagtail_compat

    fragments.invalidate()
    wagtail_compat.invalidate()


@pytest.fixture(scope="session", autouse=True)
def _no_random_counter_purge():
    """A counter write purges expired rows at random (one in 200); a test that
    counts a page's queries would then fail once in a while. The purge itself is
    tested by calling it directly."""
    from congtin.core import shared_counters

    shared_counters.PURGE_EVERY = 0


@pytest.fixture(scope="session", autouse=True)
def _second_factor_on_force_login():
    """``client.force_login(user)`` stands for a whole sign-in, second factor
    included: after Django's own, the session is verified with the person's real
    authenticator device (enrolled first if they must have one), as typing its
    code would (congtin/twofactor/testing.py). A test of the steps after the
    password signs in with ``client.login``, the password alone. Session-wide, so
    that the data a ``shared_setup`` builds before a test's own fixtures has it."""
    from django.test import Client

    from congtin.twofactor.testing import verify_client

    password_only = Client.force_login

    def force_login(self, user, backend=None):
        password_only(self, user, backend)
        verify_client(self, user)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Client, "force_login", force_login)
        yield


@pytest.fixture
def shared_data(db):
    """What the test's ``shared_setup.with_args(function)`` marker built: the
    function runs once, in a savepoint that the tests carrying the same marker start
    from (above the demo, when they also ask for it); each test is rolled back to
    it. The caches are emptied: the rows keep their pks from test to test and a
    rollback does not reach the caches, which may hold another test's pages."""
    clear_caches()
    return _shared_demo.setup_value


def shared_copy(request, *builds):
    """A fresh copy of what the test's ``shared_setup`` function built, when that
    function is one of ``builds`` (so no test sees what another changed in memory);
    None otherwise, and the caller builds its own (browser tests, which commit)."""
    if shared_setup(request.node) not in builds:
        return None
    return copy.deepcopy(request.getfixturevalue("shared_data"))


def demo_database(variant: int) -> str:
    """PostgreSQL: the database holding the committed demo ``variant``, for a test
    that starts processes of its own on a copy of it (``copy_database``): the test
    database itself is inside the test's transaction. The test asks for the
    variant's fixture (``demo``, ``full_demo``) first."""
    name = _shared_demo.snapshots.database(_shared_demo.key(variant))
    if name is None:
        raise LookupError(f"no PostgreSQL copy of demo variant {variant}")
    return name


def committed_demo(variant: int) -> None:
    """Make the test database hold the committed demo ``variant``, with no test's
    transaction open: for a module-scoped fixture (it runs before the test's
    transaction) that reads the database from outside, as a backup does. The
    module's tests then ask for the variant's fixture as usual."""
    _shared_demo.leave()
    _shared_demo.enter(variant)
    clear_caches()


def _load_demo(variant: int):
    if _shared_demo.dirty:
        # A transactional test. (Before an ordinary test's transaction was opened,
        # the database was made to hold the variant.)
        _shared_demo.load_committed(variant)
    # A test may have left pages or menus in a cache that its rollback did not reach.
    clear_caches()
    from congtin.demo.seed import parse_seed
    from congtin.news.models import ArticlePage

    seed = parse_seed()
    article = ArticlePage.objects.get(title=seed.title)
    url = article.get_url(current_site=article.get_site())
    return {"seed": seed, "article": article, "url": url}


@pytest.fixture
def full_demo(db, settings):
    """The Hai Phong demo exactly as `make run` builds it (sites on port 80)."""
    return _load_demo(FULL_DEMO)


@pytest.fixture
def demo(db, settings):
    """The demo's portals, sections, seed article and users, without what the other
    apps add (documents, schedule, agency pages, questions, drafts, targets): the
    whole demo costs several seconds more, so only the tests of those parts and of
    the demo itself load it (``full_demo``)."""
    return _load_demo(DEMO)


@pytest.fixture
def city_client(client):
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture
def make_articles():
    """Add ``count`` published articles under ``section``.

    With ``revisions=False`` each article is saved live, as a publish leaves it on
    the public site, without the revision, the log and the publish signals (no
    search entry): for tests that read public pages only and need many articles."""
    from datetime import timedelta

    from django.utils import timezone

    from congtin.news.models import ArticlePage

    def make(section, count, prefix="Tin thử", cover=None, revisions=True):
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
            if revisions:
                section.add_child(instance=article)
                article.save_revision().publish()
            else:
                article.first_published_at = article.last_published_at = now
                section.add_child(instance=article)
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
