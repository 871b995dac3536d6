"""One call for every change that alters a public page: ``public_content_changed``.

Every change empties the whole page cache (all portals), rather than working out
which pages show what changed: a page lists others (home, sections, RSS, sitemaps,
the portal map, the city portal showing a district's articles), the menu and the
agency footer are on every page, and a target figure is embedded in articles
anywhere. A portal publishes a few dozen times a day; after each change every page
is rendered once more on its next visit (about 5-10 ms each), which is cheap next to
serving a stale page. The edge cache in front is told the same, one prefix purge
per site, by a background task.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from . import fragments, store


def public_content_changed(**kwargs) -> None:
    """Every cached page, and every kept page part (``fragments``), is stale once
    the current transaction commits (at once outside one). Takes a signal's
    arguments, so it can be connected as a receiver; called any number of times in
    one transaction, it acts once."""
    _changed(parts=True)


def page_was_published(**kwargs) -> None:
    """A page was published: every cached page is stale (lists, menus), but the
    kept parts of other pages are not (the page's own ``cache_key`` changed; a slug
    change arrives as ``page_slug_changed``)."""
    _changed(parts=False)


def _changed(parts: bool) -> None:
    if parts:
        # At once as well as after the commit: the rest of this transaction (an
        # editor's request, a test) must not be shown parts rendered before it.
        fragments.invalidate()
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _, func, _ in connection.run_on_commit:
            if isinstance(func, _AfterCommit) and not func.done:
                func.parts = func.parts or parts
                return
    transaction.on_commit(_AfterCommit(parts), robust=True)


class _AfterCommit:
    """Marks itself done, so a callback already run is not taken for a pending one
    (a test runs the callbacks of a transaction that is never committed)."""

    done = False

    def __init__(self, parts: bool):
        self.parts = parts

    def __call__(self) -> None:
        self.done = True
        _after_commit(self.parts)


def _after_commit(parts: bool = True) -> None:
    # After the commit, not before: a reader in between would cache the old page
    # under the new version.
    if parts:
        fragments.invalidate()
    store.move_version_on()
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        # Wagtail sends the purges from a background task, not from this request.
        purge_urls_from_cache(site_prefixes())


def site_prefixes() -> list[str]:
    """One purge URL per Wagtail site: everything on that host."""
    from wagtail.models import Site

    return [f"{site.root_url}/*" for site in Site.objects.order_by("pk")]


def purge_on_change(*models) -> None:
    """Any save or delete of one of ``models`` changes public pages: for apps whose
    data the pages show (each app connects its own models in its ``ready()``)."""
    for model in models:
        label = model._meta.label_lower
        post_save.connect(
            _saved, sender=model, dispatch_uid=f"congtin-pagecache-save-{label}"
        )
        post_delete.connect(
            public_content_changed,
            sender=model,
            dispatch_uid=f"congtin-pagecache-delete-{label}",
        )


def _saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:  # loading fixtures
        public_content_changed()


def connect_signals() -> None:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import (
        CollectionViewRestriction,
        Page,
        PageViewRestriction,
        Site,
    )
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
    )

    # Publishing covers a scheduled publish, a revision revert and an alias kept in
    # step with its page; unpublishing covers withdrawal and expiry by the scheduler.
    page_published.connect(
        page_was_published, dispatch_uid="congtin-pagecache-published"
    )
    for signal in (page_unpublished, post_page_move, page_slug_changed):
        signal.connect(
            public_content_changed, dispatch_uid=f"congtin-pagecache-{id(signal)}"
        )
    post_delete.connect(
        public_content_changed, sender=Page, dispatch_uid="congtin-pagecache-page-del"
    )
    purge_on_change(
        Site,
        PageViewRestriction,
        CollectionViewRestriction,
        get_image_model(),
        get_document_model(),
    )
