"""Question topics, questions and "Hỏi đáp" pages built directly, without the demo."""

import factory

from congtin.core.tests.factories import PageFactory, SiteFactory
from congtin.questions.models import Question, QuestionIndexPage, Topic


class TopicFactory(factory.django.DjangoModelFactory):
    """A topic shared by every portal (no ``site``)."""

    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Chủ đề thử {n}")
    slug = factory.Sequence(lambda n: f"chu-de-thu-{n}")


class QuestionIndexPageFactory(PageFactory):
    class Meta:
        model = QuestionIndexPage

    title = "Hỏi đáp"
    slug = factory.Sequence(lambda n: f"hoi-dap-{n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    """A question just sent to ``site``: open, with its tracking code and deadline
    set by the model as for a real one."""

    class Meta:
        model = Question

    site = factory.SubFactory(SiteFactory)
    topic = factory.SubFactory(TopicFactory)
    name = "Trần Thị Bình"
    email = factory.Sequence(lambda n: f"nguoihoi{n}@example.com")
    phone = "0987654321"
    address = "Số 9 Hàng Kênh"
    title = factory.Sequence(lambda n: f"Câu hỏi thử số {n}")
    text = factory.LazyAttribute(lambda question: f"Nội dung {question.title}.")
