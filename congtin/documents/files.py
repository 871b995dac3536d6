"""Attached files: allowed kinds checked by name and by content, where and under
which name they are stored, download responses.

A file is accepted only when its extension is .pdf, .doc or .docx AND its first bytes
say the same thing (PDF header, OLE2 compound file, or a ZIP holding
``word/document.xml``), so a renamed executable or image is refused.

Files live in the private storage (``PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT``),
so no web server serves them by path: readers get a live, public document's file
through the document's ``tep/<id>/`` route, staff get any document's file through
the admin view behind :meth:`DocumentFileStorage.url`, which checks page permissions.
"""

import io
import mmap
import os
import secrets
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.urls import reverse
from django.utils.http import content_disposition_header

from congtin.core import filetypes
from congtin.core.public_forms import PrivateStorage
from congtin.core.vietnamese import nfc, slugify, strip_diacritics

MAX_FILE_SIZE = 20 * 1024 * 1024
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
KIND_LABELS = {"pdf": "PDF", "doc": "DOC", "docx": "DOCX"}


def extension_of(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def sniff(head: bytes, opener) -> str | None:
    """The kind the content really is ("pdf", "doc", "docx") or None."""
    return filetypes.office_kind(head, opener)


def check_content(name: str, data: bytes | mmap.mmap) -> str:
    """The file's kind; ValidationError (Vietnamese) when name or content is wrong.
    ``data`` may be a read-only mapping of a file on disk."""
    kind = extension_of(name)
    if kind not in CONTENT_TYPES:
        raise ValidationError(
            "Chỉ nhận tệp PDF, DOC hoặc DOCX (tệp “%(name)s” có đuôi khác).",
            params={"name": name},
            code="extension",
        )
    if not data:
        raise ValidationError("Tệp “%(name)s” rỗng.", params={"name": name})
    if len(data) > MAX_FILE_SIZE:
        raise ValidationError(
            "Tệp “%(name)s” lớn quá 20 MB.", params={"name": name}, code="size"
        )
    actual = sniff(data[: filetypes.HEAD_SIZE], lambda: io.BytesIO(data))
    if actual != kind:
        raise ValidationError(
            "Nội dung tệp “%(name)s” không phải %(kind)s (tệp hỏng hoặc đổi đuôi).",
            params={"name": name, "kind": KIND_LABELS[kind]},
            code="content",
        )
    return kind


def validate_upload(upload) -> None:
    """Model field validator: reads the uploaded (or stored) file once."""
    name = getattr(upload, "name", "") or ""
    upload.open("rb")
    upload.seek(0)
    data = upload.read(MAX_FILE_SIZE + 1)
    upload.seek(0)
    check_content(os.path.basename(name), data)


def storage_name(instance, filename: str) -> str:
    """ASCII storage path with a random part, so that knowing a document's file
    name is not enough to name the stored file; the Vietnamese name is kept in
    ``original_name``."""
    base, _ = os.path.splitext(os.path.basename(filename))
    kind = extension_of(filename)
    slug = slugify(base, max_length=80) or "tep"
    return f"van-ban/{slug}-{secrets.token_hex(16)}.{kind}"


class DocumentFileStorage(PrivateStorage):
    """The private storage, whose URLs are the staff download view: whatever
    shows a stored file's URL (the admin's file widget, previews) links to a view
    that checks who asks."""

    def url(self, name):
        return reverse("documents_file", args=[name])


def document_storage() -> DocumentFileStorage:
    """For ``FileField(storage=document_storage)``: a callable, so migrations
    record no path."""
    return DocumentFileStorage()


def ascii_fallback(name: str) -> str:
    """The name for clients that ignore ``filename*``: no marks, no quotes."""
    text = strip_diacritics(nfc(name))
    text = "".join(c if 32 <= ord(c) < 127 and c not in '"\\;' else "_" for c in text)
    return text.strip() or "van-ban"


def content_disposition(name: str) -> str:
    """RFC 6266: an ASCII ``filename`` and the exact UTF-8 name in ``filename*``."""
    name = nfc(name)
    # Django's header gives a non-ASCII name only as ``filename*``; clients that
    # ignore it would save "Quyết định" under the URL's last segment, so the
    # folded ASCII name goes first and the exact name is added after it.
    return (
        f"{content_disposition_header(True, ascii_fallback(name))}; "
        f"filename*=UTF-8''{quote(name, safe='')}"
    )


def download_response(fieldfile, download_name: str) -> FileResponse:
    """The stored file as an attachment named ``download_name``; FileNotFoundError
    or OSError when the storage no longer has it."""
    handle = fieldfile.storage.open(fieldfile.name, "rb")
    kind = extension_of(fieldfile.name)
    response = FileResponse(
        handle, content_type=CONTENT_TYPES.get(kind, "application/octet-stream")
    )
    response["Content-Disposition"] = content_disposition(download_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
