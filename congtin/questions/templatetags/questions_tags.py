from django import template

from congtin.core import chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def questions_link(context):
    """URL of the reader's portal's "Hỏi đáp" page, or "" (cached with the chrome)."""
    from ..models import QuestionIndexPage

    return chrome.first_page_url(
        context.get("request"), QuestionIndexPage, "questions_link"
    )
