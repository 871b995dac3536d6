"""The public comment form; every check runs on the server, messages in Vietnamese."""

from django import forms
from django.core.exceptions import ValidationError

from congtin.core import public_forms as pf
from congtin.core.public_forms.contacts import clean_contact
from congtin.core.vietnamese import format_file_size, format_number

NAME_MAX = 200
CONTACT_MAX = 254
TEXT_MAX = 10_000
TEXT_MIN = 10


class CommentForm(pf.HoneypotMixin, pf.ChallengeMixin, forms.Form):
    name = pf.PublicCharField(label="Họ và tên", max_length=NAME_MAX)
    contact = pf.PublicCharField(
        label="Thư điện tử hoặc số điện thoại",
        max_length=CONTACT_MAX,
        help_text="Không công khai; chỉ cán bộ tiếp nhận ý kiến được xem.",
    )
    text = pf.PublicCharField(
        label="Nội dung góp ý",
        max_length=TEXT_MAX,
        multiline=True,
        help_text=f"Từ {TEXT_MIN} đến {format_number(TEXT_MAX)} ký tự.",
    )
    attachment = forms.FileField(
        label="Tệp đính kèm (không bắt buộc)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].help_text = (
            f"Một tệp {pf.ATTACHMENT_HELP}, không quá "
            f"{format_file_size(pf.setting('PUBLIC_FORMS_MAX_ATTACHMENT_BYTES'))}."
        )
        self.fields["attachment"].error_messages.update(
            {
                "invalid": "Tệp gửi lên không hợp lệ.",
                "missing": "Không nhận được tệp; vui lòng chọn lại.",
                "empty": "Tệp gửi lên rỗng.",
                "max_length": "Tên tệp quá dài.",
                "contradiction": "Vui lòng chọn tệp hoặc bỏ chọn, không cả hai.",
            }
        )

    def clean_contact(self):
        return clean_contact(self.cleaned_data["contact"])

    def clean_text(self):
        text = self.cleaned_data["text"]
        if len(text) < TEXT_MIN:
            raise ValidationError(
                f"Nội dung góp ý cần ít nhất {TEXT_MIN} ký tự.", code="too_short"
            )
        return text

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            self.attachment_kind = ""
            return None
        self.attachment_kind = pf.check_attachment(upload)
        return upload
