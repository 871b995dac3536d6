"""Private files: outside MEDIA_ROOT, served only through a view that checks who asks."""

from __future__ import annotations

import re
import secrets
import unicodedata
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse

from congtin.core.vietnamese import clean_text

from .uploads import ATTACHMENT_KINDS


def private_root() -> Path:
    root = Path(
        getattr(settings, "PRIVATE_MEDIA_ROOT", None)
        or Path(settings.BASE_DIR) / "private_media"
    ).resolve()
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if public and root.is_relative_to(Path(public).resolve()):
            raise ImproperlyConfigured(
                f"PRIVATE_MEDIA_ROOT ({root}) must not be inside {name} ({public})."
            )
    return root


class PrivateStorage(FileSystemStorage):
    """Files outside the web root, with no public URL."""

    def __init__(self):
        super().__init__(location=str(private_root()), base_url=None)

    def url(self, name):
        raise ValueError("Private files have no public URL.")


def private_storage() -> PrivateStorage:
    """For ``FileField(storage=private_storage)``: evaluated at use, so settings
    (tests' temporary directory) apply and migrations never record a path."""
    return PrivateStorage()


def store_attachment(upload, kind: str) -> str:
    """A random file name for ``upload`` with the detected kind's extension; the
    citizen's own name is never used as a path."""
    return f"{secrets.token_hex(16)}{ATTACHMENT_KINDS[kind][1]}"


def safe_download_name(name: str, kind: str) -> str:
    """The citizen's file name, cleaned for a Content-Disposition header."""
    stem = Path(clean_text(name)).stem
    stem = unicodedata.normalize("NFC", stem)
    stem = re.sub(r'[\\/:*?"<>|;]+', "_", stem).strip(" ._") or "tep-dinh-kem"
    return f"{stem[:80]}{ATTACHMENT_KINDS[kind][1]}"


def private_file_response(fieldfile, download_name: str, kind: str):
    """Serve a private file as a download; the caller has checked permissions.

    Always an attachment with the content type of the detected kind, ``nosniff``
    and a sandboxing CSP, so a hostile file cannot run in the portal's origin.
    """
    response = FileResponse(
        fieldfile.open("rb"),
        as_attachment=True,
        filename=safe_download_name(download_name, kind),
        content_type=ATTACHMENT_KINDS[kind][0],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
