"""Move documents' files stored by earlier versions in the public media storage
(``MEDIA_ROOT/van-ban/<name>.pdf``, served by nginx to anyone) into the private
storage under random names.

Run by migration ``documents.0002`` and again by ``manage.py protect_document_files``
(for files restored later into the media folder). Takes the models as arguments so
the migration can pass its historical ones. Idempotent: a file no longer in the
public storage is left alone.
"""

from dataclasses import dataclass, field

from django.db import transaction
from wagtail.contrib.redirects.models import Redirect

from .files import storage_name


@dataclass
class RelocationReport:
    moved: dict[str, str] = field(default_factory=dict)  # old name -> new name
    missing: list[str] = field(default_factory=list)  # in no storage at all
    redirects: int = 0


def _names_in(content) -> list[str]:
    items = (content or {}).get("files") or []
    return [i["file"] for i in items if isinstance(i, dict) and i.get("file")]


def relocate_public_files(
    *,
    file_model,
    revision_model,
    content_type_model,
    redirect_model,
    public,
    private,
    media_url: str,
) -> RelocationReport:
    """Copy every document file found in ``public`` (current rows and every
    revision of a legal document page) to ``private`` under a new random name,
    point rows and revisions at it, and remove the public copy once the database
    change is committed.

    Live documents' old public paths (when ``media_url`` is a path such as
    ``/media/``) get a permanent Wagtail redirect to the document's download route,
    so links people kept still work, through the checks of that route."""
    report = RelocationReport()
    content_type = content_type_model.objects.filter(
        app_label="documents", model="legaldocumentpage"
    ).first()
    revisions = (
        revision_model.objects.filter(content_type=content_type)
        if content_type is not None
        else revision_model.objects.none()
    )
    names = set(file_model.objects.values_list("file", flat=True))
    for revision in revisions.only("content").iterator():
        names.update(_names_in(revision.content))
    for name in sorted(n for n in names if n):
        if not public.exists(name):
            if not private.exists(name):
                report.missing.append(name)
            continue
        with public.open(name, "rb") as handle:
            report.moved[name] = private.save(storage_name(None, name), handle)
    if not report.moved:
        return report
    try:
        with transaction.atomic():
            _repoint(report, file_model, revisions, redirect_model, media_url)
    except Exception:
        for new in report.moved.values():
            private.delete(new)
        raise
    moved = list(report.moved)
    transaction.on_commit(lambda: [public.delete(name) for name in moved])
    return report


def _repoint(report, file_model, revisions, redirect_model, media_url):
    for old, new in report.moved.items():
        file_model.objects.filter(file=old).update(file=new)
    for revision in revisions.iterator():
        items = (revision.content or {}).get("files") or []
        changed = False
        for item in items:
            if isinstance(item, dict) and item.get("file") in report.moved:
                item["file"] = report.moved[item["file"]]
                changed = True
        if changed:
            revision.save(update_fields=["content"])
    if not media_url.startswith("/"):
        return  # media on another host (object storage): its URLs never reach us
    old_by_new = {new: old for old, new in report.moved.items()}
    rows = file_model.objects.filter(file__in=list(old_by_new), document__live=True)
    for row in rows:
        old_path = Redirect.normalise_path(media_url + old_by_new[row.file.name])
        if redirect_model.objects.filter(old_path=old_path, site=None).exists():
            continue
        redirect_model.objects.create(
            old_path=old_path,
            site=None,
            is_permanent=True,
            redirect_page_id=row.document_id,
            redirect_page_route_path=Redirect.normalise_page_route_path(
                f"tep/{row.pk}/"
            ),
        )
        report.redirects += 1
