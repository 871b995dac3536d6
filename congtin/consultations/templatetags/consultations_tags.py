from django import template

from congtin.core import chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def drafts_link(context):
    """URL of the reader's portal's "Lấy ý kiến dự thảo" section, or "" (cached with the chrome)."""
    from ..models import DraftIndexPage

    return chrome.first_page_url(context.get("request"), DraftIndexPage, "drafts-link")
