"""Reader comments built directly, without the demo."""

import factory

from congtin.news.tests.factories import ArticlePageFactory
from congtin.reader_comments.models import ReaderComment


class ReaderCommentFactory(factory.django.DjangoModelFactory):
    """A pending comment on ``article``, filed under the article's portal."""

    class Meta:
        model = ReaderComment

    article = factory.SubFactory(ArticlePageFactory)
    site = factory.LazyAttribute(lambda comment: comment.article.get_site())
    name = factory.Sequence(lambda n: f"Bạn đọc {n}")
    email = factory.Sequence(lambda n: f"bandoc{n}@example.com")
    text = factory.Sequence(lambda n: f"Ý kiến bạn đọc số {n}.")
