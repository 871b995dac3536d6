"""The forms of the proposal steps: a note, a section and a note, a reason."""

from django import forms
from wagtail.models import Site

from congtin.core.vietnamese import clean_text
from congtin.news.models import NewsIndexPage

from .permissions import city_sections
from .refusals import BAD_SECTION

NOTE_MAX_LENGTH = 2000


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Ghi chú gửi cổng thành phố",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Không bắt buộc. Ví dụ: vì sao bài đáng đăng trên cổng thành phố.",
        error_messages={"max_length": "Ghi chú dài quá %(limit_value)d ký tự."},
    )

    def clean_note(self):
        return clean_text(self.cleaned_data["note"], multiline=True)


class AcceptForm(forms.Form):
    section = forms.ModelChoiceField(
        label="Chuyên mục trên cổng thành phố",
        queryset=NewsIndexPage.objects.none(),
        empty_label=None,
        error_messages={"required": BAD_SECTION, "invalid_choice": BAD_SECTION},
    )
    reply = forms.CharField(
        label="Ghi chú biên tập",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Không bắt buộc. Cổng đề xuất và trưởng ban biên tập đọc được.",
        error_messages={"max_length": "Ghi chú dài quá %(limit_value)d ký tự."},
    )

    def __init__(self, *args, city: Site, **kwargs):
        super().__init__(*args, **kwargs)
        section = self.fields["section"]
        assert isinstance(section, forms.ModelChoiceField)
        section.queryset = city_sections(city).order_by("path")
        section.label_from_instance = self.section_label  # type: ignore[method-assign]

    @staticmethod
    def section_label(section):
        # Nested sections are told apart by their depth under the home page.
        return "— " * max(section.depth - 3, 0) + section.title

    def clean_reply(self):
        return clean_text(self.cleaned_data["reply"], multiline=True)


class DeclineForm(forms.Form):
    reply = forms.CharField(
        label="Lý do không tiếp nhận",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bắt buộc. Cổng đề xuất đọc được lý do này.",
        error_messages={
            "required": "Hãy ghi lý do không tiếp nhận.",
            "max_length": "Lý do dài quá %(limit_value)d ký tự.",
        },
    )

    def clean_reply(self):
        reply = clean_text(self.cleaned_data["reply"], multiline=True)
        if not reply:
            raise forms.ValidationError("Hãy ghi lý do không tiếp nhận.")
        return reply
