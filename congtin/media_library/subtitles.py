"""Subtitle files (WebVTT) of videos: what is accepted and where it is kept.

A file is accepted when it is named ``.vtt``, is at most ``MAX_SUBTITLES_SIZE``
bytes, is UTF-8 text, and starts with "WEBVTT" (after an optional byte-order mark)
followed by a space, a tab, a line break or nothing, as the WebVTT standard
requires; browsers ignore a track that does not, so the editor is told at once.
"""

import os

from django.core.exceptions import ValidationError

from congtin.core.vietnamese import format_file_size

# A two-hour film's subtitles are about 150 KB.
MAX_SUBTITLES_SIZE = 512 * 1024
SIGNATURE = b"WEBVTT"
BOM = b"\xef\xbb\xbf"


def validate_subtitles(file) -> None:
    """ValidationError (Vietnamese) unless ``file`` is a WebVTT file within limits."""
    name = getattr(file, "name", "") or ""
    if os.path.splitext(name)[1].lower() != ".vtt":
        raise ValidationError(
            "Tệp phụ đề phải là tệp WebVTT (đuôi .vtt).", code="extension"
        )
    size = getattr(file, "size", None)
    if size is not None and size > MAX_SUBTITLES_SIZE:
        raise ValidationError(
            "Tệp phụ đề quá lớn (%(size)s); tối đa %(limit)s.",
            params={
                "size": format_file_size(size),
                "limit": format_file_size(MAX_SUBTITLES_SIZE),
            },
            code="size",
        )
    file.seek(0)
    data = file.read(MAX_SUBTITLES_SIZE + 1)
    file.seek(0)
    check_content(data)


def check_content(data: bytes) -> None:
    if len(data) > MAX_SUBTITLES_SIZE:
        raise ValidationError(
            "Tệp phụ đề quá lớn; tối đa %(limit)s.",
            params={"limit": format_file_size(MAX_SUBTITLES_SIZE)},
            code="size",
        )
    text = data.removeprefix(BOM)
    rest = text[len(SIGNATURE) : len(SIGNATURE) + 1]
    if not text.startswith(SIGNATURE) or rest not in (b"", b" ", b"\t", b"\n", b"\r"):
        raise ValidationError(
            "Tệp phụ đề không đúng định dạng WebVTT: dòng đầu tiên phải bắt đầu "
            "bằng “WEBVTT”.",
            code="signature",
        )
    try:
        text.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(
            "Tệp phụ đề phải được lưu với bảng mã UTF-8.", code="encoding"
        ) from None
