from django import template
from wagtail.models import Site

from ..services import approved_comments, comments_open, form_url

register = template.Library()


@register.inclusion_tag(
    "reader_comments/includes/article_comments.html", takes_context=True
)
def article_comments(context, page):
    """The approved comments under an article and the link to its form page.

    Reads the database; the article template keeps the result in a page fragment
    (``{% pagefragment %}``), which moderation and the portal's switch make stale.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if not comments_open(page, site):
        return {"open": False}
    return {
        "open": True,
        "comments": approved_comments(page),
        "form_url": form_url(page.get_url(request)),
    }
