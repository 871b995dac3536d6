"""The public comment form; every check runs on the server, messages in Vietnamese."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from congtin.core import public_forms as pf
from congtin.core.vietnamese import format_number

NAME_MAX = 200
EMAIL_MAX = 254
TEXT_MIN = 10
TEXT_MAX = 3_000


class ReaderCommentForm(pf.HoneypotMixin, pf.ChallengeMixin, forms.Form):
    name = pf.PublicCharField(label="Họ và tên", max_length=NAME_MAX)
    email = pf.PublicCharField(
        label="Thư điện tử",
        max_length=EMAIL_MAX,
        help_text="Không công khai; chỉ cán bộ của cổng được xem.",
    )
    text = pf.PublicCharField(
        label="Ý kiến của bạn",
        max_length=TEXT_MAX,
        multiline=True,
        help_text=f"Từ {TEXT_MIN} đến {format_number(TEXT_MAX)} ký tự.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.input_type = "email"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    def clean_email(self):
        value = self.cleaned_data["email"]
        try:
            validate_email(value)
        except ValidationError:
            raise ValidationError(
                "Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@example.com).",
                code="bad_email",
            ) from None
        return value

    def clean_text(self):
        text = self.cleaned_data["text"]
        if len(text) < TEXT_MIN:
            raise ValidationError(
                f"Ý kiến cần ít nhất {TEXT_MIN} ký tự.", code="too_short"
            )
        return text
