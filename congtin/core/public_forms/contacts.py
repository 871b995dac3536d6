"""How a public form reads the way to reach the person who sent it: one field that
takes an e-mail address or a phone number, or an e-mail field and a phone field of
which at least one is given. Messages in Vietnamese, with an example that is right."""

from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from congtin.core.vietnamese import is_phone, normalize_phone

BAD_EMAIL = "Địa chỉ thư điện tử không hợp lệ (ví dụ đúng: ten@example.vn)."


def clean_contact(value: str) -> str:
    """An e-mail address or a phone number, as typed (trimmed); else ValidationError."""
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValidationError(BAD_EMAIL, code="bad_email") from None
        return value
    if not is_phone(value):
        raise ValidationError(
            "Vui lòng nhập địa chỉ thư điện tử hoặc số điện thoại hợp lệ "
            "(ví dụ: 0912 345 678).",
            code="bad_contact",
        )
    return value


# Type-checked as the form it is mixed into.
if TYPE_CHECKING:
    _FormBase = forms.Form
else:
    _FormBase = object


class EmailOrPhoneMixin(_FormBase):
    """For a form with ``email`` and ``phone`` fields: each checked, the e-mail in
    lower case when it is ASCII, the phone normalised; its ``clean()`` calls
    :meth:`require_email_or_phone` so that at least one is given."""

    missing_contact_message = (
        "Vui lòng ghi thư điện tử hoặc số điện thoại để được liên hệ lại."
    )

    def clean_email(self):
        email = self.cleaned_data.get("email", "")
        if email:
            try:
                validate_email(email)
            except forms.ValidationError:
                raise forms.ValidationError(BAD_EMAIL) from None
        return email.lower() if email.isascii() else email

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "")
        if not phone:
            return ""
        normalized = normalize_phone(phone)
        if not normalized:
            raise forms.ValidationError(
                "Số điện thoại không hợp lệ (ví dụ đúng: 0912 345 678 hoặc "
                "+84 912 345 678)."
            )
        return normalized

    def require_email_or_phone(self, cleaned: dict) -> None:
        if (
            not cleaned.get("email")
            and not cleaned.get("phone")
            and "email" not in self.errors
            and "phone" not in self.errors
        ):
            self.add_error("email", self.missing_contact_message)
