"""News sections and articles built directly, without the demo."""

from datetime import timedelta

import factory
from django.utils import timezone

from congtin.core.tests.factories import PageFactory
from congtin.news.models import ArticlePage, NewsIndexPage


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = NewsIndexPage

    title = factory.Sequence(lambda n: f"Chuyên mục thử {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-thu-{n}")


class ArticlePageFactory(PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Tin thử số {n}")
    slug = factory.Sequence(lambda n: f"tin-thu-so-{n}")
    date = factory.Sequence(lambda n: timezone.now() - timedelta(hours=n))
    lead = factory.LazyAttribute(lambda page: f"Sapo của {page.title}.")
    body = factory.LazyAttribute(
        lambda page: [("paragraph", f"<p>Nội dung của {page.title}.</p>")]
    )
    author = "Phóng viên"
