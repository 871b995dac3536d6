"""Decimal fields typed and shown in the Vietnamese format ("1.057,091")."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from congtin.core.vietnamese import format_number, parse_number


class VietnameseDecimalFormField(forms.DecimalField):
    """Reads "1.057,091" as 1057.091 and shows stored values the same way.

    Django's localized DecimalField only drops thousand separators when
    USE_THOUSAND_SEPARATOR is on, and would read "1.057" as 1.057; editors here type
    the format the documents use, so the one parser in core.vietnamese decides.
    """

    widget = forms.TextInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        try:
            return parse_number(str(value))
        except ValueError as exc:
            raise ValidationError(
                "Nhập số theo cách viết Việt Nam, ví dụ 1.057,091 hoặc 92,5.",
                code="invalid",
            ) from exc

    def prepare_value(self, value):
        if isinstance(value, Decimal | int | float):
            return format_number(value)
        return value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        attrs["inputmode"] = "decimal"
        return attrs


class VietnameseDecimalField(models.DecimalField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": VietnameseDecimalFormField, **kwargs})
