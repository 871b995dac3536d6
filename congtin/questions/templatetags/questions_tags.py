from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def questions_link(context):
    """URL of the reader's portal's "Hỏi đáp" page, or "".

    On every page (footer), so the answer is kept with the cached page chrome: one
    cache read, no query; publishing or moving any page moves the chrome version on.
    """
    from wagtail.models import Site

    from congtin.core import chrome

    from ..models import QuestionIndexPage

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return ""

    def build():
        index = (
            QuestionIndexPage.objects.live()
            .public()
            .descendant_of(site.root_page)
            .order_by("path")
            .first()
        )
        return index.get_url(request=None, current_site=site) if index else ""

    return chrome.cached("questions_link", site.pk, build)
