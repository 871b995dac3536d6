"""Spokespeople: on the contact page and in the footer, kept by their own portal's
staff only (admin list, forms and single-object views), offered on that portal's
press releases only."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from congtin.agency.models import ContactPage
from congtin.portals.tests.factories import UserFactory
from congtin.press.models import PressReleasePage, Spokesperson

from .conftest import CITY, OTHER, shared_portals
from .factories import SpokespersonFactory

pytestmark = [pytest.mark.django_db, shared_portals]

SNIPPETS = "wagtailsnippets_press_spokesperson"


def text(node):
    return " ".join(node.get_text(" ").split())


def html_of(url, host=CITY):
    response = Client(HTTP_HOST=host).get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def contact_page(home):
    page = ContactPage(
        title="Liên hệ",
        slug="lien-he",
        spokesperson_name="Tên trên trang",
        spokesperson_title="Chức vụ trên trang",
        spokesperson_phone="0225.1111.222",
        spokesperson_email="trang@example.com",
    )
    home.add_child(instance=page)
    return page


def test_contact_page_and_footer_show_the_portals_spokespeople(portals):
    city = portals["city"].site
    page = contact_page(portals["city"].home)
    # Without a recorded spokesperson the page's own fields are shown, and without
    # either no empty section.
    assert "Tên trên trang" in text(html_of(page.url).select_one(".spokesperson"))
    page.spokesperson_name = ""
    page.save_revision().publish()
    assert html_of(page.url).select_one(".spokesperson") is None
    assert html_of(page.url).select_one(".site-footer__spokesperson") is None

    SpokespersonFactory(
        site=city,
        name="Nguyễn Văn Phát",
        position="Chánh Văn phòng UBND",
        phone="0225.3821.055",
        appointment="Quyết định số 12/QĐ-UBND",
        sort_order=1,
    )
    SpokespersonFactory(site=city, name="Trần Thị Ngôn", sort_order=2, phone="")
    SpokespersonFactory(site=city, name="Đã Thôi Việc", is_active=False)
    SpokespersonFactory(site=portals["other"].site, name="Người Cổng Khác")

    html = html_of(page.url)
    section = html.select_one(".spokesperson")
    people = [text(dl) for dl in section.select(".spokesperson__person")]
    assert len(people) == 2
    assert people[0] == (
        "Họ tên Nguyễn Văn Phát Chức vụ Chánh Văn phòng UBND Điện thoại "
        "0225.3821.055 Email " + people[0].split("Email ", 1)[1]
    )
    assert "Quyết định giao nhiệm vụ Quyết định số 12/QĐ-UBND" in people[0]
    assert section.select_one("a[href^='tel:']")["href"] == "tel:02253821055"
    assert "Trần Thị Ngôn" in people[1] and "Điện thoại" not in people[1]
    assert "Tên trên trang" not in text(section)
    assert "Đã Thôi Việc" not in text(section)

    footer = html.select_one(".site-footer__spokesperson")
    # Name and phone; the e-mail is on the contact page (and is often the agency's).
    assert text(footer) == "Người phát ngôn: Nguyễn Văn Phát - 0225.3821.055"
    other_footer = html_of("/", host=OTHER).select_one(".site-footer__spokesperson")
    assert text(other_footer) == "Người phát ngôn: Người Cổng Khác - 0225.3821.055"
    # The footer links the portal's press releases.
    links = html.select_one(".site-footer__press")
    assert links.a["href"] == "/thong-cao-bao-chi/"


def test_english_position_on_english_pages(portals):
    person = SpokespersonFactory(
        site=portals["city"].site, position="Chánh Văn phòng", position_en="Chief"
    )
    assert person.position_in("en") == "Chief"
    assert person.position_in("vi") == "Chánh Văn phòng"
    person.position_en = ""
    assert person.position_in("en") == "Chánh Văn phòng"


def test_phone_must_be_a_phone_number(portals):
    person = Spokesperson(
        site=portals["city"].site, name="A", position="B", phone="gọi tôi"
    )
    with pytest.raises(Exception) as error:
        person.full_clean()
    assert "Số điện thoại không hợp lệ" in str(error.value)


def test_staff_keep_their_own_portals_spokespeople_only(client, portals):
    city, other = portals["city"], portals["other"]
    chief = UserFactory(groups=[other.groups.chiefs])
    reporter = UserFactory(groups=[other.groups.reporters])
    mine = SpokespersonFactory(site=other.site, name="Của Quận")
    theirs = SpokespersonFactory(site=city.site, name="Của Thành Phố")

    client.force_login(chief)
    listing = client.get(reverse(f"{SNIPPETS}:list")).content.decode()
    assert "Của Quận" in listing and "Của Thành Phố" not in listing
    assert client.get(reverse(f"{SNIPPETS}:edit", args=[mine.pk])).status_code == 200
    for view in ("edit", "delete", "history"):
        url = reverse(f"{SNIPPETS}:{view}", args=[theirs.pk])
        assert client.get(url).status_code == 404, view
    assert (
        client.post(reverse(f"{SNIPPETS}:delete", args=[theirs.pk])).status_code == 404
    )

    add = reverse(f"{SNIPPETS}:add")
    form = client.get(add).content.decode()
    assert f'value="{other.site.pk}"' in form and f'value="{city.site.pk}"' not in form
    fields = {"name": "Mới", "position": "Phó Chánh Văn phòng", "sort_order": 0}
    # A crafted post for another portal is refused and saves nothing.
    response = client.post(add, {**fields, "site": city.site.pk})
    assert response.status_code == 200
    assert not Spokesperson.objects.filter(name="Mới").exists()
    response = client.post(add, {**fields, "site": other.site.pk, "is_active": "on"})
    assert response.status_code == 302
    assert Spokesperson.objects.get(name="Mới").site == other.site

    # Reporters have no say over who speaks for the portal.
    client.force_login(reporter)
    assert client.get(add).status_code in (302, 403)
    assert client.get(reverse(f"{SNIPPETS}:edit", args=[mine.pk])).status_code in (
        302,
        403,
    )


def test_release_form_offers_own_portals_spokespeople_only(portals):
    mine = SpokespersonFactory(site=portals["city"].site)
    theirs = SpokespersonFactory(site=portals["other"].site)
    form_class = PressReleasePage.get_edit_handler().get_form_class()
    form = form_class(
        instance=PressReleasePage(), parent_page=portals["index"], for_user=None
    )
    choices = list(form.fields["spokesperson"].queryset)
    assert choices == [mine] and theirs not in choices


def test_releases_are_written_in_own_portal_only(client, portals):
    chief = UserFactory(groups=[portals["other"].groups.chiefs])
    client.force_login(chief)
    own = reverse(
        "wagtailadmin_pages:add",
        args=["press", "pressreleasepage", portals["other_index"].pk],
    )
    assert client.get(own).status_code == 200
    city = reverse(
        "wagtailadmin_pages:add",
        args=["press", "pressreleasepage", portals["index"].pk],
    )
    assert client.get(city).status_code in (302, 403)
    assert client.post(city, {"title": "Không được"}).status_code in (302, 403)
    assert not PressReleasePage.objects.filter(title="Không được").exists()
