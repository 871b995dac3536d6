"""Budget reports, statistical series, projects, research and planning in the API:
what a client reads, the public lists' filters, other portals' and unpublished
items kept out, a bad value a 400, and a constant cost per page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congtin.opendata.tests.factories import (
    BudgetReportPageFactory,
    StatisticSeriesPageFactory,
)
from congtin.programmes.tests.factories import (
    PlanningDocumentPageFactory,
    ProjectPageFactory,
    ResearchProjectPageFactory,
)

from .conftest import OTHER_HOST
from .fixtures_opendata import open_data_fixture  # noqa: F401 - "open_data"

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content[:300]
    return [item["id"] for item in response.json()["items"]]


def test_budget_reports_with_figures_and_files(open_data, get):
    assert ids(get("/api/v1/ngan-sach/")) == [open_data.report.pk, open_data.older.pk]
    assert ids(get("/api/v1/ngan-sach/?nam=2025")) == [open_data.older.pk]
    assert ids(get("/api/v1/ngan-sach/?ky=du-toan")) == [open_data.report.pk]
    body = get(f"/api/v1/ngan-sach/{open_data.report.pk}/").json()
    assert body["period_label"] == "Dự toán"
    assert body["url"] == open_data.report.get_full_url()
    total, spent = body["figures"]
    assert (total["amount"], total["amount_text"]) == ("1057.091", "1.057,091")
    assert total["unit_label"] == "tỷ đồng" and total["percent_of_estimate"] is None
    assert (spent["amount"], spent["amount_text"]) == ("90000", "90.000")
    assert spent["percent_of_estimate_text"] == "45,5"
    (attached,) = body["files"]
    assert attached["title"] == "Biểu số 15"
    assert attached["url"].startswith("http://api.localhost/")
    assert body["csv_url"].endswith("/csv/")


def test_statistical_series_with_values(open_data, get):
    assert ids(get("/api/v1/thong-ke/")) == [open_data.series.pk, open_data.economy.pk]
    assert ids(get("/api/v1/thong-ke/?linh-vuc=Kinh tế")) == [open_data.economy.pk]
    body = get(f"/api/v1/thong-ke/{open_data.series.pk}/").json()
    assert body["field"] == "Dân số" and body["frequency_label"] == "Năm"
    assert [
        (v["period_label"], v["value"], v["value_text"]) for v in body["values"]
    ] == [
        ("2022", "2072.5", "2.072,5"),
        ("2023", "2088000", "2.088.000"),
    ]


def test_projects_with_bidding_packages(open_data, get):
    assert ids(get("/api/v1/du-an/")) == [open_data.project.pk, open_data.done.pk]
    assert ids(get("/api/v1/du-an/?tinh-trang=hoan-thanh")) == [open_data.done.pk]
    assert ids(get("/api/v1/du-an/?nguon-von=oda")) == [open_data.done.pk]
    assert ids(get("/api/v1/du-an/?nam=2023")) == [open_data.project.pk]
    body = get(f"/api/v1/du-an/{open_data.project.pk}/").json()
    assert body["title"] == "Cải tạo đường Lạch Tray (Minh họa)"
    assert body["total_investment"] == 1_250_000_000 and body["package_count"] == 1
    (package,) = body["packages"]
    assert package["winner"] == "Công ty Xây dựng Thử"
    assert package["award_value"] == 78_500_000_000
    assert package["selection_method_label"] == "Đấu thầu rộng rãi"
    (decision,) = body["decisions"]
    assert decision["number"] == "1516/QĐ-TTg"
    assert decision["issue_date"] == "2023-02-01"
    assert decision["document_url"] == open_data.decision.get_full_url()


def test_research_without_the_lead_person(open_data, get):
    assert ids(get("/api/v1/de-tai/?cap=cap-co-so")) == [open_data.research.pk]
    assert ids(get("/api/v1/de-tai/?cap=cap-bo")) == []
    response = get(f"/api/v1/de-tai/{open_data.research.pk}/")
    body = response.json()
    assert body["code"] == "ĐT.01/23" and body["budget"] == 850_000_000
    assert "Nguyễn Văn Riêng" not in response.content.decode()


def test_planning_with_files_and_maps(open_data, get):
    assert ids(get("/api/v1/quy-hoach/?loai=quy-hoach")) == [open_data.plan.pk]
    assert ids(get("/api/v1/quy-hoach/?loai=ke-hoach")) == []
    body = get(f"/api/v1/quy-hoach/{open_data.plan.pk}/").json()
    assert body["approval_number"] == "1516/QĐ-TTg"
    assert body["approval_document_id"] == open_data.decision.pk
    assert body["files"][0]["title"] == "Thuyết minh"
    assert body["maps"][0]["caption"] == "Sơ đồ không gian"
    assert body["maps"][0]["url"].startswith("http://api.localhost/")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/ngan-sach/?nam=hai-nghin",
        "/api/v1/ngan-sach/?ky=ca-nam",
        "/api/v1/thong-ke/?linh-vuc=D%C3%A2n%01",
        "/api/v1/thong-ke/?limit=0",
        "/api/v1/du-an/?tinh-trang=xong",
        "/api/v1/du-an/?cursor=gia-mao",
        "/api/v1/de-tai/?cap=cap-xa",
        "/api/v1/quy-hoach/?nam=99999",
    ],
)
def test_a_bad_value_is_a_400_in_vietnamese(open_data, get, url):
    response = get(url)
    assert response.status_code == 400
    assert response.json()["loi"]


KINDS = ["ngan-sach", "thong-ke", "du-an", "de-tai", "quy-hoach"]


@pytest.mark.parametrize("kind", KINDS)
def test_other_portals_and_unpublished_items_are_404(open_data, get, kind):
    for page in (open_data.unpublished[kind], open_data.elsewhere[kind]):
        assert get(f"/api/v1/{kind}/{page.pk}/").status_code == 404
        assert page.pk not in ids(get(f"/api/v1/{kind}/"))
    mine = open_data.elsewhere[kind]
    assert get(f"/api/v1/{kind}/{mine.pk}/", host=OTHER_HOST).status_code == 200


def _queries(get, url) -> int:
    get(url)
    with CaptureQueriesContext(connection) as captured:
        response = get(url)
    assert response.status_code == 200
    return len(captured)


def test_cursor_pages_walk_the_whole_list(open_data, get):
    for n in range(4):
        ProjectPageFactory(parent=open_data.index["projects"], title=f"Dự án thêm {n}")
    seen, url = [], "/api/v1/du-an/?limit=2"
    while url:
        page = get(url).json()
        seen += [item["id"] for item in page["items"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == 6


def test_constant_queries_per_page(open_data, get):
    lists = [f"/api/v1/{kind}/?limit=20" for kind in KINDS]
    few = {url: _queries(get, url) for url in lists}
    for n in range(20):
        BudgetReportPageFactory(parent=open_data.index["budget"], year=2000 + n)
        StatisticSeriesPageFactory(parent=open_data.index["statistics"])
        ProjectPageFactory(
            parent=open_data.index["projects"],
            packages=[{"name": f"Gói {n}", "selection_method": "chi-dinh-thau"}],
        )
        ResearchProjectPageFactory(parent=open_data.index["research"])
        PlanningDocumentPageFactory(
            parent=open_data.index["planning"], approval_document=open_data.decision
        )
    for url in lists:
        assert len(get(url).json()["items"]) == 20, url
        assert _queries(get, url) == few[url], url
    assert max(few.values()) <= 8, few
