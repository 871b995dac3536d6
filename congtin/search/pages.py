"""Search sources for Wagtail pages: what a live, public page contributes."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, PageViewRestriction

from congtin.portals.sites import root_of, site_roots

from .registry import Document, SearchSource


def lines(*parts) -> str:
    """The parts that are not empty, one a line: a page's fields as one search body."""
    return "\n".join(part for part in parts if part)


class PageSource(SearchSource):
    """Live, public pages of ``model``; aliases are left out (their original is found)."""

    def pages(self):
        """Every page of this source, published or not."""
        return self.model.objects.all()

    def published(self):
        restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
        queryset = self.pages().live().filter(alias_of__isnull=True)
        for path in restricted:
            queryset = queryset.exclude(path__startswith=path)
        return queryset

    def is_published(self, page) -> bool:
        if not page.live or page.alias_of_id is not None:
            return False
        return not page.get_view_restrictions().exists()

    def body(self, page) -> str:
        """The page's text for matching and snippets; subclasses add their fields."""
        return page.search_description or ""

    def date(self, page):
        return page.first_published_at

    def document(self, page, roots=None) -> Document:
        roots = roots if roots is not None else site_roots()
        root_path, site_id = root_of(page.path, roots) or ("", None)
        parent_path = page.path[: -Page.steplen]
        section_id = None
        if len(parent_path) > len(root_path):
            section_id = (
                Page.objects.filter(path=parent_path)
                .values_list("pk", flat=True)
                .first()
            )
        return Document(
            kind=self.kind,
            object_id=page.pk,
            title=page.title,
            body=self.body(page),
            url=page.get_full_url() or page.url_path,
            date=self.date(page),
            site_id=site_id,
            section_id=section_id,
            content_type_id=ContentType.objects.get_for_model(page.specific_class).pk,
        )

    def documents(self, pages):
        roots = site_roots()
        for page in pages:
            yield self.document(page, roots)
