from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import SlugInput

from .vietnamese import ADMIN_SLUG_FORMATTERS


class VietnameseSlugInput(SlugInput):
    """Wagtail's slug widget, told to turn "đ" into "d" before transliterating."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(
            attrs=attrs, formatters=formatters or ADMIN_SLUG_FORMATTERS, locale=locale
        )


register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
