"""Search entries of the three kinds, and who may edit them: each portal's own staff."""

import pytest
from bs4 import BeautifulSoup

from congtin.portals.tests.factories import UserFactory
from congtin.programmes.models import (
    PlanningIndexPage,
    ProjectIndexPage,
    ProjectPage,
    ResearchIndexPage,
)
from congtin.search.models import SearchEntry

from .conftest import shared_newsroom, shared_portals
from .factories import (
    PlanningDocumentPageFactory,
    ProjectPageFactory,
    ResearchProjectPageFactory,
)


def hit_titles(client, text):
    response = client.get("/tim-kiem/", {"q": text}, HTTP_HOST="localhost")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [" ".join(a.get_text().split()) for a in soup.select(".search-hit__title a")]


@shared_portals
def test_published_pages_are_search_entries(client, portal):
    project = ProjectPageFactory(
        parent=portal["city_projects"],
        title="Cải tạo chợ Cột Đèn",
        publish=True,
        packages=[
            {
                "name": "Gói xây lắp",
                "selection_method": "dau-thau-rong-rai",
                "result": "da-co-nha-thau",
                "winner": "Công ty Xây dựng Bạch Đằng",
            }
        ],
    )
    ResearchProjectPageFactory(
        parent=portal["city_research"],
        code="ĐT.77/24",
        title="Đề tài nước mặn",
        publish=True,
    )
    PlanningDocumentPageFactory(
        parent=portal["city_planning"],
        title="Quy hoạch thành phố",
        approval_number="323/QĐ-TTg",
        publish=True,
    )
    kinds = set(SearchEntry.objects.values_list("kind", flat=True))
    assert {
        "programmes.project",
        "programmes.research",
        "programmes.planning",
    } <= kinds
    assert hit_titles(client, "Bạch Đằng") == [project.title]
    assert hit_titles(client, "ĐT.77/24") == ["Đề tài nước mặn"]
    assert hit_titles(client, "323/QĐ-TTg") == ["Quy hoạch thành phố"]


@shared_portals
def test_page_types_placed_where_they_belong(portal):
    home = portal["city"].home
    for model in (ProjectIndexPage, ResearchIndexPage, PlanningIndexPage):
        assert model in home.specific_class.allowed_subpage_models()
    assert ProjectPage.allowed_parent_page_models() == [ProjectIndexPage]
    # One list of each kind per portal.
    assert not ProjectIndexPage.can_create_at(home)


@pytest.mark.parametrize("role", ["reporters", "editors", "chiefs"])
@shared_newsroom
def test_only_the_portals_own_staff_may_edit(newsroom, role):
    project = ProjectPageFactory(parent=newsroom["city_projects"])
    own = UserFactory(groups=[getattr(newsroom["city"].groups, role)])
    outsider = UserFactory(groups=[getattr(newsroom["other"].groups, role)])
    # Reporters edit only their own pages; editors and chiefs any of the portal's.
    assert project.permissions_for_user(own).can_edit() == (role != "reporters")
    assert newsroom["city_projects"].permissions_for_user(own).can_add_subpage()
    assert not project.permissions_for_user(outsider).can_edit()
    assert (
        not newsroom["city_projects"].permissions_for_user(outsider).can_add_subpage()
    )
    assert newsroom["other_projects"].permissions_for_user(outsider).can_add_subpage()
