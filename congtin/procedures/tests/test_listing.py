"""The public "Thủ tục hành chính" page: facet counts, filters, text, pages, bad
input and the export, over real requests."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from congtin.procedures.models import ProcedurePage

from .conftest import shared_portals


@pytest.fixture
def catalogue(portal, make_procedure):
    index = portal["index"]
    made = {
        "birth": make_procedure(
            index,
            "1.001193",
            title="Đăng ký khai sinh",
            field="Hộ tịch",
            level="cap-xa",
            online_level="toan-trinh",
        ),
        "marriage": make_procedure(
            index,
            "1.000893",
            title="Đăng ký kết hôn có yếu tố nước ngoài",
            field="Hộ tịch",
            level="cap-huyen",
            online_level="mot-phan",
        ),
        "land": make_procedure(
            index,
            "1.004227",
            title="Đăng ký biến động quyền sử dụng đất",
            field="Đất đai",
            level="cap-tinh",
            online_level="mot-phan",
            agency="Văn phòng Đăng ký đất đai",
        ),
        "build": make_procedure(
            index,
            "1.009974",
            title="Cấp giấy phép xây dựng",
            field="Xây dựng",
            level="cap-tinh",
            online_level="thong-tin",
        ),
    }
    # Neither a draft nor another portal's procedure is listed or counted.
    make_procedure(index, "9.999999", title="Bản nháp", publish=False)
    make_procedure(portal["other_index"], "1.001193", title="Khai sinh ở quận khác")
    return made


def get(client, params=None, status=200):
    response = client.get("/thu-tuc-hanh-chinh/", params or {}, HTTP_HOST="localhost")
    assert response.status_code == status, response.content.decode()[:2000]
    return response


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def counts(soup) -> dict:
    return {
        section["data-facet"]: {
            a["data-value"]: int(a.select_one(".proc-facet__count").get_text()[1:-1])
            for a in section.select("li a")
        }
        for section in soup.select("section.proc-facet")
    }


def codes(soup) -> list[str]:
    return [td.get_text(strip=True) for td in soup.select(".proc-row__code")]


@shared_portals
def test_list_grouped_by_field_with_counts(client, catalogue):
    soup = soup_of(get(client))
    # Grouped by field (alphabetical), then by name.
    assert codes(soup) == ["1.004227", "1.000893", "1.001193", "1.009974"]
    groups = [th.get_text(strip=True) for th in soup.select(".proc-group__title th")]
    assert groups == ["Lĩnh vực: Đất đai", "Lĩnh vực: Hộ tịch", "Lĩnh vực: Xây dựng"]
    assert counts(soup) == {
        "linh-vuc": {"Đất đai": 1, "Hộ tịch": 2, "Xây dựng": 1},
        "muc-do": {"toan-trinh": 1, "mot-phan": 2, "thong-tin": 1},
        "cap": {"cap-tinh": 2, "cap-huyen": 1, "cap-xa": 1},
    }
    assert "Tìm thấy 4 thủ tục" in soup.select_one(".proc-results__total").get_text()


@shared_portals
def test_filters_count_with_the_other_filters(client, catalogue):
    soup = soup_of(get(client, {"muc-do": "mot-phan"}))
    assert sorted(codes(soup)) == ["1.000893", "1.004227"]
    found = counts(soup)
    # The service-level facet still counts every level (its own filter left out).
    assert found["muc-do"] == {"toan-trinh": 1, "mot-phan": 2, "thong-tin": 1}
    assert found["linh-vuc"] == {"Đất đai": 1, "Hộ tịch": 1}
    assert found["cap"] == {"cap-tinh": 1, "cap-huyen": 1}

    soup = soup_of(get(client, {"linh-vuc": "Hộ tịch", "cap": "cap-xa"}))
    assert codes(soup) == ["1.001193"]
    # A field nobody uses is listed as chosen, with nothing found.
    soup = soup_of(get(client, {"linh-vuc": "Thuế"}))
    assert codes(soup) == [] and counts(soup)["linh-vuc"]["Thuế"] == 0


@shared_portals
def test_text_filter_folds_vietnamese(client, catalogue):
    for text in ("đất đai", "DAT DAI", "dat", "1.004227", "van phong dang ky"):
        assert codes(soup_of(get(client, {"tu-khoa": text}))) == ["1.004227"], text
    assert sorted(codes(soup_of(get(client, {"tu-khoa": "đăng ký"})))) == [
        "1.000893",
        "1.001193",
        "1.004227",
    ]
    # Every word must be found; the facets count what the text keeps.
    soup = soup_of(get(client, {"tu-khoa": "đăng ký kết hôn"}))
    assert codes(soup) == ["1.000893"]
    assert counts(soup)["linh-vuc"] == {"Hộ tịch": 1}
    # The search box keeps the filters chosen.
    soup = soup_of(get(client, {"cap": "cap-tinh"}))
    assert soup.select_one("form.proc-search input[name=cap]")["value"] == "cap-tinh"


@shared_portals
def test_pages_with_the_shared_pagination(client, portal, catalogue):
    index = portal["index"]
    index.per_page = 3
    index.save_revision().publish()
    soup = soup_of(get(client))
    assert len(codes(soup)) == 3
    nav = soup.select_one("nav.pagination")
    assert nav is not None and "Trang 1/2" in nav.get_text()
    assert codes(soup_of(get(client, {"trang": "2"}))) == ["1.009974"]
    for junk in ("abc", "0", "-1", "99999999999999999999"):
        get(client, {"trang": junk})
    soup = soup_of(get(client, {"cap": "cap-tinh", "trang": "1"}))
    assert soup.select_one("nav.pagination") is None


@shared_portals
@pytest.mark.parametrize(
    "params, words",
    [
        ({"cap": "cap-thon"}, "Cấp thực hiện không hợp lệ"),
        ({"muc-do": "4"}, "Mức độ dịch vụ công trực tuyến không hợp lệ"),
        ({"linh-vuc": "x" * 300}, "Lĩnh vực"),
        ({"tu-khoa": "đất\x00đai"}, "Từ khóa"),
        ({"xuat": "pdf"}, "csv hoặc xlsx"),
    ],
)
def test_bad_query_strings_are_400_in_vietnamese(client, catalogue, params, words):
    response = get(client, params, status=400)
    assert words in response.content.decode()


@shared_portals
def test_detail_page(client, portal, make_procedure):
    page = make_procedure(
        portal["index"],
        "1.000893",
        title="Đăng ký kết hôn có yếu tố nước ngoài",
        fees="Không",
        filing_url="https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
        papers=[("Tờ khai đăng ký kết hôn", 1, 0), ("Hộ chiếu", 0, 2)],
        bases=[("Luật Hộ tịch số 60/2014/QH13", None)],
    )
    response = client.get(page.url, HTTP_HOST="localhost")
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.select_one(".proc-field--code").get_text() == "1.000893"
    # The number of days is not said twice.
    assert soup.select_one(".proc-field--time").get_text() == "05 ngày làm việc"
    page.processing_time = "Trong 5 ngày"
    page.save_revision().publish()
    soup = soup_of(client.get(page.url, HTTP_HOST="localhost"))
    time_text = soup.select_one(".proc-field--time").get_text()
    assert time_text == "Trong 5 ngày (5 ngày làm việc)"
    papers = [
        [td.get_text() for td in tr.select("td")] for tr in soup.select(".proc-paper")
    ]
    assert papers == [
        ["1", "Tờ khai đăng ký kết hôn", "1", "0"],
        ["2", "Hộ chiếu", "0", "2"],
    ]
    assert [li.get_text() for li in soup.select(".proc-steps li")] == [
        "Nộp hồ sơ.",
        "Nhận kết quả.",
    ]
    assert soup.select_one("a.proc-file")["href"].startswith(
        "https://dichvucong.gov.vn"
    )
    assert soup.select_one("button[data-print]") is not None


@shared_portals
def test_legal_basis_links_live_documents_only(client, portal, make_procedure):
    from congtin.documents.tests.factories import LegalDocumentPageFactory

    live = LegalDocumentPageFactory(parent=portal["documents"], number="15/2021/NĐ-CP")
    withdrawn = LegalDocumentPageFactory(
        parent=portal["documents"], number="16/2021/NĐ-CP", live=False
    )
    page = make_procedure(
        portal["index"],
        "1.009974",
        bases=[("Nghị định 15/2021/NĐ-CP", live), ("", withdrawn)],
    )
    soup = soup_of(client.get(page.url, HTTP_HOST="localhost"))
    items = soup.select(".proc-bases li")
    assert items[0].a["href"] == live.relative_url(portal["city"].site)
    # An unpublished document is named, not linked.
    assert items[1].a is None and items[1].get_text() == withdrawn.title


@shared_portals
def test_export_is_the_filtered_list_and_spreadsheet_safe(client, portal, catalogue):
    make = catalogue["build"]
    make.title = '=HYPERLINK("http://x","bấm")'
    make.agency = "+Sở Xây dựng"
    make.save_revision().publish()
    soup = soup_of(get(client, {"cap": "cap-tinh"}))
    link = soup.select_one(".proc-results__export a")["href"]
    assert "cap=cap-tinh" in link and "xuat=csv" in link

    response = get(client, {"cap": "cap-tinh", "xuat": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Mã thủ tục", "Tên thủ tục", "Lĩnh vực"]
    assert sorted(r[0] for r in rows[1:]) == ["1.004227", "1.009974"]
    risky = next(r for r in rows if r[0] == "1.009974")
    assert risky[1].startswith("'=") and risky[11].startswith("'+")

    response = get(client, {"cap": "cap-tinh", "xuat": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(values) == {"1.004227", "1.009974"}
    cell = next(c for c in sheet["B"] if c.value and str(c.value).startswith("="))
    assert cell.data_type == "s"  # text, never a formula


@shared_portals
def test_sitemap_lists_the_index_and_live_procedures(client, portal, catalogue):
    response = client.get("/sitemap.xml", HTTP_HOST="localhost")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/thu-tuc-hanh-chinh/</loc>" in body
    assert catalogue["land"].full_url in body
    assert "ban-nhap" not in body and "khai-sinh-o-quan-khac" not in body


@shared_portals
def test_queries_do_not_grow_with_the_list(client, portal, make_procedure):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(params):
        # A fresh key each time: neither the page cache nor the facet cache answers.
        with CaptureQueriesContext(connection) as queries:
            get(client, params)
        return len(queries)

    for n in range(3):
        make_procedure(portal["index"], f"2.{n:06d}", field=f"Lĩnh vực {n}")
    few = count({"tu-khoa": "thu"})
    for n in range(3, 20):
        make_procedure(portal["index"], f"2.{n:06d}", field=f"Lĩnh vực {n}")
    many = count({"tu-khoa": "thủ"})
    assert many == few, (few, many)
    # With the page and facets kept, a detail page and the export stay small too.
    detail = ProcedurePage.objects.filter(code="2.000005").get()
    with CaptureQueriesContext(connection) as queries:
        client.get(detail.url, HTTP_HOST="localhost")
    assert len(queries) < 25
    with CaptureQueriesContext(connection) as queries:
        get(client, {"xuat": "csv", "tu-khoa": "thu tuc"})
    assert len(queries) < 15, len(queries)
