"""Staff download of any document's file, published or not (admin URL
``documents_file``, the URL the file storage gives every stored file).

Readers never come here: they download a live, public document's file from the
document's own ``tep/<id>/`` route. This view serves a file to the staff who may
preview a page that holds it (the same rule as Wagtail's preview and "view draft":
may edit or may publish the page), so drafts, documents awaiting approval and
withdrawn documents stay with their own portal's staff. Anyone else gets 404,
whether the file exists or not.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.db.models import TextField
from django.db.models.functions import Cast
from django.http import Http404
from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail.models import Revision

from . import files
from .models import LegalDocumentFile, LegalDocumentPage


def holders(name: str) -> list[tuple[int, str]]:
    """(page id, download name) for every document that holds the stored file
    ``name``: its live rows, then any revision (a draft may add a file that no
    row has yet; a copied page shares its original's files)."""
    found = [
        (row.document_id, row.download_name)
        for row in LegalDocumentFile.objects.filter(file=name)
    ]
    # Revisions are JSON; the name is ASCII, so its JSON spelling is the same
    # text on SQLite and PostgreSQL and a text match narrows the scan.
    revisions = (
        Revision.objects.filter(
            content_type=ContentType.objects.get_for_model(LegalDocumentPage)
        )
        .annotate(text=Cast("content", TextField()))
        .filter(text__contains=json.dumps(name))
        .only("object_id", "content")
    )
    for revision in revisions:
        for item in revision.content.get("files") or []:
            if isinstance(item, dict) and item.get("file") == name:
                row = LegalDocumentFile(
                    file=name, original_name=item.get("original_name") or ""
                )
                found.append((int(revision.object_id), row.download_name))
    return found


def may_preview(user, page) -> bool:
    permissions = page.permissions_for_user(user)
    return permissions.can_edit() or permissions.can_publish()


def staff_download(request, name):
    found = holders(name)
    pages = LegalDocumentPage.objects.in_bulk({page_id for page_id, _ in found})
    allowed = [
        download_name
        for page_id, download_name in found
        if page_id in pages and may_preview(request.user, pages[page_id])
    ]
    if not allowed:
        raise Http404("Không có tệp này.")
    try:
        response = files.download_response(
            LegalDocumentFile(file=name).file, allowed[0]
        )
    except OSError as exc:
        raise Http404("Tệp không còn trên máy chủ.") from exc
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response
