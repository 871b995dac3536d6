"""Import from a list and a ZIP in the admin: all or nothing, drafts go to the
portal's workflow, a chief may publish at once."""

import io
import os
import unicodedata
import zipfile

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from congtin.documents.models import LegalDocumentPage

from .conftest import docx_bytes, pdf_bytes, shared_newsroom

URL = "/admin/van-ban/nhap-tep/"
HEADER = (
    "Số ký hiệu,Loại văn bản,Cơ quan ban hành,Người ký,Ngày ban hành,"
    "Ngày có hiệu lực,Ngày hết hiệu lực,Hết hiệu lực một phần,Lĩnh vực,Trích yếu,Tệp"
)


def client_for(user):
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def zip_of(entries: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def post(client, index, table_name, table, archive=None, publish=False):
    data = {
        "index": str(index.pk),
        "table": SimpleUploadedFile(table_name, table),
    }
    if archive is not None:
        data["archive"] = SimpleUploadedFile("tep.zip", archive)
    if publish:
        data["publish"] = "on"
    return client.post(URL, data)


def errors_of(response) -> list[str]:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    found = [li.get_text(strip=True) for li in soup.select(".import-errors li")]
    found += [e.get_text(" ", strip=True) for e in soup.select(".error-message")]
    found += [e.get_text(" ", strip=True) for e in soup.select(".messages li.error")]
    return found


def stored_files() -> list[str]:
    folder = os.path.join(settings.PRIVATE_MEDIA_ROOT, "van-ban")
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


@shared_newsroom
def test_bad_rows_save_nothing(newsroom, users, make_document):
    index = newsroom["index"]
    make_document(index, "15/QĐ-UBND", doc_type="quyet-dinh")
    client = client_for(users["bientap"])
    assert client.get(URL).status_code == 200
    before = (LegalDocumentPage.objects.count(), stored_files())
    table = "\n".join(
        [
            HEADER,
            "128/NQ-CP,Nghị quyết,Chính phủ,,11/10/2021,,,,Y tế,Trích yếu 1,nq128.pdf",
            "2/KH-UBND,Tờ trình,UBND,,31/02/2021,,,,,Trích yếu 2,",
            "3/KH-UBND,Kế hoạch,UBND,,01/03/2021,,,,,Trích yếu 3,thieu.pdf",
            "4/KH-UBND,ke hoach,UBND,,01/03/2021,,,,,Trích yếu 4,anh.pdf",
            "15/QĐ-UBND,Quyết định,Ủy ban nhân dân thành phố,,01/03/2021,,,,,T,",
            "5/KH-UBND,Kế hoạch,UBND,,01/03/2021,01/02/2021,,có lẽ,,,",
        ]
    ).encode()
    archive = zip_of(
        {"nq128.pdf": pdf_bytes(), "anh.pdf": b"\x89PNG\r\n\x1a\n" + b"\0" * 40}
    )
    response = post(client, index, "danh-sach.csv", table, archive)
    assert response.status_code == 400
    errors = errors_of(response)
    for expected in [
        "Dòng 3, cột “Loại văn bản”: “Tờ trình” không phải loại văn bản đã biết",
        "Dòng 3, cột “Ngày ban hành”: “31/02/2021” không phải ngày (viết dd/mm/yyyy).",
        "Dòng 4, cột “Tệp”: Không có tệp “thieu.pdf” trong tệp ZIP.",
        "Dòng 5, cột “Tệp”: Nội dung tệp “anh.pdf” không phải PDF",
        "Dòng 6, cột “Số ký hiệu”: Văn bản 15/QĐ-UBND của Ủy ban nhân dân thành phố "
        "đã có.",
        "Dòng 7, cột “Ngày có hiệu lực”: Ngày có hiệu lực trước ngày ban hành.",
        "Dòng 7, cột “Hết hiệu lực một phần”: Ghi “x” (có) hoặc để trống (không).",
        "Dòng 7, cột “Trích yếu”: Không được để trống.",
    ]:
        assert any(e.startswith(expected) for e in errors), (expected, errors)
    assert (LegalDocumentPage.objects.count(), stored_files()) == before

    # A list that names files without a ZIP, a missing required column, a file
    # that is not a list at all.
    row = "128/NQ-CP,Nghị quyết,Chính phủ,,11/10/2021,,,,,Trích yếu,nq128.pdf"
    response = post(client, index, "a.csv", f"{HEADER}\n{row}".encode())
    assert "Dòng 2, cột “Tệp”: Dòng ghi tệp “nq128.pdf” nhưng chưa chọn tệp ZIP." in (
        errors_of(response)
    )
    response = post(client, index, "a.csv", "Số ký hiệu,Trích yếu\n1,2".encode())
    assert any("cột “Loại văn bản”: Thiếu cột này" in e for e in errors_of(response))
    response = post(client, index, "a.xlsx", b"not a workbook")
    assert response.status_code == 400
    assert any("Không đọc được tệp XLSX" in e for e in errors_of(response))
    response = post(client, index, "a.csv", table, b"not a zip")
    assert any("Tệp đính kèm phải gói" in e or "ZIP" in e for e in errors_of(response))
    assert (LegalDocumentPage.objects.count(), stored_files()) == before


@shared_newsroom
def test_import_drafts_to_the_workflow_or_publishes_for_a_chief(newsroom, users):
    from openpyxl import Workbook

    index = newsroom["index"]
    # macOS zips names in NFD; the list names them in NFC.
    nfd_name = unicodedata.normalize("NFD", "Nghị quyết 128.pdf")
    table = "\n".join(
        [
            HEADER.replace(",", ";"),
            "128/NQ-CP;Nghị quyết;Chính phủ;Phạm Minh Chính;11/10/2021;;;;Y tế;"
            'Thích ứng an toàn;"Nghị quyết 128.pdf; phu-luc.docx"',
            "28-NQ/TU;nghi quyet;Ban Thường vụ Thành ủy;;2021-06-01;;;x;;Đảng;",
        ]
    ).encode("utf-8-sig")
    archive = zip_of({f"van-ban/{nfd_name}": pdf_bytes(), "phu-luc.docx": docx_bytes()})
    editor = client_for(users["bientap"])
    response = post(editor, index, "danh-sach.csv", table, archive)
    assert response.status_code == 302, errors_of(response)
    created = LegalDocumentPage.objects.child_of(index).order_by("pk")
    assert [p.number for p in created] == ["128/NQ-CP", "28-NQ/TU"]
    first, second = created
    assert not first.live and not second.live
    assert first.title == "Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ"
    assert second.partly_expired and second.doc_type == "nghi-quyet"
    assert [f.original_name for f in first.files.all()] == [
        "Nghị quyết 128.pdf",
        "phu-luc.docx",
    ]
    for page in created:
        state = page.current_workflow_state
        assert state is not None and state.status == "in_progress"
        assert state.requested_by == users["bientap"]
    assert "128/NQ-CP" not in editor.get("/van-ban/").content.decode()

    # An editor may not publish directly; a chief may.
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(
        ["05/CT-UBND", "Chỉ thị", "UBND", "", "01/05/2022", "", "", "", "", "Chỉ thị 5"]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    xlsx = buffer.getvalue()
    response = post(editor, index, "ds.xlsx", xlsx, publish=True)
    assert response.status_code == 400
    assert any("không có quyền xuất bản" in e for e in errors_of(response))
    chief = client_for(users["truongban"])
    response = post(chief, index, "ds.xlsx", xlsx, publish=True)
    assert response.status_code == 302, errors_of(response)
    published = LegalDocumentPage.objects.get(number="05/CT-UBND")
    assert published.live and published.doc_type == "chi-thi"
    assert "05/CT-UBND" in chief.get("/van-ban/").content.decode()

    # Another portal's chief cannot import into this portal.
    outsider = client_for(users["ngoai"])
    response = post(outsider, index, "ds.xlsx", xlsx, publish=True)
    assert response.status_code == 400
    assert LegalDocumentPage.objects.filter(number="05/CT-UBND").count() == 1
