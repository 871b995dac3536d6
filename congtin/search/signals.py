"""Keep the index in step with what is published, in the same transaction."""

import logging

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from . import index
from .pages import PageSource
from .registry import sources, sources_for_model

logger = logging.getLogger(__name__)


def refresh(obj):
    """Index ``obj`` if a reader may find it now, otherwise take it out."""
    for source in sources_for_model(type(obj)):
        if source.is_published(obj):
            index.put(source.document(obj))
        else:
            index.remove(source.kind, obj.pk)


def forget(obj):
    for source in sources_for_model(type(obj)):
        index.remove(source.kind, obj.pk)


def _page_changed(sender, instance, **kwargs):
    refresh(instance.specific)


def _page_deleted(sender, instance, **kwargs):
    # Deleting a section deletes its pages as plain Page rows, so match on the id
    # against every page kind rather than on the model that sent the signal.
    if isinstance(instance, Page):
        for source in sources():
            if issubclass(source.model, Page):
                index.remove(source.kind, instance.pk)


def _subtree_changed(sender, instance, **kwargs):
    # A move, a new slug or a new view restriction changes the URL, section, portal
    # or visibility of the page and of everything below it.
    if isinstance(instance, PageViewRestriction):
        page = Page.objects.filter(pk=instance.page_id).first()
        if page is None:  # deleted with its page
            return
    else:
        page = instance
    for source in sources():
        if isinstance(source, PageSource):
            for item in source.pages().descendant_of(page, inclusive=True):
                refresh(item)


def _object_saved(sender, instance, raw=False, **kwargs):
    if raw or isinstance(instance, Page):
        return
    refresh(instance)


def _object_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        return
    forget(instance)


def connect():
    page_published.connect(_page_changed, dispatch_uid="congtin_search_published")
    page_unpublished.connect(_page_changed, dispatch_uid="congtin_search_unpublished")
    post_page_move.connect(_subtree_changed, dispatch_uid="congtin_search_moved")
    page_slug_changed.connect(_subtree_changed, dispatch_uid="congtin_search_slug")
    for signal in (post_save, post_delete):
        signal.connect(
            _subtree_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"congtin_search_restriction_{id(signal)}",
        )
    post_delete.connect(_page_deleted, dispatch_uid="congtin_search_page_deleted")
    for source in sources():
        if not issubclass(source.model, Page):
            # Non-page sources (questions, ...) decide with is_published on every save.
            post_save.connect(
                _object_saved,
                sender=source.model,
                dispatch_uid=f"search_save_{source.kind}",
            )
            post_delete.connect(
                _object_deleted,
                sender=source.model,
                dispatch_uid=f"search_del_{source.kind}",
            )


__all__ = ["refresh", "forget", "connect", "PageSource"]
