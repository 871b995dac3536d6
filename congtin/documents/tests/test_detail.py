"""The document page shows every field, its relations both ways and its files;
downloads carry the right type and a Vietnamese name that survives (RFC 6266)."""

from datetime import date
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from congtin.documents import files
from congtin.documents.models import DocumentRelation, LegalDocumentFile

from .conftest import doc_bytes, docx_bytes, pdf_bytes, shared_portals

PDF_NAME = "Quyết định số 15 về đất đai.pdf"


def relative(page):
    return page.url_path.removeprefix("/trang-chu")


@shared_portals
def test_detail_relations_and_downloads(client, portal, make_document):
    index = portal["index"]
    pdf = pdf_bytes("Quyet dinh 15")
    target = make_document(
        index,
        "15/QĐ-UBND",
        title="Quyết định số 15/QĐ-UBND về quản lý đất đai",
        doc_type="quyet-dinh",
        signer="Nguyễn Văn Tùng",
        issue_date=date(2021, 3, 1),
        effective_date=date(2021, 3, 15),
        expiry_date=date(2031, 1, 1),
        field="Đất đai",
        summary="Về quản lý đất đai trên địa bàn thành phố.",
        note="Minh họa: người ký ghi để minh họa.",
        files=[(PDF_NAME, pdf), ('Phụ lục "A"; bảng.docx', docx_bytes())],
    )
    amending = make_document(index, "20/QĐ-UBND", doc_type="quyet-dinh", publish=False)
    amending.relations.add(DocumentRelation(kind="sua-doi", target=target))
    amending.save_revision().publish()

    response = client.get(relative(target), HTTP_HOST="localhost")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.h1.get_text(strip=True) == "Quyết định số 15/QĐ-UBND về quản lý đất đai"
    fields = {
        row.th.get_text(strip=True): row.td.get_text(" ", strip=True)
        for row in soup.select("table.doc-fields tr")
    }
    assert fields == {
        "Số, ký hiệu": "15/QĐ-UBND",
        "Loại văn bản": "Quyết định",
        "Cơ quan ban hành": "Ủy ban nhân dân thành phố",
        "Người ký": "Nguyễn Văn Tùng",
        "Ngày ban hành": "01/03/2021",
        "Ngày có hiệu lực": "15/03/2021",
        "Ngày hết hiệu lực": "01/01/2031",
        "Tình trạng hiệu lực": "Còn hiệu lực",
        "Lĩnh vực": "Đất đai",
        "Trích yếu": "Về quản lý đất đai trên địa bàn thành phố.",
        "Ghi chú": "Minh họa: người ký ghi để minh họa.",
    }
    relations = [
        li.get_text(" ", strip=True) for li in soup.select(".doc-relations li")
    ]
    assert relations == ["Được sửa đổi, bổ sung bởi: Văn bản số 20/QĐ-UBND"]
    other = client.get(relative(amending), HTTP_HOST="localhost").content.decode()
    assert "Sửa đổi, bổ sung:" in other and target.title in other

    links = soup.select(".doc-files a")
    assert [a.get_text() for a in links] == [PDF_NAME, 'Phụ lục "A"; bảng.docx']
    download = client.get(links[0]["href"], HTTP_HOST="localhost")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        'attachment; filename="Quyet dinh so 15 ve dat dai.pdf"; '
        f"filename*=UTF-8''{quote(PDF_NAME, safe='')}"
    )
    assert b"".join(download.streaming_content) == pdf
    docx = client.get(links[1]["href"], HTTP_HOST="localhost")
    assert docx["Content-Type"] == files.CONTENT_TYPES["docx"]
    # Quotes and semicolons cannot break the header's ASCII name.
    assert docx["Content-Disposition"].startswith(
        "attachment; filename=\"Phu luc _A__ bang.docx\"; filename*=UTF-8''Ph%E1%BB%A5"
    )

    # Unknown files, another document's file, and a draft's files: 404.
    draft = make_document(
        index, "30/QĐ-UBND", publish=False, files=[("Dự thảo.pdf", pdf)]
    )
    draft_file = draft.files.get()
    for url in [
        relative(target) + "tep/999999/",
        relative(target) + f"tep/{draft_file.pk}/",
        relative(draft),
        relative(draft) + f"tep/{draft_file.pk}/",
    ]:
        assert client.get(url, HTTP_HOST="localhost").status_code == 404, url


def test_files_are_checked_by_name_and_content():
    good = [("a.pdf", pdf_bytes()), ("b.docx", docx_bytes()), ("c.DOC", doc_bytes())]
    for name, data in good:
        assert files.check_content(name, data) == name.rsplit(".")[-1].lower()
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    bad = [
        ("anh.pdf", png, "không phải PDF"),
        ("chuong-trinh.exe", b"MZ" + b"\0" * 64, "Chỉ nhận tệp PDF, DOC hoặc DOCX"),
        ("nen.docx", _plain_zip(), "không phải DOCX"),
        ("van-ban.doc", pdf_bytes(), "không phải DOC"),
        ("rong.pdf", b"", "rỗng"),
        ("khong-duoi", pdf_bytes(), "Chỉ nhận tệp PDF, DOC hoặc DOCX"),
    ]
    for name, data, message in bad:
        with pytest.raises(ValidationError) as error:
            files.check_content(name, data)
        assert message in " ".join(error.value.messages), name
    # The model field runs the same check on upload.
    attachment = LegalDocumentFile(file=ContentFile(png, name="anh.pdf"))
    with pytest.raises(ValidationError) as error:
        attachment.full_clean(exclude=["document"])
    assert "không phải PDF" in str(error.value)


def _plain_zip():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "x")
    return buffer.getvalue()
