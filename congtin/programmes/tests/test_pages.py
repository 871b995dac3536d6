"""Each page type over real requests: facts, money, packages, decisions, maps,
the sitemap, and the link from the targets pages."""

from datetime import date
from urllib.parse import urlparse

from bs4 import BeautifulSoup
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from congtin.documents.setup import ensure_document_index
from congtin.documents.tests.factories import LegalDocumentPageFactory
from congtin.programmes.models import PlanningMap

from .conftest import shared_portals
from .factories import (
    PlanningDocumentPageFactory,
    ProjectPageFactory,
    ResearchProjectPageFactory,
)


def text_of(response) -> str:
    assert response.status_code == 200, response.content[:300]
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return " ".join(soup.get_text().split())


def path_of(page) -> str:
    return urlparse(page.url).path


def legal_document(portal, number="12/QĐ-UBND"):
    index = ensure_document_index(portal["city"].site)
    return LegalDocumentPageFactory(
        parent=index, number=number, issue_date=date(2023, 2, 1)
    )


@shared_portals
def test_project_page(client, portal):
    decision = legal_document(portal)
    doc_file = get_document_model().objects.create(
        title="Quyết định phê duyệt", file="documents/qd.pdf"
    )
    project = ProjectPageFactory(
        parent=portal["city_projects"],
        title="Cải tạo đường Tô Hiệu",
        total_investment=123_456_789_000,
        decisions=[
            {"legal_document": decision},
            {"number": "88/QĐ-UBND", "date": date(2023, 5, 4), "file": doc_file},
        ],
        packages=[
            {
                "name": "Gói thầu số 01: Thi công xây dựng",
                "selection_method": "dau-thau-rong-rai",
                "value": 98_000_000_000,
                "invitation_date": date(2023, 6, 1),
                "opening_date": date(2023, 6, 20),
                "award_date": date(2023, 7, 15),
                "result": "da-co-nha-thau",
                "winner": "Công ty Cổ phần Xây dựng Thử",
                "award_value": 97_500_000_000,
            },
            {
                "name": "Gói thầu số 02: Tư vấn giám sát",
                "selection_method": "chi-dinh-thau",
            },
        ],
    )
    page = text_of(client.get(project.url))
    assert "123.456.789.000 đồng" in page
    assert "Ngân sách địa phương" in page and "2023 - 2025" in page
    assert "Đấu thầu rộng rãi" in page and "Chỉ định thầu" in page
    assert "Nhà thầu trúng thầu: Công ty Cổ phần Xây dựng Thử" in page
    assert "Giá trúng thầu: 97.500.000.000 đồng" in page
    assert "15/07/2023" in page
    assert "12/QĐ-UBND ngày 01/02/2023" in page
    assert "Số 88/QĐ-UBND ngày 04/05/2023" in page
    html = client.get(project.url).content.decode()
    assert f'href="{path_of(decision)}"' in html
    assert doc_file.url in html


@shared_portals
def test_research_and_planning_pages(client, portal):
    research = ResearchProjectPageFactory(
        parent=portal["city_research"],
        code="ĐT.01/23",
        budget=850_000_000,
        lead_person="TS. Nguyễn Văn Thử",
        results="Bộ bản đồ ngập lụt.",
        note="Thông tin minh họa.",
    )
    page = text_of(client.get(research.url))
    assert "ĐT.01/23" in page and "850.000.000 đồng" in page
    assert "Bộ bản đồ ngập lụt." in page and "Thông tin minh họa." in page

    decision = legal_document(portal, "1516/QĐ-TTg")
    image = get_image_model().objects.create(title="Bản đồ", file=get_test_image_file())
    plan = PlanningDocumentPageFactory(
        parent=portal["city_planning"],
        kind="quy-hoach",
        approval_document=decision,
        start_year=2021,
        end_year=2030,
    )
    PlanningMap.objects.create(
        plan=plan, image=image, caption="Sơ đồ định hướng phát triển không gian"
    )
    html = client.get(plan.url).content.decode()
    page = text_of(client.get(plan.url))
    assert "Quy hoạch" in page and "2021 - 2030" in page
    assert "1516/QĐ-TTg ngày 01/02/2023" in page
    assert f'href="{path_of(decision)}"' in html
    assert 'alt="Sơ đồ định hướng phát triển không gian"' in html
    # Without a document on the portal, the number and date are shown.
    other = PlanningDocumentPageFactory(
        parent=portal["city_planning"],
        approval_number="25/QĐ-UBND",
        approval_date=date(2021, 3, 2),
    )
    assert "Số 25/QĐ-UBND ngày 02/03/2021" in text_of(client.get(other.url))


@shared_portals
def test_sitemap_lists_the_pages(client, portal):
    project = ProjectPageFactory(parent=portal["city_projects"])
    plan = PlanningDocumentPageFactory(parent=portal["city_planning"])
    sitemap = client.get("/sitemap.xml").content.decode()
    for page in (project, plan, portal["city_projects"]):
        assert page.get_full_url() in sitemap


@shared_portals
def test_targets_page_links_plans_only_when_there_are_some(client, portal):
    assert "Chiến lược, quy hoạch, kế hoạch" not in text_of(client.get("/chi-tieu/"))
    PlanningDocumentPageFactory(parent=portal["other_planning"])
    assert "Chiến lược, quy hoạch, kế hoạch" not in text_of(client.get("/chi-tieu/"))
    PlanningDocumentPageFactory(parent=portal["city_planning"])
    html = client.get("/chi-tieu/").content.decode()
    assert f'href="{path_of(portal["city_planning"])}"' in html
