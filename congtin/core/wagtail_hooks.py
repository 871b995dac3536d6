from django.db import models
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import SlugInput

from . import admin_menus  # noqa: F401  (registers the sidebar groups on import)
from .links import CachedPageLinkHandler
from .vietnamese import ADMIN_SLUG_FORMATTERS


class VietnameseSlugInput(SlugInput):
    """Wagtail's slug widget, told to turn "đ" into "d" before transliterating."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(
            attrs=attrs, formatters=formatters or ADMIN_SLUG_FORMATTERS, locale=locale
        )


register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})


# After Wagtail's own registration (order 0), which it replaces.
@hooks.register("register_rich_text_features", order=1)
def cached_page_links(features):
    features.register_link_type(CachedPageLinkHandler)
