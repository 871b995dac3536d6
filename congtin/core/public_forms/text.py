"""Text typed by anyone, cleaned before it is checked or stored."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from congtin.core.vietnamese import clean_text


class PublicCharField(forms.CharField):
    """A CharField that cleans with :func:`clean_text` and then checks the length."""

    def __init__(self, *args, multiline: bool = False, **kwargs):
        self.multiline = multiline
        if multiline:
            kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8}))
        kwargs.setdefault("strip", False)
        super().__init__(*args, **kwargs)
        self.error_messages["required"] = "Vui lòng điền mục này."
        # Django's MaxLengthValidator would repeat validate()'s message in English.
        self.validators = [
            v for v in self.validators if not isinstance(v, MaxLengthValidator)
        ]

    def to_python(self, value):
        value = super().to_python(value)
        return clean_text(value, self.multiline)

    def validate(self, value):
        super().validate(value)
        if self.max_length is not None and len(value) > self.max_length:
            raise ValidationError(
                f"Tối đa {self.max_length} ký tự (đang có {len(value)}).",
                code="max_length",
            )

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # The browser limit would cut pasted text silently; the server says why.
        attrs.pop("maxlength", None)
        return attrs
