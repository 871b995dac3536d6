from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def drafts_link(context):
    """URL of the reader's portal's "Lấy ý kiến dự thảo" section, or "".

    On every page (footer), so the answer is kept with the cached page chrome: one
    cache read, no query; publishing or moving any page moves the chrome version on.
    """
    from wagtail.models import Site

    from congtin.core import chrome

    from ..models import DraftIndexPage

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return ""

    def build():
        index = (
            DraftIndexPage.objects.live()
            .public()
            .descendant_of(site.root_page)
            .order_by("path")
            .first()
        )
        return index.get_url(request=None, current_site=site) if index else ""

    return chrome.cached("drafts-link", site.pk, build)
