"""A hidden field people never fill and scripts often do."""

from __future__ import annotations

from typing import Any

from django import forms


class HoneypotMixin:
    """Adds a hidden field that people never see nor fill (``honeypot_field``).

    Check ``form.honeypot_tripped`` before ``is_valid()`` and answer with
    :func:`honeypot_response`. The field is hidden with CSS and ``aria-hidden`` and
    skipped by keyboard navigation; its label tells screen-reader users to leave it.
    """

    honeypot_field = "website"
    # Provided by the form this is mixed into.
    is_bound: bool
    data: Any

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_field] = forms.CharField(
            label="Để trống ô này",
            required=False,
            widget=forms.TextInput(
                attrs={"tabindex": "-1", "autocomplete": "off", "class": "hp-field"}
            ),
        )

    @property
    def honeypot_tripped(self) -> bool:
        return bool(self.is_bound and str(self.data.get(self.honeypot_field, "")))
