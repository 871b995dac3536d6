from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def withdrawal_form(context, page):
    """The reason and replacement form on Wagtail's unpublish confirmation."""
    from congtin.editorial.withdrawal import form_for

    return form_for(context["request"], page)
