"""Import from a list in the admin: a dry run first, all or nothing, idempotent by
code, scoped to the user's portals, within the size and row limits."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from congtin.procedures.exchange import COLUMNS
from congtin.procedures.models import ProcedurePage

from .conftest import shared_newsroom, shared_portals

URL = "/admin/thu-tuc/nhap-tep/"
HEADER = [label for _key, label in COLUMNS]
GOOD = [
    "1.000893",
    "Đăng ký kết hôn có yếu tố nước ngoài",
    "Hộ tịch",
    "Cấp huyện",
    "Một phần",
    "15 ngày làm việc",
    "",
    "Không",
    "Tờ khai đăng ký kết hôn (1 bản chính)\nHộ chiếu (2 bản sao)\nẢnh 4x6",
    "Nộp hồ sơ.\nNhận kết quả.",
    "Giấy chứng nhận kết hôn.",
    "Ủy ban nhân dân quận",
    "Luật Hộ tịch số 60/2014/QH13; Nghị định 123/2015/NĐ-CP, Điều 30",
    "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
    "",
]


def csv_of(*rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([HEADER, *rows])
    return out.getvalue().encode("utf-8")


def row(**changes) -> list[str]:
    values = dict(zip([k for k, _ in COLUMNS], GOOD, strict=True))
    values.update(changes)
    return [values[k] for k, _ in COLUMNS]


def client_for(user):
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def post(client, index, content, *, save=True, publish=False, name="thu-tuc.csv"):
    data = {"index": str(index.pk), "table": SimpleUploadedFile(name, content)}
    data["save" if save else "check"] = "1"
    if publish:
        data["publish"] = "on"
    return client.post(URL, data)


def errors_of(response) -> list[str]:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    found = [li.get_text(strip=True) for li in soup.select(".import-errors li")]
    found += [e.get_text(" ", strip=True) for e in soup.select(".error-message")]
    found += [e.get_text(" ", strip=True) for e in soup.select(".messages li.error")]
    return found


@shared_newsroom
def test_dry_run_then_import_then_same_file_changes_nothing(newsroom, users):
    from congtin.documents.tests.factories import LegalDocumentPageFactory

    document = LegalDocumentPageFactory(
        parent=newsroom["documents"], number="123/2015/NĐ-CP"
    )
    index = newsroom["index"]
    client = client_for(users["truongban"])
    content = csv_of(row(), row(code="1.001193", title="Đăng ký khai sinh"))

    response = post(client, index, content, save=False)
    assert response.status_code == 200, errors_of(response)
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    actions = [tr["data-action"] for tr in soup.select(".import-preview__row")]
    assert actions == ["them", "them"]
    assert not ProcedurePage.objects.exists()

    response = post(client, index, content, publish=True)
    assert response.status_code == 302, errors_of(response)
    page = ProcedurePage.objects.get(code="1.000893")
    assert page.live and page.level == "cap-huyen" and page.online_level == "mot-phan"
    assert page.processing_days is None  # the column is there, and empty
    assert [(p.name, p.originals, p.copies) for p in page.papers.all()] == [
        ("Tờ khai đăng ký kết hôn", 1, 0),
        ("Hộ chiếu", 0, 2),
        ("Ảnh 4x6", 1, 0),
    ]
    bases = list(page.bases.all())
    assert [b.text for b in bases] == [
        "Luật Hộ tịch số 60/2014/QH13",
        "Nghị định 123/2015/NĐ-CP, Điều 30",
    ]
    assert bases[0].document_id is None and bases[1].document_id == document.pk

    revisions = page.revisions.count()
    response = post(client, index, content, save=False)
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert [tr["data-action"] for tr in soup.select(".import-preview__row")] == [
        "giu",
        "giu",
    ]
    assert post(client, index, content, publish=True).status_code == 302
    assert ProcedurePage.objects.count() == 2
    assert page.revisions.count() == revisions

    # A changed row updates the procedure with the same code, in place.
    changed = csv_of(row(processing_time="10 ngày làm việc", processing_days="10"))
    assert post(client, index, changed, publish=True).status_code == 302
    page.refresh_from_db()
    assert page.processing_days == 10 and ProcedurePage.objects.count() == 2


@shared_newsroom
def test_an_editor_import_goes_to_the_workflow(newsroom, users):
    client = client_for(users["bientap"])
    response = post(client, newsroom["index"], csv_of(row()), publish=True)
    assert response.status_code == 400
    assert any("không có quyền xuất bản" in e for e in errors_of(response))
    assert post(client, newsroom["index"], csv_of(row())).status_code == 302
    page = ProcedurePage.objects.get()
    assert not page.live and page.workflow_in_progress


@shared_newsroom
def test_bad_rows_are_listed_and_nothing_is_saved(newsroom, users):
    client = client_for(users["truongban"])
    content = csv_of(
        row(),
        row(code="1.000893"),  # same code twice
        row(code="ABC", title=""),
        row(code="1.000001", level="Cấp thôn", online_level="Mức độ 9"),
        row(code="1.000002", processing_days="nhiều", filing_url="http://x.gov.vn/"),
    )
    response = post(client, newsroom["index"], content, publish=True)
    assert response.status_code == 400
    errors = errors_of(response)
    expected = [
        "Dòng 3, cột “Mã thủ tục”: Trùng mã với dòng 2 trong tệp.",
        "Dòng 4, cột “Tên thủ tục”: Không được để trống.",
        "Dòng 4, cột “Mã thủ tục”: “ABC” không phải mã thủ tục",
        "Dòng 5, cột “Cấp thực hiện”: “Cấp thôn” không phải cấp thực hiện",
        "Dòng 5, cột “Mức độ dịch vụ công trực tuyến”: “Mức độ 9”",
        "Dòng 6, cột “Số ngày làm việc”: “nhiều” không phải số ngày",
        "Dòng 6, cột “Địa chỉ nộp hồ sơ trực tuyến”: Nhập địa chỉ đầy đủ bắt đầu "
        "bằng https://",
    ]
    for text in expected:
        assert any(e.startswith(text) for e in errors), (text, errors)
    assert not ProcedurePage.objects.exists()


@shared_newsroom
def test_missing_columns_and_file_types(newsroom, users):
    client = client_for(users["truongban"])
    response = post(client, newsroom["index"], "Mã thủ tục,Tên\n1.000893,X\n".encode())
    assert response.status_code == 400
    assert any("Lĩnh vực" in e and "Thiếu cột" in e for e in errors_of(response))
    response = post(client, newsroom["index"], b"%PDF-1.4", name="thu-tuc.pdf")
    assert any(".xlsx hoặc .csv" in e for e in errors_of(response))


@shared_newsroom
def test_limits_of_rows_and_size(newsroom, users, settings):
    client = client_for(users["truongban"])
    settings.IMPORT_MAX_ROWS = 2
    rows = [row(code=f"1.00000{n}") for n in range(1, 4)]
    response = post(client, newsroom["index"], csv_of(*rows))
    assert response.status_code == 400
    assert any("2" in e for e in errors_of(response)), errors_of(response)
    settings.IMPORT_MAX_ROWS = 1000
    settings.IMPORT_MAX_TABLE_BYTES = 100
    response = post(client, newsroom["index"], csv_of(row()))
    assert response.status_code == 400
    assert errors_of(response) == ["Tệp danh sách lớn quá 1 KB."]
    assert not ProcedurePage.objects.exists()


@shared_newsroom
def test_xlsx_import(newsroom, users):
    workbook = Workbook()
    sheet = workbook.active
    # Without the "Số ngày làm việc" column, "15 ngày làm việc" gives the number.
    skip = HEADER.index("Số ngày làm việc")
    sheet.append(HEADER[:skip] + HEADER[skip + 1 :])
    values = row()
    sheet.append(values[:skip] + values[skip + 1 :])
    out = io.BytesIO()
    workbook.save(out)
    client = client_for(users["truongban"])
    response = post(
        client, newsroom["index"], out.getvalue(), publish=True, name="ds.xlsx"
    )
    assert response.status_code == 302, errors_of(response)
    assert ProcedurePage.objects.get().processing_days == 15


@shared_newsroom
def test_scoped_to_the_users_portal(newsroom, users, make_procedure):
    from congtin.portals.tests.factories import UserFactory

    outsider = client_for(users["ngoai"])
    # The other portal's chief is offered only their own portal.
    response = outsider.get(URL)
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    offered = [o["value"] for o in soup.select("select[name=index] option")]
    assert offered == [str(newsroom["other_index"].pk)]
    response = post(outsider, newsroom["index"], csv_of(row()), publish=True)
    assert response.status_code == 400
    assert not ProcedurePage.objects.exists()
    # A code the city has is another procedure on the other portal.
    make_procedure(newsroom["index"], "1.000893")
    response = post(outsider, newsroom["other_index"], csv_of(row()), publish=True)
    assert response.status_code == 302
    assert ProcedurePage.objects.filter(code="1.000893").count() == 2
    # Someone without a portal gets no import at all.
    nobody = client_for(UserFactory(is_staff=True))
    assert nobody.get(URL).status_code in (302, 403)


@pytest.mark.parametrize(
    "text, papers",
    [
        ("Đơn (01 bản chính, 01 bản sao)", [("Đơn", 1, 1)]),
        ("Đơn; Giấy (bản sao: 2)", [("Đơn", 1, 0), ("Giấy (bản sao: 2)", 1, 0)]),
        ("- Tờ khai (2 BẢN CHÍNH)\n\n• Ảnh", [("Tờ khai", 2, 0), ("Ảnh", 1, 0)]),
    ],
)
def test_paper_lines(text, papers):
    from congtin.procedures.exchange import parse_papers

    assert parse_papers(text) == papers


@shared_portals
def test_legal_bases_link_documents_of_the_same_portal_only(portal):
    from congtin.documents.setup import ensure_document_index
    from congtin.documents.tests.factories import LegalDocumentPageFactory
    from congtin.procedures.exchange import document_finder

    own = LegalDocumentPageFactory(parent=portal["documents"], number="128/NQ-CP")
    other_index = ensure_document_index(portal["other"].site)
    LegalDocumentPageFactory(parent=other_index, number="15/2021/NĐ-CP")
    LegalDocumentPageFactory(parent=portal["documents"], number="28/NQ-CP")
    find = document_finder(portal["index"])
    assert find("Nghị quyết số 128/NQ-CP ngày 11/10/2021") == own
    assert find("nghi quyet 128/nq-cp") == own
    assert find("Nghị định 15/2021/NĐ-CP") is None  # another portal's document
    assert find("Nghị quyết 1128/NQ-CP") is None
    assert find("Luật Hộ tịch") is None


@shared_newsroom
def test_an_export_imports_back_unchanged(newsroom, users, make_procedure):
    from congtin.documents.tests.factories import LegalDocumentPageFactory

    document = LegalDocumentPageFactory(
        parent=newsroom["documents"], number="123/2015/NĐ-CP"
    )
    make_procedure(
        newsroom["index"],
        "1.000893",
        fees="=1+1",
        papers=[("Tờ khai", 1, 0), ("Hộ chiếu", 0, 2), ("Ảnh", 2, 1)],
        bases=[("Nghị định 123/2015/NĐ-CP", document), ("Luật Hộ tịch", None)],
        filing_url="https://dichvucong.gov.vn/",
    )
    make_procedure(newsroom["index"], "1.001193", processing_days=None)
    client = client_for(users["truongban"])
    exported = Client().get(
        "/thu-tuc-hanh-chinh/", {"xuat": "csv"}, HTTP_HOST="localhost"
    )
    assert exported.status_code == 200
    response = post(client, newsroom["index"], exported.content, save=False)
    assert response.status_code == 200, errors_of(response)
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    rows = soup.select(".import-preview__row")
    assert [tr["data-action"] for tr in rows] == ["giu", "giu"]


@shared_newsroom
def test_a_large_import_is_saved_by_the_task_worker(newsroom, users, settings):
    # The test settings run tasks at once (ImmediateBackend); db_worker does in use.
    settings.PROCEDURES_IMPORT_BACKGROUND_ROWS = 1
    client = client_for(users["truongban"])
    content = csv_of(row(), row(code="1.001193", title="Đăng ký khai sinh"))
    response = post(client, newsroom["index"], content, publish=True)
    assert response.status_code == 302
    shown = [str(m) for m in client.get(response["Location"]).context["messages"]]
    assert any("Đang nhập trong nền 2 thủ tục mới" in m for m in shown), shown
    assert ProcedurePage.objects.filter(live=True).count() == 2
    # One row to save again stays in the request.
    changed = csv_of(
        row(fees="100.000 đồng"), row(code="1.001193", title="Đăng ký khai sinh")
    )
    response = post(client, newsroom["index"], changed, publish=True)
    shown = [str(m) for m in client.get(response["Location"]).context["messages"]]
    assert any(
        m.startswith("Đã nhập: 0 thủ tục mới, 1 thủ tục cập nhật") for m in shown
    )
