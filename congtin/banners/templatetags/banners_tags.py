"""The banners and link blocks of a slot, and the emergency alert; each one cache
read with the page chrome, no query once warm (``display.py``)."""

from django import template
from wagtail.models import Site

from ..display import current_alert, slot_contents

register = template.Library()


@register.inclusion_tag("banners/includes/slot.html", takes_context=True)
def banner_slot(context, slot: str, landmark: str = ""):
    """``landmark``: a name for a slot outside the page's main landmarks, which
    then is one itself (``<aside>``)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    contents = slot_contents(site.pk if site is not None else None, slot)
    return {"slot": slot, "landmark": landmark, **contents}


@register.inclusion_tag("banners/includes/emergency_alert.html")
def emergency_alert():
    return {"alert": current_alert()}
