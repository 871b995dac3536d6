"""The citizen's question form and the tracking-code form."""

from django import forms
from wagtail.models import Site

from congtin.core import public_forms
from congtin.core.public_forms.contacts import EmailOrPhoneMixin
from congtin.portals.sites import short_name

from .models import Topic


class PortalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, site):
        return short_name(site)


class QuestionForm(
    EmailOrPhoneMixin,
    public_forms.HoneypotMixin,
    public_forms.ChallengeMixin,
    forms.Form,
):
    missing_contact_message = (
        "Vui lòng ghi thư điện tử hoặc số điện thoại để nhận trả lời."
    )

    name = public_forms.PublicCharField(label="Họ và tên", max_length=200)
    email = public_forms.PublicCharField(
        label="Thư điện tử", max_length=254, required=False
    )
    phone = public_forms.PublicCharField(
        label="Số điện thoại", max_length=30, required=False
    )
    address = public_forms.PublicCharField(
        label="Địa chỉ", max_length=300, required=False
    )
    site = PortalChoiceField(
        label="Gửi đến cơ quan",
        queryset=Site.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": "Vui lòng chọn cơ quan trong danh sách."},
    )
    topic = forms.ModelChoiceField(
        label="Chủ đề",
        queryset=Topic.objects.none(),
        empty_label="-- Chọn chủ đề --",
        error_messages={
            "required": "Vui lòng chọn chủ đề.",
            "invalid_choice": "Vui lòng chọn chủ đề trong danh sách.",
        },
    )
    title = public_forms.PublicCharField(label="Tiêu đề", max_length=300)
    text = public_forms.PublicCharField(
        label="Nội dung câu hỏi", max_length=10000, multiline=True
    )
    attachments = public_forms.AttachmentsField(label="Tệp đính kèm", required=False)

    def __init__(self, *args, current_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.order_by(
            "-is_default_site", "site_name"
        )
        self.fields["site"].initial = current_site.pk if current_site else None
        self.fields["topic"].queryset = Topic.objects.all()
        self.fields["email"].widget.input_type = "email"
        self.fields["phone"].widget.input_type = "tel"
        self.fields[
            "email"
        ].help_text = "Ghi thư điện tử hoặc số điện thoại (ít nhất một)."

    def clean(self):
        cleaned = super().clean()
        self.require_email_or_phone(cleaned)
        topic, site = cleaned.get("topic"), cleaned.get("site")
        if topic and site and topic.site_id not in (None, site.pk):
            self.add_error("topic", "Chủ đề này không thuộc cơ quan đã chọn.")
        return cleaned


class TrackForm(forms.Form):
    code = forms.CharField(
        label="Mã theo dõi",
        max_length=40,
        help_text="Ví dụ: HD-7K3M-Q9PX (không phân biệt chữ hoa, chữ thường).",
        error_messages={"required": "Vui lòng nhập mã theo dõi."},
    )
