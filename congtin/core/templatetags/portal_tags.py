from django import template

from congtin.core import navigation, vietnamese

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The main menu, with the item holding the current page marked active."""
    request = context["request"]
    # Every key the template tests is present: a missing one costs the template
    # engine an exception and a debug log line per test, three per item.
    items = [
        {"active": False, "external": False, **item}
        for item in navigation.main_menu(request)
    ]
    page = context.get("page")
    current_url = page.get_url(request) if page is not None else request.path
    candidates = [
        item
        for item in items
        if not item.get("external")
        and item["url"]
        and (
            current_url == item["url"]
            or (item["url"] != "/" and current_url.startswith(item["url"]))
        )
    ]
    if candidates:
        max(candidates, key=lambda item: len(item["url"]))["active"] = True
    return {"items": items, "words": navigation.chrome_words()}


@register.simple_tag
def chrome_words():
    """The chrome's words in the page's language (see navigation.CHROME_WORDS)."""
    return navigation.chrome_words()


@register.simple_tag(takes_context=True)
def portal_map_url(context):
    return navigation.portal_map_url(context["request"])


@register.filter
def vn_datetime(value):
    """21/12/2021 18:00 in Asia/Ho_Chi_Minh."""
    return vietnamese.format_datetime(value) if value else ""


@register.filter
def vn_number(value, decimals=None):
    return vietnamese.format_number(value, decimals) if value is not None else ""
