from django import template

from congtin.core import chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def gallery_link(context):
    """URL of the reader's portal's "Thư viện ảnh, video" page, or "" (cached with
    the chrome)."""
    from ..models import GalleryIndexPage

    return chrome.first_page_url(
        context.get("request"), GalleryIndexPage, "gallery_link"
    )
