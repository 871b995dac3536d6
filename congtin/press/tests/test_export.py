"""Press releases as CSV and XLSX: the year filter, formula escaping, 400 for a bad
year, the links on the list."""

import csv
import io
from datetime import date

import pytest
from django.test import Client
from openpyxl import load_workbook

from .conftest import CITY, shared_portals
from .factories import PressReleasePageFactory, SpokespersonFactory

pytestmark = [pytest.mark.django_db, shared_portals]

HOSTILE = '=HYPERLINK("http://x.invalid","bam")'


def get(url, params=None):
    return Client(HTTP_HOST=CITY).get(url, params or {})


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def make(portals):
    index = portals["index"]
    person = SpokespersonFactory(site=portals["city"].site, name="@Trần Thị B")
    PressReleasePageFactory(
        parent=index,
        title=HOSTILE,
        number="05/TCBC-UBND",
        summary="+Tóm tắt",
        date=date(2022, 9, 1),
        spokesperson=person,
    )
    PressReleasePageFactory(parent=index, title="Năm 2021", date=date(2021, 3, 1))
    PressReleasePageFactory(parent=index, title="Bản nháp", live=False)
    PressReleasePageFactory(parent=portals["other_index"], title="Của cổng khác")
    return index


def test_csv_rows_year_filter_and_escaping(portals):
    index = make(portals)
    response = get(index.url + "xuat/csv/")
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == [
        "Ngày phát hành",
        "Số thông cáo",
        "Tiêu đề",
        "Tóm tắt",
        "Người phát ngôn",
        "Địa chỉ trang",
    ]
    assert [row[2] for row in rows[1:]] == ["'" + HOSTILE, "Năm 2021"]
    first = rows[1]
    assert first[:2] == ["01/09/2022", "05/TCBC-UBND"]
    assert first[3] == "'+Tóm tắt" and first[4] == "'@Trần Thị B"
    assert first[5].startswith("http://localhost/")

    by_year = get(index.url + "xuat/csv/", {"nam": "2021"})
    assert "2021" in by_year["Content-Disposition"]
    assert [row[2] for row in csv_rows(by_year)[1:]] == ["Năm 2021"]


def test_xlsx_keeps_text_as_text(portals):
    index = make(portals)
    response = get(index.url + "xuat/xlsx/", {"nam": "2022"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == 1
    assert rows[0][2].value == HOSTILE and rows[0][2].data_type == "s"
    assert rows[0][0].value.date() == date(2022, 9, 1)


@pytest.mark.parametrize("year", ["abc", "99999", "²⁰²¹", "-1"])
def test_bad_year_is_400_in_vietnamese(portals, year):
    for fmt in ("csv", "xlsx"):
        response = get(portals["index"].url + f"xuat/{fmt}/", {"nam": year})
        assert response.status_code == 400
        assert "Năm" in response.content.decode()


def test_unknown_format_is_404(portals):
    assert get(portals["index"].url + "xuat/pdf/").status_code == 404


def test_list_links_to_its_export(portals):
    index = make(portals)
    html = get(index.url, {"nam": "2021"}).content.decode()
    assert "/xuat/csv/?nam=2021" in html and "/xuat/xlsx/?nam=2021" in html
    assert "/xuat/csv/" in get(index.url).content.decode()
