"""Text typed by anyone, cleaned before it is checked or stored."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from congtin.core.vietnamese import strip_spoofing_characters

# C0/C1 controls and the BOM; tab and newline are kept for multi-line text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Unicode's line and paragraph separators break lines as newlines do.
_NEWLINE = re.compile("\r\n|[\r\u2028\u2029]")


def clean_text(value, multiline: bool = False) -> str:
    """``value`` as text congtin can store and show: NFC, no control characters,
    nothing that shows other than it is (bidi overrides, zero-width and tag
    characters, stray or piled-up marks: see ``strip_spoofing_characters``).

    Markup is kept as typed (it is text; templates escape it). Single-line text has
    its line breaks and tabs turned into spaces.
    """
    if value is None:
        return ""
    text = str(value)
    text = _SURROGATE.sub("", text)
    text = _NEWLINE.sub("\n", text)
    text = _CONTROL.sub("", text)
    if not multiline:
        text = re.sub(r"[\n\t]+", " ", text)
    return strip_spoofing_characters(text).strip()


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
