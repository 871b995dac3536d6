"""Document pages and their files built directly, without the demo."""

from datetime import date

import factory
from django.core.files.base import ContentFile

from congtin.core.tests.factories import PageFactory
from congtin.documents.models import (
    DocumentIndexPage,
    LegalDocumentFile,
    LegalDocumentPage,
)


class DocumentIndexPageFactory(PageFactory):
    class Meta:
        model = DocumentIndexPage

    title = "Văn bản"
    slug = factory.Sequence(lambda n: f"van-ban-{n}")


class LegalDocumentPageFactory(PageFactory):
    """A legal document; ``files=[(name, bytes), ...]`` attaches files in order."""

    class Meta:
        model = LegalDocumentPage

    number = factory.Sequence(lambda n: f"{n}/NQ-HĐND")
    title = factory.LazyAttribute(lambda page: f"Văn bản số {page.number}")
    slug = ""  # made from the title, as when an editor leaves it empty
    doc_type = "nghi-quyet"
    issuing_body = "Ủy ban nhân dân thành phố"
    issue_date = date(2021, 10, 11)
    summary = factory.LazyAttribute(lambda page: f"Trích yếu văn bản {page.number}.")

    @classmethod
    def _instance(cls, model_class, *args, files=(), **kwargs):
        # Files join the page's cluster before its first save, as in the admin
        # form, so that its first revision lists them.
        page = model_class(*args, **kwargs)
        for name, data in files:
            page.files.add(
                LegalDocumentFile(file=ContentFile(data, name=name), original_name=name)
            )
        return page
