"""Write to the search index: add or replace documents, remove them, clear it."""

from collections.abc import Iterable

from django.db import transaction

from congtin.core.vietnamese import nfc

from .backends import current
from .models import SearchEntry
from .registry import Document

__all__ = [
    "Document",
    "put",
    "put_many",
    "remove",
    "remove_many",
    "clear",
    "refresh_statistics",
]

BATCH = 500


def _entry(doc: Document) -> SearchEntry:
    return SearchEntry(
        kind=doc.kind,
        content_type_id=doc.content_type_id,
        object_id=doc.object_id,
        site_id=doc.site_id,
        section_id=doc.section_id,
        title=nfc(doc.title or ""),
        body=nfc(doc.body or ""),
        url=doc.url,
        date=doc.date,
    )


def _forget(entries: list[tuple[int, str, str]]):
    if not entries:
        return
    current().delete(entries)
    SearchEntry.objects.filter(pk__in=[pk for pk, _, _ in entries]).delete()


def put_many(documents: Iterable[Document]) -> int:
    """Index ``documents``, replacing what the index had for the same objects."""
    count = 0
    batch: list[Document] = []
    for doc in documents:
        batch.append(doc)
        if len(batch) >= BATCH:
            count += _put_batch(batch)
            batch = []
    if batch:
        count += _put_batch(batch)
    return count


@transaction.atomic
def _put_batch(batch: list[Document]) -> int:
    # The last document wins when the same object comes twice.
    unique = {(doc.kind, doc.object_id): doc for doc in batch}
    by_kind: dict[str, list[int]] = {}
    for kind, object_id in unique:
        by_kind.setdefault(kind, []).append(object_id)
    old = []
    for kind, ids in by_kind.items():
        old += list(
            SearchEntry.objects.filter(kind=kind, object_id__in=ids).values_list(
                "pk", "title", "body"
            )
        )
    _forget(old)
    return len(current().insert([_entry(doc) for doc in unique.values()]))


def put(document: Document):
    put_many([document])


@transaction.atomic
def remove_many(kind: str, object_ids: Iterable[int]):
    ids = list(object_ids)
    _forget(
        list(
            SearchEntry.objects.filter(kind=kind, object_id__in=ids).values_list(
                "pk", "title", "body"
            )
        )
    )


def remove(kind: str, object_id: int):
    remove_many(kind, [object_id])


@transaction.atomic
def clear(kind: str | None = None):
    if kind is None:
        current().clear()
        SearchEntry.objects.all().delete()
        return
    _forget(
        list(SearchEntry.objects.filter(kind=kind).values_list("pk", "title", "body"))
    )


def refresh_statistics():
    """After indexing many documents at once (a rebuild, an import): let the database
    see the index as it now is. PostgreSQL plans a phrase query by how common its
    words are; with no statistics it reads tens of thousands of rows to answer one.
    Autovacuum does this too, in its own time and only where it is enabled."""
    current().refresh_statistics()
