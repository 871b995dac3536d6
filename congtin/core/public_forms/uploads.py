"""Attachments judged by their content, never by their name."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from congtin.core import filetypes
from congtin.core.vietnamese import clean_text, format_file_size

from .config import setting

ATTACHMENT_KINDS = {
    "pdf": ("application/pdf", ".pdf"),
    "jpeg": ("image/jpeg", ".jpg"),
    "png": ("image/png", ".png"),
}
ATTACHMENT_HELP = "Tệp PDF hoặc ảnh JPEG, PNG"


def check_attachment(upload) -> str:
    """The kind of ``upload`` ("pdf", "jpeg", "png") read from its bytes.

    Raises ValidationError (Vietnamese) when it is empty, too large, or anything
    else - whatever its name or declared content type says.
    """
    name = clean_text(getattr(upload, "name", "") or "tệp")[:100]
    size = upload.size or 0
    limit = setting("PUBLIC_FORMS_MAX_ATTACHMENT_BYTES")
    if size == 0:
        raise ValidationError(f"Tệp “{name}” rỗng.", code="empty")
    if size > limit:
        raise ValidationError(
            f"Tệp “{name}” lớn {format_file_size(size)}, vượt giới hạn {format_file_size(limit)}.",
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if filetypes.is_pdf(head):
        return "pdf"
    kind = filetypes.image_kind(upload)
    if kind in ("jpeg", "png"):
        return kind
    raise ValidationError(
        f"Tệp “{name}” không phải PDF hoặc ảnh JPEG, PNG hợp lệ "
        "(hệ thống đọc nội dung tệp, không dựa vào tên tệp).",
        code="bad_kind",
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files, each checked by :func:`check_attachment`; at most
    ``PUBLIC_FORMS_MAX_ATTACHMENTS``. ``cleaned_data`` holds ``[(upload, kind)]``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        )
        kwargs.setdefault("help_text", self.default_help())
        super().__init__(*args, **kwargs)

    @staticmethod
    def default_help() -> str:
        return (
            f"{ATTACHMENT_HELP}; tối đa {setting('PUBLIC_FORMS_MAX_ATTACHMENTS')} tệp, "
            f"mỗi tệp không quá "
            f"{format_file_size(setting('PUBLIC_FORMS_MAX_ATTACHMENT_BYTES'))}."
        )

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        files = [f for f in files if f]
        if not files:
            if self.required:
                raise ValidationError("Vui lòng đính kèm tệp.", code="required")
            return []
        limit = setting("PUBLIC_FORMS_MAX_ATTACHMENTS")
        if len(files) > limit:
            raise ValidationError(
                f"Chỉ được đính kèm tối đa {limit} tệp (đã chọn {len(files)}).",
                code="too_many",
            )
        errors, checked = [], []
        for upload in files:
            try:
                checked.append((upload, check_attachment(upload)))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return checked
