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
from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from django.db.models import TextField
from django.db.models.functions import Cast
from django.http import Http404
from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail.models import Revision

from . import files
from .models import LegalDocumentFile, LegalDocumentPage


def holders(name: str) -> Iterator[tuple[int, str]]:
    """(page id, download name) for every document that holds the stored file
    ``name``: its rows first, then its revisions (a draft may add a file that no
    row has yet; a copied page shares its original's files)."""
    for row in LegalDocumentFile.objects.filter(file=name):
        yield row.document_id, row.download_name
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
                yield int(revision.object_id), row.download_name


def may_preview(user, page) -> bool:
    permissions = page.permissions_for_user(user)
    return permissions.can_edit() or permissions.can_publish()


def allowed_name(user, name: str) -> str | None:
    """The download name of ``name`` for ``user``, or None when no document that
    holds it may be previewed by them. Revisions are read only when no row
    answers."""
    checked = {}
    for page_id, download_name in holders(name):
        if page_id not in checked:
            page = LegalDocumentPage.objects.filter(pk=page_id).first()
            checked[page_id] = page is not None and may_preview(user, page)
        if checked[page_id]:
            return download_name
    return None


def staff_download(request, name):
    download_name = allowed_name(request.user, name)
    if download_name is None:
        raise Http404("Không có tệp này.")
    try:
        response = files.download_response(
            LegalDocumentFile(file=name).file, download_name
        )
    except OSError as exc:
        raise Http404("Tệp không còn trên máy chủ.") from exc
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response
