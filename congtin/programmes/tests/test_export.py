"""The lists as CSV and XLSX: projects one row per package, research and plans one
row per item; filters, formula escaping, 400 for a bad filter."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from .conftest import shared_portals
from .factories import (
    PlanningDocumentPageFactory,
    ProjectPageFactory,
    ResearchProjectPageFactory,
)

HOSTILE = '=HYPERLINK("http://x.invalid","bam")'


def make(portal):
    index = portal["city_projects"]
    ProjectPageFactory(
        parent=index,
        title=HOSTILE,
        investor="@SUM(A1:A2)",
        packages=[
            {
                "name": "Gói 1",
                "selection_method": "chi-dinh-thau",
                "value": 5_000_000,
                "result": "da-co-nha-thau",
                "winner": "+Công ty Thử",
                "award_value": 4_900_000,
            },
            {"name": "-Gói 2", "selection_method": "dau-thau-rong-rai"},
        ],
    )
    ProjectPageFactory(parent=index, title="Không có gói thầu", capital_source="oda")
    return index


@shared_portals
def test_csv_rows_and_escaping(client, portal):
    index = make(portal)
    response = client.get(index.url + "xuat/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert rows[0][0] == "Tên dự án" and len(rows) == 4
    by_package = {row[9]: row for row in rows[1:]}
    awarded = by_package["Gói 1"]
    assert awarded[0] == "'" + HOSTILE
    assert awarded[1] == "'@SUM(A1:A2)"
    assert awarded[16] == "'+Công ty Thử"
    assert awarded[11] == "5000000" and awarded[17] == "4900000"
    assert awarded[10] == "Chỉ định thầu"
    assert "'-Gói 2" in by_package
    assert by_package[""][0] == "Không có gói thầu"
    # Filters apply to the export as to the list.
    only_oda = client.get(index.url + "xuat/csv/", {"nguon-von": "oda"})
    assert len(list(csv.reader(io.StringIO(only_oda.content.decode()[1:])))) == 2


@shared_portals
def test_xlsx_keeps_text_as_text(client, portal):
    index = make(portal)
    response = client.get(index.url + "xuat/xlsx/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2))
    titles = {row[0].value for row in rows}
    assert HOSTILE in titles
    hostile = next(row for row in rows if row[0].value == HOSTILE)
    assert hostile[0].data_type == "s"
    assert hostile[3].value == 1_250_000_000


@shared_portals
def test_unknown_format_is_404(client, portal):
    assert client.get(portal["city_projects"].url + "xuat/pdf/").status_code == 404


def csv_rows(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


@shared_portals
def test_research_export_filters_and_escapes(client, portal):
    index = portal["city_research"]
    ResearchProjectPageFactory(
        parent=index, title=HOSTILE, budget=700_000_000, lead_person="-Trần A"
    )
    ResearchProjectPageFactory(parent=index, title="Cơ sở", level="cap-co-so")
    response = client.get(index.url + "xuat/csv/")
    assert response.status_code == 200
    assert "chuong-trinh-de-tai-" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0][1] == "Tên chương trình, đề tài" and len(rows) == 3
    hostile = next(row for row in rows if row[1] == "'" + HOSTILE)
    assert hostile[4] == "'-Trần A" and hostile[7] == "700000000"
    assert hostile[2] == "Cấp tỉnh, thành phố"
    only = csv_rows(client.get(index.url + "xuat/csv/", {"cap": "cap-co-so"}))
    assert [row[1] for row in only[1:]] == ["Cơ sở"]

    sheet = load_workbook(
        io.BytesIO(client.get(index.url + "xuat/xlsx/", {"cap": "cap-tinh"}).content)
    ).active
    cells = list(sheet.iter_rows(min_row=2))
    assert len(cells) == 1
    assert cells[0][1].value == HOSTILE and cells[0][1].data_type == "s"


@shared_portals
def test_planning_export_filters_and_escapes(client, portal):
    index = portal["city_planning"]
    PlanningDocumentPageFactory(
        parent=index,
        title=HOSTILE,
        kind="quy-hoach",
        approval_number="12/QĐ-UBND",
        approval_date=date(2022, 3, 4),
    )
    PlanningDocumentPageFactory(parent=index, title="Kế hoạch 5 năm")
    rows = csv_rows(client.get(index.url + "xuat/csv/"))
    assert rows[0][0] == "Loại" and len(rows) == 3
    hostile = next(row for row in rows if row[1] == "'" + HOSTILE)
    assert hostile[0] == "Quy hoạch"
    assert hostile[4] == "12/QĐ-UBND" and hostile[5] == "04/03/2022"
    only = csv_rows(client.get(index.url + "xuat/csv/", {"loai": "ke-hoach"}))
    assert [row[1] for row in only[1:]] == ["Kế hoạch 5 năm"]

    response = client.get(index.url + "xuat/xlsx/", {"loai": "quy-hoach"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = list(sheet.iter_rows(min_row=2))
    assert len(cells) == 1 and cells[0][1].data_type == "s"
    assert cells[0][1].value == HOSTILE


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("city_research", {"cap": "cap-xa"}, "Cấp quản lý không hợp lệ"),
        ("city_research", {"nam": "abc"}, "Năm"),
        ("city_planning", {"loai": "=1+1"}, "Loại không hợp lệ"),
        ("city_planning", {"nam": "99999"}, "Từ năm"),
    ],
)
@shared_portals
def test_bad_filter_on_export_is_400_in_vietnamese(
    client, portal, name, params, message
):
    for fmt in ("csv", "xlsx"):
        response = client.get(portal[name].url + f"xuat/{fmt}/", params)
        assert response.status_code == 400
        assert message in response.content.decode()


@shared_portals
def test_list_pages_link_to_their_exports(client, portal):
    for name in ("city_research", "city_planning"):
        index = portal[name]
        html = client.get(index.url, {"nam": "2023"}).content.decode()
        assert '/xuat/csv/?nam=2023"' in html
        assert '/xuat/xlsx/?nam=2023"' in html


@shared_portals
def test_planning_export_takes_a_live_decision_from_the_portal(client, portal):
    from .test_pages import legal_document

    index = portal["city_planning"]
    decision = legal_document(portal, "1516/QĐ-TTg")
    hidden = legal_document(portal, "99/QĐ-KHONG")
    hidden.unpublish()
    PlanningDocumentPageFactory(
        parent=index, title="Theo văn bản", approval_document=decision
    )
    PlanningDocumentPageFactory(
        parent=index,
        title="Văn bản chưa đăng",
        approval_document=hidden,
        approval_number="7/QĐ-UBND",
    )
    rows = {row[1]: row for row in csv_rows(client.get(index.url + "xuat/csv/"))}
    assert rows["Theo văn bản"][4:7] == [
        "1516/QĐ-TTg",
        "01/02/2023",
        "Ủy ban nhân dân thành phố",
    ]
    assert rows["Văn bản chưa đăng"][4] == "7/QĐ-UBND"
