"""The demo's budget reports and series: on both portals, marked illustrative, and
loaded again without duplicates (on two light portals, not the whole demo)."""

from wagtail.documents import get_document_model
from wagtail.models import Page

from congtin.demo.management.commands.load_demo import PARTS
from congtin.opendata.demo import load_opendata_demo
from congtin.opendata.models import BudgetReportPage, StatisticSeriesPage

from .conftest import shared_portals


@shared_portals
def test_demo_is_illustrative_and_idempotent(client, portal):
    assert "opendata" in PARTS
    city, other = portal["city"].site, portal["other"].site
    load_opendata_demo(city, other)
    counts = (
        Page.objects.count(),
        BudgetReportPage.objects.count(),
        StatisticSeriesPage.objects.count(),
        get_document_model().objects.count(),
    )
    assert counts[1:] == (4, 4, 4)
    load_opendata_demo(city, other)
    assert counts == (
        Page.objects.count(),
        BudgetReportPage.objects.count(),
        StatisticSeriesPage.objects.count(),
        get_document_model().objects.count(),
    )
    for page in [*BudgetReportPage.objects.all(), *StatisticSeriesPage.objects.all()]:
        assert page.live and page.title.endswith("(Minh họa)")
        assert page.note.startswith("Minh họa")

    # Each portal: a 2022 estimate and a 6-month execution report, two series.
    for host in ("localhost", "khac.localhost"):
        response = client.get("/cong-khai-ngan-sach/", {"nam": "2022"}, HTTP_HOST=host)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Dự toán" in body and "Thực hiện 6 tháng" in body
        response = client.get("/thong-tin-thong-ke/", HTTP_HOST=host)
        assert "Dân số (1)" in response.content.decode()
    report = BudgetReportPage.objects.get(
        slug="du-toan-ngan-sach-2022", path__startswith=other.root_page.path
    )
    body = client.get(report.url, HTTP_HOST="khac.localhost").content.decode()
    assert "1.057,091 tỷ đồng" in body
    assert report.files.get().document.file.read().startswith(b"%PDF")
