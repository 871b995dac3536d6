"""Dialogue sections, dialogues and questions built directly, without the demo."""

from datetime import timedelta

import factory
from django.utils import timezone

from congtin.core.tests.factories import PageFactory
from congtin.dialogues.models import DialogueIndexPage, DialoguePage, DialogueQuestion


class DialogueIndexPageFactory(PageFactory):
    class Meta:
        model = DialogueIndexPage

    title = "Đối thoại trực tuyến"
    slug = factory.Sequence(lambda n: f"doi-thoai-truc-tuyen-{n}")


class DialoguePageFactory(PageFactory):
    """A dialogue running since ten minutes ago for another hour and a half."""

    class Meta:
        model = DialoguePage

    title = factory.Sequence(lambda n: f"Đối thoại thử số {n}")
    slug = factory.Sequence(lambda n: f"doi-thoai-thu-so-{n}")
    topic = "Dịch vụ công trực tuyến"
    leaders = "Phó Chủ tịch UBND (thử)\nGiám đốc Sở (thử)"
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=10))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(minutes=90))


class DialogueQuestionFactory(factory.django.DjangoModelFactory):
    """A waiting question on ``dialogue``, filed under the dialogue's portal."""

    class Meta:
        model = DialogueQuestion

    dialogue = factory.SubFactory(DialoguePageFactory)
    site = factory.LazyAttribute(lambda question: question.dialogue.get_site())
    name = factory.Sequence(lambda n: f"Người hỏi {n}")
    place = "phường Thử"
    contact = factory.Sequence(lambda n: f"hoi{n}@example.com")
    text = factory.Sequence(lambda n: f"Câu hỏi thử số {n} về dịch vụ công?")
