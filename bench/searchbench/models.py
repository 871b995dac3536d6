from django.db import models
from wagtail.search import index


class BenchArticle(index.Indexed, models.Model):
    """The corpus article as Wagtail's own search sees an ``ArticlePage``.

    Search fields mirror what Wagtail gives a page title (boost 2 and autocomplete)
    plus the body, so the unmodified backend indexes the same text as ours.
    """

    title = models.CharField(max_length=255)
    body = models.TextField()
    date = models.DateTimeField()

    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    class Meta:
        app_label = "searchbench"
