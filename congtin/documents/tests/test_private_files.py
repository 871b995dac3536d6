"""A document's files are private until the document is live and public: stored
outside MEDIA_ROOT under a random name, served to readers only by the document's
route, and to its own portal's staff (those who may preview the page) by the admin
view the storage's URLs point to."""

import importlib
import re
from pathlib import Path
from urllib.parse import quote

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from congtin.documents import files
from congtin.documents.models import LegalDocumentFile, LegalDocumentPage

from .conftest import pdf_bytes, shared_newsroom, shared_portals
from .test_admin import approve, client_for, form
from .test_import import HEADER, post, zip_of

FILE_NAME = "Nghị quyết 128 về phòng dịch.pdf"
ROW = f"128/NQ-CP,Nghị quyết,Chính phủ,,11/10/2021,,,,Y tế,Trích yếu,{FILE_NAME}"
DISPOSITION = f"filename*=UTF-8''{quote(FILE_NAME, safe='')}"


def public_route(page, attachment):
    return f"/van-ban/{page.slug}/tep/{attachment.pk}/"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def is_under(path, root) -> bool:
    return Path(path).resolve().is_relative_to(Path(root).resolve())


@shared_newsroom
def test_unpublished_import_reaches_only_its_portal_staff(newsroom, users):
    pdf = pdf_bytes("Nghi quyet 128")
    editor = client_for(users["bientap"])
    response = post(
        editor,
        newsroom["index"],
        "ds.csv",
        f"{HEADER}\n{ROW}".encode(),
        zip_of({FILE_NAME: pdf}),
    )
    assert response.status_code == 302
    page = LegalDocumentPage.objects.get(number="128/NQ-CP")
    attachment = page.files.get()
    assert not page.live

    # Stored outside MEDIA_ROOT (nginx serves that folder to anyone) under a name
    # the file name alone does not give.
    stored = attachment.file.path
    assert Path(stored).is_file()
    assert not is_under(stored, settings.MEDIA_ROOT)
    assert is_under(stored, settings.PRIVATE_MEDIA_ROOT)
    assert re.fullmatch(
        r"van-ban/nghi-quyet-128-[^/]*-[0-9a-f]{32}\.pdf", attachment.file.name
    )
    assert files.storage_name(None, FILE_NAME) != files.storage_name(None, FILE_NAME)

    staff_url = attachment.file.url
    assert staff_url.startswith("/admin/")
    route = public_route(page, attachment)
    anonymous = Client(HTTP_HOST="localhost")
    outsider = client_for(users["ngoai"])
    reporter = client_for(users["phongvien"])  # may not edit another's document

    def refused_to_all_but_staff():
        assert anonymous.get(route).status_code == 404
        denied = anonymous.get(staff_url)
        assert denied.status_code == 302 and "/admin/login/" in denied["Location"]
        assert outsider.get(staff_url).status_code == 404
        assert outsider.get(route, HTTP_HOST="localhost").status_code == 404
        assert reporter.get(staff_url).status_code == 404
        for user in ("bientap", "truongban"):
            download = client_for(users[user]).get(staff_url)
            assert download.status_code == 200, user
            assert download["Content-Type"] == "application/pdf"
            assert DISPOSITION in download["Content-Disposition"]
            assert "private" in download["Cache-Control"]
            assert "no-store" in download["Cache-Control"]
            assert body(download) == pdf

    refused_to_all_but_staff()

    # The admin's draft view and edit form link the file through the staff view.
    draft = editor.get(f"/admin/pages/{page.pk}/view_draft/")
    assert draft.status_code == 200
    links = BeautifulSoup(draft.content.decode(), "html.parser").select(".doc-files a")
    assert [a["href"] for a in links] == [staff_url]
    edit = editor.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    assert f'href="{staff_url}"' in edit.content.decode()

    # Published: anyone downloads it from the document's route.
    assert approve(editor, page).status_code == 302
    assert approve(client_for(users["truongban"]), page).status_code == 302
    assert LegalDocumentPage.objects.get(pk=page.pk).live
    html = anonymous.get(f"/van-ban/{page.slug}/").content.decode()
    links = BeautifulSoup(html, "html.parser").select(".doc-files a")
    assert [a["href"] for a in links] == [route]
    download = anonymous.get(route)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        'attachment; filename="Nghi quyet 128 ve phong dich.pdf"; ' + DISPOSITION
    )
    assert body(download) == pdf

    # Withdrawn: back to its portal's staff only.
    chief = client_for(users["truongban"])
    response = chief.post(f"/admin/pages/{page.pk}/unpublish/", {"reason": "Sai số"})
    assert response.status_code == 302
    assert not LegalDocumentPage.objects.get(pk=page.pk).live
    refused_to_all_but_staff()


