"""Editors add documents in the Wagtail admin through the portal's workflow."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.models import Page

from congtin.documents.models import LegalDocumentPage

from .conftest import pdf_bytes, shared_newsroom

ADD = "/admin/pages/add/documents/legaldocumentpage/{}/"


def client_for(user):
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def form(upload, **fields):
    data = {
        "title": "Kế hoạch số 20/KH-UBND về chuyển đổi số",
        "slug": "",
        "number": "20/KH-UBND",
        "doc_type": "ke-hoach",
        "issuing_body": "Ủy ban nhân dân thành phố",
        "signer": "Nguyễn Văn Tùng",
        "field": "Chuyển đổi số",
        "issue_date": "01/06/2022",
        "effective_date": "",
        "expiry_date": "",
        "summary": "Triển khai chuyển đổi số năm 2022.",
        "note": "",
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
        "files-0-id": "",
        "files-0-ORDER": "1",
        "files-0-DELETE": "",
        "files-0-file": upload,
        "files-0-original_name": "",
        "relations-TOTAL_FORMS": "0",
        "relations-INITIAL_FORMS": "0",
        "relations-MIN_NUM_FORMS": "0",
        "relations-MAX_NUM_FORMS": "1000",
        "go_live_at": "",
        "expire_at": "",
        "seo_title": "",
        "search_description": "",
        "action-submit": "action",
    }
    data.update(fields)
    return data


def approve(client, page):
    page = Page.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    return client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/",
        {"comment": ""},
    )


@shared_newsroom
def test_reporter_submits_editor_and_chief_approve(newsroom, users):
    index = newsroom["index"]
    reporter = client_for(users["phongvien"])

    # A picture renamed to .pdf is refused by the form; nothing is created.
    fake = SimpleUploadedFile("Kế hoạch.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    response = reporter.post(ADD.format(index.pk), form(fake))
    assert response.status_code == 200
    assert "không phải PDF" in response.content.decode()
    assert not LegalDocumentPage.objects.exists()

    upload = SimpleUploadedFile("Kế hoạch chuyển đổi số.pdf", pdf_bytes())
    response = reporter.post(ADD.format(index.pk), form(upload))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = LegalDocumentPage.objects.get(number="20/KH-UBND")
    assert not page.live
    assert page.current_workflow_state.status == "in_progress"
    assert (
        Client(HTTP_HOST="localhost")
        .get("/van-ban/")
        .content.decode()
        .count("20/KH-UBND")
        == 0
    )

    # The reporter cannot publish; two approvals publish it.
    assert approve(reporter, page).status_code in (302, 403)
    assert not LegalDocumentPage.objects.get(pk=page.pk).live
    assert approve(client_for(users["bientap"]), page).status_code == 302
    assert not LegalDocumentPage.objects.get(pk=page.pk).live
    assert approve(client_for(users["truongban"]), page).status_code == 302
    page = LegalDocumentPage.objects.get(pk=page.pk)
    assert page.live

    public = Client(HTTP_HOST="localhost")
    listing = public.get("/van-ban/").content.decode()
    assert "20/KH-UBND" in listing
    attachment = page.files.get()
    assert attachment.original_name == "Kế hoạch chuyển đổi số.pdf"
    assert attachment.file.name.startswith("van-ban/ke-hoach-chuyen-doi-so")
    download = public.get(f"/van-ban/{page.slug}/tep/{attachment.pk}/")
    assert download.status_code == 200
    assert (
        "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch" in download["Content-Disposition"]
    )

    # The chief adds a second file to the live document and publishes: the file
    # goes through a revision and keeps its Vietnamese name.
    chief = client_for(users["truongban"])
    edit = form(
        SimpleUploadedFile("Phụ lục kèm theo.pdf", pdf_bytes("Phu luc")),
        slug=page.slug,
        **{
            "files-TOTAL_FORMS": "2",
            "files-INITIAL_FORMS": "1",
            "files-0-id": str(attachment.pk),
            "files-0-original_name": attachment.original_name,
            "files-1-id": "",
            "files-1-ORDER": "2",
            "files-1-DELETE": "",
            "files-1-original_name": "",
            "action-publish": "action",
        },
    )
    edit["files-1-file"] = edit.pop("files-0-file")
    del edit["action-submit"]
    response = chief.post(f"/admin/pages/{page.pk}/edit/", edit)
    assert response.status_code == 302, response.content.decode()[:3000]
    names = [
        f.original_name for f in LegalDocumentPage.objects.get(pk=page.pk).files.all()
    ]
    assert names == ["Kế hoạch chuyển đổi số.pdf", "Phụ lục kèm theo.pdf"]

    # Another portal's chief may not add documents here.
    outsider = client_for(users["ngoai"])
    upload = SimpleUploadedFile("x.pdf", pdf_bytes())
    response = outsider.post(ADD.format(index.pk), form(upload, number="99/KH"))
    assert response.status_code in (302, 403)
    assert not LegalDocumentPage.objects.filter(number="99/KH").exists()
