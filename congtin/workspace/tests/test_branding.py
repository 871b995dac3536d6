"""The admin wears the portal's face: its emblem and name, never the CMS's bird.

On the sign-in page the portal of the address opened; once signed in, the portal
the person works for, whatever address they came through.
"""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Site

from congtin.core.models import AgencySettings

pytestmark = pytest.mark.django_db

LECHAN = "lechan.localhost"
CITY = "localhost"
LECHAN_NAME = "Cổng thông tin điện tử quận Lê Chân"


def agency(hostname) -> AgencySettings:
    return AgencySettings.objects.get(site=Site.objects.get(hostname=hostname))


@pytest.fixture
def emblems(demo):
    """The demo gives both portals one placeholder emblem: Lê Chân gets its own, so
    a page shows whose it is. Returns each portal's emblem, by host."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), (200, 30, 30)).save(buffer, "PNG")
    lechan = agency(LECHAN)
    lechan.emblem = get_image_model().objects.create(
        title="Biểu trưng quận Lê Chân",
        file=ImageFile(buffer, name="bieu-trung-le-chan.png"),
    )
    lechan.save()
    return {LECHAN: lechan.emblem, CITY: agency(CITY).emblem}


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def emblem_sources(page: BeautifulSoup) -> set[str]:
    return {img["src"] for img in page.select("img.congtin-brand__emblem")}


def rendition_url(image) -> str:
    return image.get_rendition("height-160").url


def signed_in(username, host=CITY) -> Client:
    client = Client(HTTP_HOST=host)
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.mark.parametrize("host", [LECHAN, CITY])
def test_login_page_shows_the_portal_of_its_address(emblems, host):
    other = CITY if host == LECHAN else LECHAN
    page = soup(Client(HTTP_HOST=host).get("/admin/login/"))

    brand = page.select_one(".congtin-login-brand")
    assert brand is not None
    assert brand.get_text(" ", strip=True) == agency(host).portal_name
    assert emblem_sources(brand) == {rendition_url(emblems[host])}
    assert rendition_url(emblems[other]) not in str(page)
    assert page.title.get_text().endswith(f" - {agency(host).portal_name}")
    assert page.h1.get_text(strip=True) == "Đăng nhập trang quản trị"


def test_the_city_and_lechan_portals_have_different_names(demo):
    # What the test above tells apart.
    assert agency(CITY).portal_name
    assert agency(CITY).portal_name != LECHAN_NAME == agency(LECHAN).portal_name


def test_lechan_staff_see_their_portal_on_the_city_address(emblems):
    page = soup(signed_in("lechan.bientap", host=CITY).get("/admin/"))

    menu = page.select_one("template[data-wagtail-sidebar-branding-logo]")
    assert menu.get_text(" ", strip=True) == LECHAN_NAME
    assert emblem_sources(menu) == {rendition_url(emblems[LECHAN])}
    assert page.title.get_text().endswith(f" - {LECHAN_NAME}")
    assert LECHAN_NAME in page.select_one("main h1").get_text()
    assert "Wagtail" not in page.title.get_text()


def test_administrators_see_the_portal_of_the_address(emblems):
    page = soup(signed_in("quantri", host=LECHAN).get("/admin/"))
    menu = page.select_one("template[data-wagtail-sidebar-branding-logo]")
    assert menu.get_text(" ", strip=True) == LECHAN_NAME

    page = soup(signed_in("quantri", host=CITY).get("/admin/"))
    menu = page.select_one("template[data-wagtail-sidebar-branding-logo]")
    assert menu.get_text(" ", strip=True) == agency(CITY).portal_name


@pytest.mark.parametrize(
    "username, path",
    [
        ("lechan.phongvien", "/admin/"),
        ("lechan.phongvien", "/admin/account/"),
        ("admin", "/admin/users/"),
    ],
)
def test_the_admin_never_asks_gravatar_for_faces(demo, username, path):
    # A person's e-mail address, hashed, would go to a foreign service on each view.
    content = signed_in(username).get(path).content.decode()
    assert "gravatar" not in content.lower()
    assert "avatar" in content


def test_login_form_labels_the_password_in_vietnamese(demo):
    page = soup(Client(HTTP_HOST=LECHAN).get("/admin/login/"))
    label = page.select_one("label[for=id_password]")
    # The label's own words, before the mark of a required field.
    assert next(label.stripped_strings) == "Mật khẩu"
