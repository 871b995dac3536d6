from django import forms

from .devices import MAX_CODE_LENGTH

WRONG_CODE = (
    "Mã không đúng hoặc đã được dùng. Hãy nhập mã đang hiện trên ứng dụng xác "
    "thực (6 chữ số), hoặc một mã dự phòng."
)
WRONG_APP_CODE = (
    "Mã không đúng. Hãy kiểm tra đồng hồ của điện thoại và nhập mã đang hiện "
    "trên ứng dụng (6 chữ số)."
)
WAIT = "Bạn đã nhập sai nhiều lần. Hãy chờ một lát rồi thử lại."


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Mã xác thực",
        max_length=MAX_CODE_LENGTH,
        help_text="6 chữ số trên ứng dụng xác thực, hoặc một mã dự phòng.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
        error_messages={
            "required": "Hãy nhập mã xác thực.",
            "max_length": WRONG_CODE,
        },
    )


class AppCodeForm(CodeForm):
    """The first code of a new authenticator app, at enrolment."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.label = "Mã trên ứng dụng"
        field.help_text = "6 chữ số mà ứng dụng hiện ra sau khi quét mã QR."
        field.widget.attrs["inputmode"] = "numeric"
