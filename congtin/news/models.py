"""News sections and articles."""

from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from congtin.core import chrome
from congtin.core.blocks import BodyBlock
from congtin.core.models import PortalPage
from congtin.core.params import page_number

from .forms import ArticlePageForm


class NewsIndexPage(PortalPage):
    """A news section or sub-section ("Tin tức - Sự kiện" > "Quận, huyện")."""

    intro = models.TextField("Giới thiệu chuyên mục", blank=True)
    per_page = models.PositiveSmallIntegerField("Số tin mỗi trang", default=20)

    content_panels = PortalPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("per_page"),
    ]
    parent_page_types = ["core.HomePage", "news.NewsIndexPage"]
    subpage_types = ["news.NewsIndexPage", "news.ArticlePage"]

    class Meta:
        verbose_name = "Chuyên mục tin"
        verbose_name_plural = "Chuyên mục tin"

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        from .queries import articles_under, subsections

        context = super().get_context(request, *args, **kwargs)
        context["articles"] = Paginator(articles_under(self), self.per_page).get_page(
            page_number(request.GET)
        )
        context["subsections"] = subsections(self)
        return context


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ReaderCommentsChoice(models.TextChoices):
    """Whether an article takes reader comments (``congtin.reader_comments``)."""

    PORTAL = "", "Theo cài đặt của cổng"
    ON = "on", "Cho phép"
    OFF = "off", "Không cho phép"


class ArticlePage(PortalPage):
    """A news article, shown as the Hai Phong portal shows its articles."""

    shown_in_portal_map = False
    # Read with the page when a URL is routed to it (core.models.page_at): every
    # article page shows its cover.
    route_select_related = ("cover_image",)

    date = models.DateTimeField(
        "Thời gian",
        default=timezone.now,
        db_index=True,
        help_text="Thời gian đăng hiển thị trên bài (giờ Việt Nam).",
    )
    lead = models.TextField("Sapo", help_text="Đoạn mở đầu, in đậm dưới tiêu đề.")
    body = StreamField(BodyBlock(), verbose_name="Nội dung")
    author = models.CharField("Tác giả", max_length=255, blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Ảnh đại diện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(
        "Chủ đề", through=ArticleTag, blank=True, help_text="Các chủ đề của bài."
    )
    reader_comments = models.CharField(
        "Ý kiến bạn đọc",
        max_length=3,
        choices=ReaderCommentsChoice.choices,
        default=ReaderCommentsChoice.PORTAL,
        blank=True,
        help_text=(
            "Cho phép bạn đọc gửi ý kiến về bài này; mặc định theo cài đặt “Ý kiến "
            "bạn đọc” của cổng. Ý kiến chỉ hiển thị sau khi được duyệt."
        ),
    )
    # A field rather than a StreamField block: one small migration here instead of
    # one per page type sharing BodyBlock, and one poll per article is enough.
    poll = models.ForeignKey(
        "polls.Poll",
        verbose_name="Thăm dò ý kiến",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Cuộc thăm dò ý kiến của cổng hiển thị cuối bài (không bắt buộc).",
    )

    content_panels = PortalPage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("author"), FieldPanel("cover_image")],
            heading="Thông tin bài",
        ),
        FieldPanel("lead"),
        FieldPanel("body"),
        FieldPanel("tags"),
        FieldPanel("poll"),
        InlinePanel("related_links", label="Tin liên quan"),
        FieldPanel("reader_comments"),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("date"),
    ]
    base_form_class = ArticlePageForm
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Bài viết"
        verbose_name_plural = "Bài viết"

    def get_context(self, request, *args, **kwargs):
        from .queries import related_articles

        context = super().get_context(request, *args, **kwargs)
        context["section"] = context["breadcrumbs"][-1]
        context["related_articles"] = related_articles(self, request)
        context["topics"] = chrome.cached(
            "topics", self.pk, lambda: [tag.name for tag in self.tags.all()]
        )
        return context

    @property
    def description(self) -> str:
        return self.search_description or self.lead


class RelatedArticle(Orderable):
    article = ParentalKey(
        ArticlePage, related_name="related_links", on_delete=models.CASCADE
    )
    related = models.ForeignKey(
        "news.ArticlePage",
        verbose_name="Bài liên quan",
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("related")]
