"""The project list as CSV and XLSX: one row per package, filters, formula escaping."""

import csv
import io

from openpyxl import load_workbook

from .conftest import shared_portals
from .factories import ProjectPageFactory

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
