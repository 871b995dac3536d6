"""The public question form of a dialogue, on the shared public form pieces."""

from django import forms
from django.core.exceptions import ValidationError

from congtin.core import public_forms as pf
from congtin.core.public_forms.contacts import clean_contact
from congtin.core.vietnamese import format_number

NAME_MAX = 200
PLACE_MAX = 200
CONTACT_MAX = 254
TEXT_MIN = 10
TEXT_MAX = 3_000


class DialogueQuestionForm(pf.HoneypotMixin, pf.ChallengeMixin, forms.Form):
    name = pf.PublicCharField(
        label="Họ và tên",
        max_length=NAME_MAX,
        help_text="Được công khai cùng câu hỏi nếu câu hỏi được trả lời.",
    )
    place = pf.PublicCharField(
        label="Phường, xã nơi ở (không bắt buộc)",
        max_length=PLACE_MAX,
        required=False,
        help_text="Ví dụ: phường Trần Nguyên Hãn. Được công khai cùng họ tên.",
    )
    contact = pf.PublicCharField(
        label="Thư điện tử hoặc số điện thoại (không bắt buộc)",
        max_length=CONTACT_MAX,
        required=False,
        help_text="Không công khai; chỉ cán bộ tổ chức buổi đối thoại được xem, để "
        "liên hệ khi cần làm rõ câu hỏi.",
    )
    text = pf.PublicCharField(
        label="Nội dung câu hỏi",
        max_length=TEXT_MAX,
        multiline=True,
        help_text=f"Từ {TEXT_MIN} đến {format_number(TEXT_MAX)} ký tự. Vui lòng không "
        "ghi thông tin cá nhân vào nội dung câu hỏi.",
    )

    def clean_contact(self):
        contact = self.cleaned_data.get("contact", "")
        return clean_contact(contact) if contact else ""

    def clean_text(self):
        text = self.cleaned_data["text"]
        if len(text) < TEXT_MIN:
            raise ValidationError(
                f"Nội dung câu hỏi cần ít nhất {TEXT_MIN} ký tự.", code="too_short"
            )
        return text
