"""The "Lượt truy cập" report: each portal's staff see their own portal only;
the tables, the chart and the CSV downloads."""

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from congtin.portals.tests.factories import UserFactory
from congtin.visits import counting
from congtin.visits.models import SearchDay

from .conftest import CITY, shared_portals

pytestmark = [pytest.mark.django_db, shared_portals]

HOSTILE = '=HYPERLINK("http://x.invalid","bam")'
URL = "/admin/luot-truy-cap/"


def signed_in(user):
    client = Client(HTTP_HOST=CITY)
    client.force_login(user)
    return client


def staff(portal):
    return UserFactory(groups=[portal.groups.editors])


def fill(portals):
    today = timezone.localdate()
    city, other = portals["city"].site, portals["other"].site
    counting.add_views(
        [
            (city.pk, portals["article"].pk, today, 1040),
            (city.pk, portals["article"].pk, today - timedelta(days=3), 2),
            (other.pk, portals["other_article"].pk, today, 7),
        ]
    )
    SearchDay.objects.create(site=city, day=today, query="học phí", searches=9, empty=0)
    SearchDay.objects.create(site=city, day=today, query=HOSTILE, searches=3, empty=3)
    SearchDay.objects.create(site=other, day=today, query="bí mật quận", searches=5)


def test_city_staff_see_the_city_only(portals):
    fill(portals)
    client = signed_in(staff(portals["city"]))
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lượt truy cập: Thành phố Thử" in html
    assert "Tin của thành phố" in html and "Tin của quận" not in html
    assert "học phí" in html and "bí mật quận" not in html
    assert "Tổng 30 ngày: <strong>1.042</strong>" in html
    assert 'role="img"' in html and "Biểu đồ cột" in html
    assert '<select id="visits-portal"' not in html
    other_id = portals["other"].site.pk
    assert client.get(URL, {"cong": other_id}).status_code == 404
    csv_url = URL + "csv/"
    assert client.get(csv_url, {"cong": other_id, "bang": "trang"}).status_code == 404


def test_district_staff_see_the_district_only(portals):
    fill(portals)
    client = signed_in(staff(portals["other"]))
    html = client.get(URL).content.decode()
    assert "Tin của quận" in html and "Tin của thành phố" not in html
    assert "bí mật quận" in html and "học phí" not in html
    assert client.get(URL, {"cong": portals["city"].site.pk}).status_code == 404


def test_administrators_choose_any_portal(portals):
    from django.contrib.auth import get_user_model

    fill(portals)
    admin = get_user_model().objects.create_superuser("quantri", "q@example.com", "x")
    client = signed_in(admin)
    html = client.get(URL).content.decode()
    assert '<select id="visits-portal"' in html
    html = client.get(URL, {"cong": portals["other"].site.pk}).content.decode()
    assert "Tin của quận" in html


def test_no_portal_no_report(portals):
    from django.contrib.auth.models import Permission

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = signed_in(user)
    # Wagtail answers PermissionDenied in the admin with its dashboard and a message.
    response = client.get(URL)
    assert (response.status_code, response.url) == (302, "/admin/")
    assert client.get(URL + "csv/", {"bang": "ngay"}).status_code == 302


@pytest.mark.parametrize("value", ["abc", "-1", "9" * 40])
def test_bad_portal_parameter_is_400(portals, value):
    client = signed_in(staff(portals["city"]))
    assert client.get(URL, {"cong": value}).status_code == 400
    assert client.get(URL + "csv/", {"bang": value}).status_code == 400


def rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8")[1:])))


def test_csv_downloads_are_escaped(portals):
    fill(portals)
    client = signed_in(staff(portals["city"]))
    days = rows(client.get(URL + "csv/", {"bang": "ngay"}))
    assert days[0] == ["Ngày", "Lượt truy cập"]
    assert days[-1] == [f"{timezone.localdate():%d/%m/%Y}", "1040"]
    assert len(days) == 31
    pages = rows(client.get(URL + "csv/", {"bang": "trang"}))
    assert pages[1][0] == "Tin của thành phố" and pages[1][2] == "1042"
    empty = rows(client.get(URL + "csv/", {"bang": "khong-ket-qua"}))
    assert empty[1] == ["'" + HOSTILE, "3", "3"]
    queries = rows(client.get(URL + "csv/", {"bang": "tu-khoa"}))
    assert [row[0] for row in queries[1:]] == ["học phí", "'" + HOSTILE]
