"""The organisation chart lists the live units below it, nested as in the tree."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from congtin.core.tests.factories import SiteFactory

from .factories import OrganisationPageFactory, UnitPageFactory

pytestmark = pytest.mark.django_db


def test_organisation_page_nests_live_units_only():
    site = SiteFactory(hostname="coquan.localhost")
    chart = OrganisationPageFactory(parent=site.root_page, slug="co-cau-to-chuc")
    office = UnitPageFactory(
        parent=chart,
        title="Văn phòng",
        head_title="Chánh Văn phòng",
        head_name="Nguyễn Văn Thử",
    )
    UnitPageFactory(parent=office, title="Tổ một cửa", phone="0225.3999.001")
    UnitPageFactory(parent=chart, title="Phòng đang soạn", live=False)

    response = Client(HTTP_HOST="coquan.localhost").get("/co-cau-to-chuc/")
    assert response.status_code == 200
    units = BeautifulSoup(response.content, "html.parser").select_one(".org-units")
    top = units.find_all("li", recursive=False)
    assert [li.a.get_text() for li in top] == ["Văn phòng"]
    assert "Chánh Văn phòng Nguyễn Văn Thử" in top[0].get_text()
    (inner,) = top[0].select(".org-units li")
    assert inner.a.get_text() == "Tổ một cửa"
    assert "0225.3999.001" in inner.get_text()
    assert "Phòng đang soạn" not in response.content.decode()
