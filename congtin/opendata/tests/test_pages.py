"""The public pages: budget list with year and period facets, a report with its
chart and table, the statistics list by field, a series with its chart and CSV,
and bad query strings, over real requests."""

import csv
import io
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from congtin.opendata.models import BudgetFigure
from congtin.opendata.vocab import BudgetPeriod, Frequency, MoneyUnit
from congtin.search.models import SearchEntry

from .conftest import shared_portals
from .factories import BudgetReportPageFactory, StatisticSeriesPageFactory

TY = MoneyUnit.BILLION


def get(client, url, params=None, status=200):
    response = client.get(url, params or {}, HTTP_HOST="localhost")
    assert response.status_code == status, response.content.decode()[:2000]
    return BeautifulSoup(response.content.decode(), "html.parser")


def facet_counts(soup) -> dict:
    return {
        section["data-facet"]: {
            a["data-value"]: int(
                a.select_one(".od-facet__count").get_text().strip("()")
            )
            for a in section.select("li a[data-value]")
        }
        for section in soup.select("section.od-facet")
    }


def total(soup) -> int:
    return int(soup.select_one(".od-total strong").get_text())


@pytest.fixture
def reports(portal):
    budget = portal["budget"]
    made = {
        "estimate": BudgetReportPageFactory(
            parent=budget,
            title="Dự toán 2022",
            figures=[
                ("Tổng thu ngân sách", "1057.091", TY, None),
                ("Chi thường xuyên", "250000", MoneyUnit.MILLION, None),
            ],
        ),
        "half": BudgetReportPageFactory(
            parent=budget,
            title="Thực hiện 6 tháng 2022",
            period=BudgetPeriod.HALF_YEAR,
            figures=[("Tổng thu ngân sách", "555", TY, "52.5")],
        ),
        "final": BudgetReportPageFactory(
            parent=budget, title="Quyết toán 2021", year=2021, period=BudgetPeriod.FINAL
        ),
    }
    # Neither a draft nor another portal's report is listed or counted.
    BudgetReportPageFactory(parent=budget, title="Bản nháp", live=False)
    BudgetReportPageFactory(parent=portal["other_budget"], title="Quận khác")
    return made


@shared_portals
def test_budget_list_facets_and_filters(client, reports):
    soup = get(client, "/cong-khai-ngan-sach/")
    assert total(soup) == 3
    assert facet_counts(soup) == {
        "nam": {"2022": 2, "2021": 1},
        "ky": {"du-toan": 1, "6-thang": 1, "quyet-toan": 1},
    }
    labels = [a.get_text(" ", strip=True) for a in soup.select("[data-facet] li a")]
    assert "Thực hiện 6 tháng (1)" in labels

    # One filter: the other facet counts within it, its own facet offers every year.
    soup = get(client, "/cong-khai-ngan-sach/", {"nam": "2022"})
    assert total(soup) == 2
    assert facet_counts(soup) == {
        "nam": {"2022": 2, "2021": 1},
        "ky": {"du-toan": 1, "6-thang": 1},
    }
    titles = [a.get_text() for a in soup.select("tr.od-report a")]
    assert set(titles) == {"Dự toán 2022", "Thực hiện 6 tháng 2022"}

    soup = get(client, "/cong-khai-ngan-sach/", {"nam": "2022", "ky": "6-thang"})
    assert [a.get_text() for a in soup.select("tr.od-report a")] == [
        "Thực hiện 6 tháng 2022"
    ]
    # Each option's link keeps the other filter and removes its own when chosen.
    selected = soup.select_one('[data-facet="ky"] li.is-selected a')
    assert selected["href"] == "?nam=2022"

    # A year with nothing still shows as chosen, with 0, so it can be removed.
    soup = get(client, "/cong-khai-ngan-sach/", {"nam": "2015"})
    assert total(soup) == 0
    assert facet_counts(soup)["nam"]["2015"] == 0
    # Junk in the page number is never an error.
    get(client, "/cong-khai-ngan-sach/", {"trang": "abc"})


@pytest.mark.parametrize(
    "params, message",
    [
        ({"nam": "abc"}, "Năm ngân sách “abc” không hợp lệ"),
        ({"nam": "99999"}, "Năm ngân sách “99999” không hợp lệ"),
        ({"ky": "quy-9"}, "Kỳ báo cáo không hợp lệ: “quy-9”"),
        ({"ky": "6-thang\x00"}, "Kỳ báo cáo không hợp lệ"),
    ],
)
@shared_portals
def test_bad_budget_filters_are_400_in_vietnamese(client, portal, params, message):
    response = client.get("/cong-khai-ngan-sach/", params, HTTP_HOST="localhost")
    assert response.status_code == 400
    assert message in response.content.decode()


