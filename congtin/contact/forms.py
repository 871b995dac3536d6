"""The citizen's contact form: whom to write to, who is writing, what about."""

from django import forms

from congtin.core import public_forms
from congtin.core.public_forms.contacts import EmailOrPhoneMixin

from .models import ContactRecipient


class RecipientChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, recipient):
        if recipient.description:
            return f"{recipient.name} ({recipient.description})"
        return recipient.name


class ContactForm(
    EmailOrPhoneMixin,
    public_forms.HoneypotMixin,
    public_forms.ChallengeMixin,
    forms.Form,
):
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

    def clean(self):
        cleaned = super().clean()
        self.require_email_or_phone(cleaned)
        return cleaned
