"""Consultation sections, drafts and comments built directly, without the demo."""

from datetime import timedelta

import factory
from django.utils import timezone

from congtin.consultations.models import DraftComment, DraftDocumentPage, DraftIndexPage
from congtin.core.tests.factories import PageFactory


class DraftIndexPageFactory(PageFactory):
    class Meta:
        model = DraftIndexPage

    title = "Lấy ý kiến dự thảo"
    slug = factory.Sequence(lambda n: f"lay-y-kien-du-thao-{n}")


class DraftDocumentPageFactory(PageFactory):
    """A draft open since yesterday for five more days, unless told otherwise."""

    class Meta:
        model = DraftDocumentPage

    title = factory.Sequence(lambda n: f"Dự thảo thử số {n}")
    slug = factory.Sequence(lambda n: f"du-thao-thu-so-{n}")
    consulting_body = "Sở Tư pháp (thử)"
    body = "<p>Điều 1. Nội dung thử.</p>"
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=5))


class DraftCommentFactory(factory.django.DjangoModelFactory):
    """A pending comment on ``draft``, filed under the draft's portal."""

    class Meta:
        model = DraftComment

    draft = factory.SubFactory(DraftDocumentPageFactory)
    site = factory.LazyAttribute(lambda comment: comment.draft.get_site())
    name = factory.Sequence(lambda n: f"Người góp ý {n}")
    contact = factory.Sequence(lambda n: f"gopy{n}@example.com")
    text = factory.Sequence(lambda n: f"Ý kiến góp ý số {n}.")
