"""The one place where apps declare what readers can search.

Each app lists its sources in ``<app>/search_sources.py`` with :func:`register`; the
search app imports those modules at start-up, keeps the index in step with them
(signals) and rebuilds from them (``manage.py rebuild_search_index``).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import models

_SOURCES: dict[str, "SearchSource"] = {}
_SECTION_MODELS: list[type[models.Model]] = []


@dataclass
class Document:
    """What the index keeps about one published thing."""

    kind: str
    object_id: int
    title: str
    body: str
    url: str
    date: datetime | None = None
    site_id: int | None = None
    section_id: int | None = None
    content_type_id: int | None = None


class SearchSource:
    """How one model becomes search documents. Subclass and register."""

    kind: str = ""
    label: str = ""
    model: type[models.Model]
    # Rebuilds index oldest first: relevance is ranked within the newest matches.
    rebuild_order: tuple[str, ...] = ("pk",)

    def published(self) -> models.QuerySet:
        """Everything of this kind a reader may find now."""
        raise NotImplementedError

    def is_published(self, obj) -> bool:
        return self.published().filter(pk=obj.pk).exists()

    def document(self, obj) -> Document:
        raise NotImplementedError

    def documents(self, objects: Iterable) -> Iterable[Document]:
        for obj in objects:
            yield self.document(obj)


def register(source_class: type[SearchSource]) -> type[SearchSource]:
    source = source_class()
    if not source.kind or not source.label:
        raise ValueError(f"{source_class.__name__} needs a kind and a label")
    _SOURCES[source.kind] = source
    return source_class


def sources() -> list[SearchSource]:
    return list(_SOURCES.values())


def source_for_kind(kind: str) -> SearchSource | None:
    return _SOURCES.get(kind)


def sources_for_model(model) -> list[SearchSource]:
    return [s for s in _SOURCES.values() if issubclass(model, s.model)]


def label_for(kind: str) -> str:
    source = _SOURCES.get(kind)
    return source.label if source else kind


def register_sections(page_model):
    """Declare a page type whose live pages are the sections readers filter by."""
    if page_model not in _SECTION_MODELS:
        _SECTION_MODELS.append(page_model)
    return page_model


def section_models() -> list:
    return list(_SECTION_MODELS)