@shared_newsroom
def test_file_added_in_a_draft_is_for_staff_only(newsroom, users, make_document):
    page = make_document(
        newsroom["index"], "15/QĐ-UBND", files=[("Quyết định.pdf", pdf_bytes())]
    )
    live_file = page.files.get()
    chief = client_for(users["truongban"])
    edit = form(
        SimpleUploadedFile("Phụ lục mật.pdf", pdf_bytes("Phu luc")),
        title=page.title,
        slug=page.slug,
        number=page.number,
        **{
            "files-TOTAL_FORMS": "2",
            "files-INITIAL_FORMS": "1",
            "files-0-id": str(live_file.pk),
            "files-0-original_name": live_file.original_name,
            "files-1-id": "",
            "files-1-ORDER": "2",
            "files-1-DELETE": "",
            "files-1-original_name": "",
        },
    )
    edit["files-1-file"] = edit.pop("files-0-file")
    del edit["action-submit"]
    assert chief.post(f"/admin/pages/{page.pk}/edit/", edit).status_code == 302

    # Only the draft revision knows the new file; no row, no public route.
    assert list(page.files.values_list("pk", flat=True)) == [live_file.pk]
    revision = Page.objects.get(pk=page.pk).latest_revision
    names = [f["file"] for f in revision.content["files"]]
    new_name = next(n for n in names if n != live_file.file.name)
    assert Path(settings.PRIVATE_MEDIA_ROOT, new_name).is_file()
    assert not Path(settings.MEDIA_ROOT, new_name).exists()
    staff_url = LegalDocumentFile(file=new_name).file.url
    download = chief.get(staff_url)
    assert download.status_code == 200
    assert (
        "filename*=UTF-8''Ph%E1%BB%A5%20l%E1%BB%A5c" in download["Content-Disposition"]
    )
    assert client_for(users["ngoai"]).get(staff_url).status_code == 404
    assert Client(HTTP_HOST="localhost").get(staff_url).status_code == 302
    # The live file stays public.
    route = public_route(page, live_file)
    assert Client(HTTP_HOST="localhost").get(route).status_code == 200


@shared_portals
def test_view_restricted_section_is_not_public(portal, make_document):
    index = portal["index"]
    pdf = pdf_bytes("Noi bo")
    page = make_document(index, "7/TB", files=[("Thông báo nội bộ.pdf", pdf)])
    attachment = page.files.get()
    route = public_route(page, attachment)
    reader = Client(HTTP_HOST="localhost")
    assert body(reader.get(route)) == pdf
    # The route is the only way in: nginx has no path to the file.
    assert not is_under(attachment.file.path, settings.MEDIA_ROOT)

    restriction = PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    response = reader.get(route)
    assert response["Content-Type"].startswith("text/html")
    assert not response.streaming and pdf not in response.content
    assert 'name="password"' in response.content.decode()

    restriction.restriction_type = PageViewRestriction.LOGIN
    restriction.save()
    response = reader.get(route)
    assert response.status_code == 302 and "login" in response["Location"]


@shared_portals
def test_files_from_earlier_versions_leave_the_public_media(
    portal, make_document, django_capture_on_commit_callbacks
):
    """Files stored by earlier versions in MEDIA_ROOT/van-ban/ move to the private
    storage, rows and revisions follow, old public paths of live documents redirect
    to the checked route."""
    pdf, draft_pdf, old_pdf = pdf_bytes("Cu"), pdf_bytes("Nhap"), pdf_bytes("Khac")
    page = make_document(portal["index"], "1/QĐ", files=[("Quyết định 1.pdf", pdf)])
    row = page.files.get()
    # What an earlier version left: the file under MEDIA_ROOT, by its slug.
    old = default_storage.save("van-ban/quyet-dinh-1.pdf", ContentFile(pdf))
    draft_old = default_storage.save("van-ban/phu-luc.pdf", ContentFile(draft_pdf))
    LegalDocumentFile.objects.filter(pk=row.pk).update(file=old)
    page = LegalDocumentPage.objects.get(pk=page.pk)
    revision = page.save_revision()
    revision.content["files"].append(
        {"pk": None, "file": draft_old, "original_name": "Phụ lục.pdf"}
    )
    revision.save()
    draft_page = make_document(
        portal["index"], "2/QĐ", publish=False, files=[("Dự thảo.pdf", old_pdf)]
    )
    hidden = draft_page.files.get()
    hidden_old = default_storage.save("van-ban/du-thao.pdf", ContentFile(old_pdf))
    LegalDocumentFile.objects.filter(pk=hidden.pk).update(file=hidden_old)

    # The migration runs the same routine with its historical models.
    migration = importlib.import_module(
        "congtin.documents.migrations.0002_private_files"
    )
    from django.apps import apps

    # Public copies go once the database change is committed.
    with django_capture_on_commit_callbacks(execute=True):
        migration.move_public_files(apps, None)

    for name in (old, draft_old, hidden_old):
        assert not default_storage.exists(name), name
    row.refresh_from_db()
    assert row.file.name != old and row.file.name.startswith("van-ban/quyet-dinh-1-")
    assert not is_under(row.file.path, settings.MEDIA_ROOT)
    assert row.file.open("rb").read() == pdf
    revision.refresh_from_db()
    names = [f["file"] for f in revision.content["files"]]
    assert row.file.name in names and draft_old not in names and old not in names
    reader = Client(HTTP_HOST="localhost")
    assert body(reader.get(public_route(page, row))) == pdf

    # The old public path of the live document redirects to its route; the
    # unpublished one's gives nothing away.
    moved = reader.get(f"/media/{old}")
    assert moved.status_code == 301
    assert moved["Location"].endswith(public_route(page, row))
    assert reader.get(f"/media/{hidden_old}").status_code == 404

    # Again: nothing left to move.
    out = _run_command()
    assert "Đã chuyển 0 tệp" in out


def _run_command() -> str:
    import io

    buffer = io.StringIO()
    call_command("protect_document_files", stdout=buffer, stderr=io.StringIO())
    return buffer.getvalue()
