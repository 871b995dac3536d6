"""The link from the "Liên hệ" page (Vietnamese or English) to the contact form."""

from django import template

from congtin.core import chrome
from congtin.portals.wagtail_compat import language_of

register = template.Library()


@register.inclusion_tag("contact/includes/form_link.html", takes_context=True)
def contact_form_link(context, page):
    """The portal's contact form page, in words of ``page``'s language.

    The URL is kept with the page chrome (no query once warm); the form itself
    is Vietnamese and takes messages in either language.
    """
    from ..models import ContactFormPage

    url = chrome.first_page_url(
        context.get("request"), ContactFormPage, "contact_form_link"
    )
    code = (language_of(page.locale_id) or "vi").split("-")[0]
    return {"url": url, "english": code == "en"}
