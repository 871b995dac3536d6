"""The public lists: facet counts, filters, pages and bad query strings."""

import pytest
from bs4 import BeautifulSoup

from .conftest import OTHER, shared_portals
from .factories import (
    PlanningDocumentPageFactory,
    ProjectPageFactory,
    ResearchProjectPageFactory,
)


def soup_of(response):
    assert response.status_code == 200, response.content[:500]
    return BeautifulSoup(response.content.decode(), "html.parser")


def facet(soup, key) -> dict:
    """{label: count} of a facet's options."""
    out = {}
    for link in soup.select(f'[data-facet="{key}"] a'):
        label = link.select_one(".doc-facet__label").get_text()
        out[label] = int(link.select_one(".doc-facet__count").get_text().strip("()"))
    return out


def titles(soup):
    return [a.get_text() for a in soup.select(".prog-row td a")]


@pytest.fixture
def projects(portal):
    index = portal["city_projects"]
    ProjectPageFactory(parent=index, title="Đường ven sông", start_year=2022)
    ProjectPageFactory(
        parent=index,
        title="Trường tiểu học",
        capital_source="oda",
        status="hoan-thanh",
        progress=100,
    )
    ProjectPageFactory(parent=index, title="Cầu mới", capital_source="oda")
    ProjectPageFactory(parent=index, title="Bản nháp", live=False)
    # Another portal's project is not in this portal's list.
    ProjectPageFactory(parent=portal["other_projects"], title="Dự án quận khác")
    return index


@shared_portals
def test_project_facets_count_the_other_filters(client, projects):
    url = projects.url
    soup = soup_of(client.get(url))
    assert sorted(titles(soup)) == ["Cầu mới", "Trường tiểu học", "Đường ven sông"]
    assert facet(soup, "tinh-trang") == {"Đang thực hiện": 2, "Hoàn thành": 1}
    assert facet(soup, "nguon-von") == {
        "Ngân sách địa phương": 1,
        "Vốn ODA, vốn vay ưu đãi nước ngoài": 2,
    }
    assert facet(soup, "nam") == {"2023": 2, "2022": 1}

    soup = soup_of(client.get(url, {"nguon-von": "oda"}))
    assert sorted(titles(soup)) == ["Cầu mới", "Trường tiểu học"]
    # The status facet counts within ODA; the capital facet ignores its own filter.
    assert facet(soup, "tinh-trang") == {"Đang thực hiện": 1, "Hoàn thành": 1}
    assert facet(soup, "nguon-von")["Ngân sách địa phương"] == 1

    soup = soup_of(client.get(url, {"nguon-von": "oda", "tinh-trang": "hoan-thanh"}))
    assert titles(soup) == ["Trường tiểu học"]
    soup = soup_of(client.get(url, {"nam": "2022"}))
    assert titles(soup) == ["Đường ven sông"]
    # A year nothing starts in lists nothing and can be cleared.
    soup = soup_of(client.get(url, {"nam": "1999"}))
    assert titles(soup) == [] and facet(soup, "nam")["1999"] == 0


@shared_portals
def test_money_and_pages(client, portal, projects):
    projects.per_page = 2
    projects.save_revision().publish()
    soup = soup_of(client.get(projects.url))
    assert "1.250.000.000 đồng" in soup.get_text()
    assert len(titles(soup)) == 2
    assert soup.select_one('nav.pagination a[rel="next"]')
    assert len(titles(soup_of(client.get(projects.url, {"trang": "2"})))) == 1
    # Junk page numbers give a page, never an error.
    for junk in ("abc", "0", "-3", "9" * 40):
        assert client.get(projects.url, {"trang": junk}).status_code == 200
    other = soup_of(client.get(portal["other_projects"].url, HTTP_HOST=OTHER))
    assert titles(other) == ["Dự án quận khác"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"tinh-trang": "xyz"}, "Tình trạng không hợp lệ"),
        ({"nguon-von": "<script>"}, "Nguồn vốn không hợp lệ"),
        ({"nam": "20x3"}, "Năm bắt đầu “20x3” không hợp lệ"),
        ({"nam": "99999999999999999999999"}, "Năm bắt đầu"),
        ({"nguon-von": "oda\x00"}, "không hợp lệ"),
    ],
)
@shared_portals
def test_bad_query_strings_are_400_in_vietnamese(client, portal, params, message):
    for url in (
        portal["city_projects"].url,
        portal["city_projects"].url + "xuat/csv/",
    ):
        response = client.get(url, params)
        assert response.status_code == 400
        text = response.content.decode()
        assert message in text
        assert "<script>" not in text


@shared_portals
def test_research_and_planning_lists(client, portal):
    research = portal["city_research"]
    ResearchProjectPageFactory(parent=research, title="Nghiên cứu A")
    ResearchProjectPageFactory(parent=research, title="Nghiên cứu B", level="cap-co-so")
    soup = soup_of(client.get(research.url))
    assert facet(soup, "cap") == {"Cấp tỉnh, thành phố": 1, "Cấp cơ sở": 1}
    assert titles(soup_of(client.get(research.url, {"cap": "cap-co-so"}))) == [
        "Nghiên cứu B"
    ]
    assert client.get(research.url, {"cap": "cap-xa"}).status_code == 400

    planning = portal["city_planning"]
    PlanningDocumentPageFactory(
        parent=planning, title="Quy hoạch chung", kind="quy-hoach"
    )
    PlanningDocumentPageFactory(parent=planning, title="Kế hoạch 5 năm")
    soup = soup_of(client.get(planning.url))
    assert facet(soup, "loai") == {"Quy hoạch": 1, "Kế hoạch": 1}
    assert titles(soup_of(client.get(planning.url, {"loai": "quy-hoach"}))) == [
        "Quy hoạch chung"
    ]
    assert client.get(planning.url, {"loai": "chien-luoc-x"}).status_code == 400


@shared_portals
def test_list_queries_do_not_grow_with_the_projects(client, portal):
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    index = portal["city_projects"]
    package = {"name": "Gói", "selection_method": "chi-dinh-thau"}

    def queries() -> int:
        # Facet counts are kept until a page is published: start each time cold.
        for cache in caches.all():
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(index.url, {"nam": "2023"}).status_code == 200
        return len(captured)

    for _ in range(2):
        ProjectPageFactory(parent=index, packages=[package, package])
    few = queries()
    for _ in range(4):
        ProjectPageFactory(parent=index, packages=[package])
    assert queries() == few