@shared_portals
def test_bad_statistics_filter_is_400(client, portal):
    response = client.get(
        "/thong-tin-thong-ke/", {"linh-vuc": "x" * 300}, HTTP_HOST="localhost"
    )
    assert response.status_code == 400
    assert "Lĩnh vực" in response.content.decode()


@shared_portals
def test_report_page_shows_figures_in_vietnamese_with_an_accessible_chart(
    client, reports
):
    soup = get(client, reports["estimate"].url)
    rows = [
        [cell.get_text(" ", strip=True) for cell in tr.select("th, td")]
        for tr in soup.select("table.od-table tbody tr")
    ]
    assert rows[0][:2] == ["Tổng thu ngân sách", "1.057,091 tỷ đồng"]
    assert rows[1][:2] == ["Chi thường xuyên", "250.000 triệu đồng"]
    # An estimate has no "percent of the estimate" column.
    assert "So với dự toán" not in soup.select_one("table.od-table thead").get_text()

    svg = soup.select_one("figure.od-chart svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find(id=title_id).get_text() == "Dự toán ngân sách năm 2022 (tỷ đồng)"
    description = svg.find(id=desc_id).get_text()
    assert "Tổng thu ngân sách: 1.057,091 tỷ đồng" in description
    assert "Chi thường xuyên: 250.000 triệu đồng" in description
    # Both items are drawn in tỷ đồng: 250.000 triệu is 250 tỷ.
    assert len(svg.select("rect.chart__bar")) == 2
    assert "250" in [t.get_text() for t in svg.select("text")]

    soup = get(client, reports["half"].url)
    head = soup.select_one("table.od-table thead").get_text()
    assert "So với dự toán" in head
    assert "52,5%" in soup.select_one("table.od-table tbody").get_text()
    assert "đạt 52,5% dự toán" in soup.select_one("svg desc").get_text()


def test_figure_amounts_in_vietnamese_and_in_billion():
    figure = BudgetFigure(item="Thu", amount=Decimal("1057091000.000"), unit="dong")
    assert figure.display == "1.057.091.000 đồng"
    assert figure.in_billion == Decimal("1.057091")
    figure = BudgetFigure(item="Thu", amount=Decimal("1057.091"), unit="ty")
    assert figure.display == "1.057,091 tỷ đồng"


@pytest.fixture
def series(portal):
    statistics = portal["statistics"]
    population = StatisticSeriesPageFactory(
        parent=statistics,
        title="Dân số trung bình",
        unit="nghìn người",
        values=[(2021, None, "2072.4"), (2020, None, "2053.5")],
    )
    growth = StatisticSeriesPageFactory(
        parent=statistics,
        title='=HYPERLINK("http://x")',
        field="Kinh tế",
        unit="%",
        frequency=Frequency.QUARTER,
        source="@Cục Thống kê",
        values=[(2022, 1, "-1.5"), (2022, 2, "6.25")],
    )
    StatisticSeriesPageFactory(parent=statistics, title="Nháp", live=False)
    StatisticSeriesPageFactory(parent=portal["other_statistics"], field="Y tế")
    return {"population": population, "growth": growth}


@shared_portals
def test_statistics_list_grouped_by_field_with_counts(client, series):
    soup = get(client, "/thong-tin-thong-ke/")
    assert total(soup) == 2
    assert facet_counts(soup) == {"linh-vuc": {"Dân số": 1, "Kinh tế": 1}}
    headings = [h.get_text() for h in soup.select(".od-group h2")]
    assert headings == ["Dân số (1)", "Kinh tế (1)"]

    soup = get(client, "/thong-tin-thong-ke/", {"linh-vuc": "Kinh tế"})
    assert total(soup) == 1
    assert [h.get_text() for h in soup.select(".od-group h2")] == ["Kinh tế (1)"]
    soup = get(client, "/thong-tin-thong-ke/", {"linh-vuc": "Không có"})
    assert total(soup) == 0


@shared_portals
def test_series_page_table_chart_and_csv(client, series):
    soup = get(client, series["population"].url)
    rows = [
        [c.get_text(strip=True) for c in tr.select("th, td")][:2]
        for tr in soup.select("table.od-table tbody tr")
    ]
    assert rows == [["2020", "2.053,5"], ["2021", "2.072,4"]]  # in period order
    svg = soup.select_one("figure.od-chart svg")
    assert svg["role"] == "img" and svg.select_one("polyline")
    assert "2021: 2.072,4 nghìn người" in svg.select_one("desc").get_text()

    # A quarterly series below zero: labels by quarter, the zero line drawn.
    soup = get(client, series["growth"].url)
    assert "Quý I/2022: -1,5 %" in soup.select_one("svg desc").get_text()
    csv_link = soup.find("a", string="Tải chuỗi số liệu (CSV)")["href"]

    response = client.get(csv_link, HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.content
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Chỉ tiêu", "Kỳ", "Năm", "Quý/tháng", "Giá trị"]
    # Text that a spreadsheet would run is escaped; a negative number is not.
    assert rows[1] == [
        '\'=HYPERLINK("http://x")',
        "Quý I/2022",
        "2022",
        "1",
        "-1,5",
        "%",
        "'@Cục Thống kê",
        "",
    ]
    assert rows[2][4] == "6,25"


@shared_portals
def test_report_csv(client, reports):
    response = client.get(reports["half"].url + "csv/", HTTP_HOST="localhost")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Khoản mục", "Số tiền", "Đơn vị", "Tỷ lệ so với dự toán (%)", "Ghi chú"],
        ["Tổng thu ngân sách", "555", "tỷ đồng", "52,5", ""],
    ]


@shared_portals
def test_published_reports_and_series_are_searchable(portal):
    report = BudgetReportPageFactory(
        parent=portal["budget"],
        publish=True,
        decision_number="777/QĐ-UBND",
        figures=[("Chi đầu tư phát triển", "10", TY, None)],
    )
    entry = SearchEntry.objects.get(kind="opendata.budget", object_id=report.pk)
    assert "777/QĐ-UBND" in entry.body and "Chi đầu tư phát triển" in entry.body
    series = StatisticSeriesPageFactory(parent=portal["statistics"], publish=True)
    entry = SearchEntry.objects.get(kind="opendata.statistics", object_id=series.pk)
    assert "Cục Thống kê" in entry.body


@shared_portals
def test_reports_and_series_are_in_the_sitemap(client, reports, series):
    body = client.get("/sitemap.xml", HTTP_HOST="localhost").content.decode()
    for page in (reports["estimate"], series["population"], series["growth"]):
        assert f"{page.url}</loc>" in body
    # The index and its three live reports; not the draft, not the other portal's.
    locations = re.findall(r"<loc>([^<]*)</loc>", body)
    assert len([loc for loc in locations if "/cong-khai-ngan-sach/" in loc]) == 4


def _download(client, url, params):
    response = client.get(url, params, HTTP_HOST="localhost")
    assert response.status_code == 200, response.content[:500]
    assert "attachment" in response["Content-Disposition"]
    return response


@shared_portals
def test_whole_statistics_list_as_csv_and_xlsx_with_its_filter(client, series):
    soup = get(client, "/thong-tin-thong-ke/", {"linh-vuc": "Kinh tế", "rac": "x"})
    links = {a.get_text(): a["href"] for a in soup.select(".od-export a")}
    # Only the list's own filter is carried into the links.
    assert links == {
        "CSV": "?linh-vuc=Kinh+t%E1%BA%BF&xuat=csv",
        "XLSX": "?linh-vuc=Kinh+t%E1%BA%BF&xuat=xlsx",
    }
    response = _download(
        client, "/thong-tin-thong-ke/", {"linh-vuc": "Kinh tế", "xuat": "csv"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:7] == [
        "Lĩnh vực",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Kỳ",
        "Năm",
        "Quý/tháng",
        "Giá trị",
    ]
    # The other field's series is left out; a formula-looking title is escaped.
    assert [row[1] for row in rows[1:]] == ['\'=HYPERLINK("http://x")'] * 2
    assert [row[6] for row in rows[1:]] == ["-1,5", "6,25"]

    response = _download(client, "/thong-tin-thong-ke/", {"xuat": "xlsx"})
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 1 + 4  # the header and every value of both series
    assert '=HYPERLINK("http://x")' in [row[1] for row in values]
    assert sheet["B2"].data_type == "s"  # text, never a formula


@shared_portals
def test_whole_budget_list_as_csv_with_its_filters(client, reports):
    response = _download(
        client, "/cong-khai-ngan-sach/", {"nam": "2022", "xuat": "csv"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Năm", "Kỳ báo cáo", "Báo cáo"]
    items = {(row[2], row[5], row[6]) for row in rows[1:]}
    assert items == {
        ("Dự toán 2022", "Tổng thu ngân sách", "1.057,091"),
        ("Dự toán 2022", "Chi thường xuyên", "250.000"),
        ("Thực hiện 6 tháng 2022", "Tổng thu ngân sách", "555"),
    }
    # A bad format is the list's 400, in Vietnamese.
    response = client.get(
        "/cong-khai-ngan-sach/", {"xuat": "pdf"}, HTTP_HOST="localhost"
    )
    assert response.status_code == 400
    assert "Định dạng tải về" in response.content.decode()
