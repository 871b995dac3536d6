"""Keep the index in step with what is published, in the same transaction."""

import logging

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

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
    forget(instance)


def _page_moved(sender, instance, **kwargs):
    # A move changes the URL, section and maybe portal of the page and everything below.
    for page in Page.objects.descendant_of(instance, inclusive=True).specific():
        if sources_for_model(type(page)):
            refresh(page)


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
    post_page_move.connect(_page_moved, dispatch_uid="congtin_search_moved")
    for source in sources():
        if issubclass(source.model, Page):
            post_delete.connect(
                _page_deleted,
                sender=source.model,
                dispatch_uid=f"search_del_{source.kind}",
            )
        else:
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
