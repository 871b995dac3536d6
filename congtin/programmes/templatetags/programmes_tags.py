"""Links to this app's lists from other apps' templates (the targets pages)."""

from django import template
from wagtail.models import Site

from ..models import PlanningDocumentPage, PlanningIndexPage

register = template.Library()


@register.inclusion_tag("programmes/includes/planning_link.html", takes_context=True)
def planning_link(context):
    """The portal's "Chiến lược, quy hoạch, kế hoạch" list, when it lists anything."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    index = None
    if site is not None:
        index = (
            PlanningIndexPage.objects.live()
            .public()
            .descendant_of(site.root_page)
            .first()
        )
        if index is not None and not (
            PlanningDocumentPage.objects.live().public().child_of(index).exists()
        ):
            index = None
    return {"index": index, "url": index.get_url(request) if index else ""}
