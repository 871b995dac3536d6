"""Write to the search index: add or replace documents, remove them, clear it."""

import multiprocessing
from collections import deque
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
    "Indexer",
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


def put_many(documents: Iterable[Document], jobs: int = 1) -> int:
    """Index ``documents``, replacing what the index had for the same objects;
    ``jobs`` > 1: with that many processes splitting the words (see Indexer)."""
    with Indexer(jobs) as indexer:
        indexer.add(documents)
    return indexer.written


def _word_lists(pairs: list[tuple[str, str]]) -> list[tuple[str, str, str, str]]:
    from .backends import word_lists

    return [word_lists(title, body) for title, body in pairs]


class Indexer:
    """Writes documents to the index in batches, in the order given.

    With ``jobs`` > 1, that many worker processes split and fold the words of the
    next batches (most of the cost of indexing, and pure Python) while this process
    writes the batches before them, each in order: entries keep the order of the
    documents (the newest-first window follows it) and a caller's transaction
    holds every write. A rebuild uses the machine's cores this way; one document
    saved in the admin is indexed in its own process (jobs=1).

        with Indexer(jobs=2) as indexer:
            for documents in ...:
                indexer.add(documents)
        indexer.written
    """

    def __init__(self, jobs: int = 1):
        self.jobs = jobs if "fork" in multiprocessing.get_all_start_methods() else 1
        self.written = 0
        self._batch: list[Document] = []
        self._pending: deque = deque()
        self._pool = None

    def __enter__(self):
        if self.jobs > 1:
            # fork: the workers need no set-up and never touch the database.
            self._pool = multiprocessing.get_context("fork").Pool(self.jobs)
        return self

    def __exit__(self, kind, error, traceback):
        try:
            if kind is None:
                self.flush()
        finally:
            if self._pool is not None:
                self._pool.terminate()
                self._pool.join()
                self._pool = None

    def add(self, documents: Iterable[Document]) -> int:
        """Queue ``documents``; returns how many were written during the call."""
        before = self.written
        for doc in documents:
            self._batch.append(doc)
            if len(self._batch) >= BATCH:
                self._submit()
        return self.written - before

    def flush(self):
        """Write every document added so far."""
        self._submit()
        while self._pending:
            self._write_oldest()

    def _submit(self):
        if not self._batch:
            return
        # The last document wins when the same object comes twice.
        batch = list({(doc.kind, doc.object_id): doc for doc in self._batch}.values())
        self._batch = []
        if self._pool is None:
            self.written += _put_batch(batch)
            return
        pairs = [(nfc(doc.title or ""), nfc(doc.body or "")) for doc in batch]
        self._pending.append((batch, self._pool.apply_async(_word_lists, (pairs,))))
        # Enough batches ahead to keep every worker busy while one is written.
        while len(self._pending) > self.jobs:
            self._write_oldest()

    def _write_oldest(self):
        batch, words = self._pending.popleft()
        self.written += _put_batch(batch, words.get())


@transaction.atomic
def _put_batch(batch: list[Document], words=None) -> int:
    """Write one batch; ``words``: the word lists of its documents (backends.
    word_lists), when computed already."""
    # The last document wins when the same object comes twice.
    unique = {(doc.kind, doc.object_id): doc for doc in batch}
    if words is not None and len(unique) != len(batch):
        words = None
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
    return len(current().insert([_entry(doc) for doc in unique.values()], words))


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
