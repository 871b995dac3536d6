"""What the article page and the form page ask: are comments open, which are shown."""

from congtin.news.models import ReaderCommentsChoice

from .models import ReaderComment, ReaderCommentSettings

# The article shows at most this many approved comments, the newest ones.
MAX_SHOWN = 200
FORM_SEGMENT = "y-kien"


def comments_open(article, site) -> bool:
    """Whether ``article`` (on ``site``) takes and shows reader comments: its own
    choice, or else its portal's switch (off by default)."""
    if article.reader_comments == ReaderCommentsChoice.ON:
        return True
    if article.reader_comments == ReaderCommentsChoice.OFF:
        return False
    if site is None:
        return False
    # Read, never created here: Wagtail's for_site() would create the row, and
    # that save empties the page cache and every kept page part.
    enabled = (
        ReaderCommentSettings.objects.filter(site=site)
        .values_list("enabled", flat=True)
        .first()
    )
    return bool(enabled)


def approved_comments(article) -> list[ReaderComment]:
    """The approved comments of ``article``, oldest first (at most ``MAX_SHOWN``,
    the newest); only the public fields are read."""
    newest = list(
        ReaderComment.objects.filter(
            article=article, status=ReaderComment.Status.APPROVED
        )
        .only("pk", "name", "text", "created_at")
        .order_by("-created_at", "-pk")[:MAX_SHOWN]
    )
    newest.reverse()
    return newest


def form_url(article_url: str) -> str:
    return f"{article_url}{FORM_SEGMENT}/"
