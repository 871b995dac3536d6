"""The citizen's contact form: whom to write to, who is writing, what about."""

from django import forms
from django.core.validators import validate_email

from congtin.core import public_forms
from congtin.core.vietnamese import normalize_phone

from .models import ContactRecipient


class RecipientChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, recipient):
        if recipient.description:
            return f"{recipient.name} ({recipient.description})"
        return recipient.name


class ContactForm(public_forms.HoneypotMixin, public_forms.ChallengeMixin, forms.Form):
    recipient = RecipientChoiceField(
        label="Gửi đến phòng, ban",
        queryset=ContactRecipient.objects.none(),
        empty_label="-- Chọn phòng, ban --",
        error_messages={
            "required": "Vui lòng chọn phòng, ban nhận thư.",
            "invalid_choice": "Vui lòng chọn phòng, ban trong danh sách.",
        },
    )
    name = public_forms.PublicCharField(label="Họ và tên", max_length=200)
    email = public_forms.PublicCharField(
        label="Thư điện tử", max_length=254, required=False
    )
    phone = public_forms.PublicCharField(
        label="Số điện thoại", max_length=30, required=False
    )
    title = public_forms.PublicCharField(label="Tiêu đề", max_length=300)
    text = public_forms.PublicCharField(
        label="Nội dung", max_length=5000, multiline=True
    )

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the departments of the portal the form is on: another portal's
        # department posted by hand is an invalid choice (400).
        self.fields["recipient"].queryset = ContactRecipient.objects.filter(
            site=site, is_active=True
        ).order_by("sort_order", "name", "pk")
        self.fields["email"].widget.input_type = "email"
        self.fields["phone"].widget.input_type = "tel"
        self.fields["email"].help_text = (
            "Ghi thư điện tử hoặc số điện thoại (ít nhất một) để phòng, ban liên hệ "
            "lại với bạn."
        )

    def clean_email(self):
        email = self.cleaned_data.get("email", "")
        if email:
            try:
                validate_email(email)
            except forms.ValidationError:
                raise forms.ValidationError(
                    "Địa chỉ thư điện tử không hợp lệ (ví dụ đúng: ten@example.vn)."
                ) from None
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

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("email")
            and not cleaned.get("phone")
            and "email" not in self.errors
            and "phone" not in self.errors
        ):
            self.add_error(
                "email",
                "Vui lòng ghi thư điện tử hoặc số điện thoại để được liên hệ lại.",
            )
        return cleaned
