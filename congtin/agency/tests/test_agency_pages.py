"""Agency pages, footer links and the city's English pages, through real requests."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Locale

from congtin.agency.models import ContactPage, LeaderPage, RelatedPortals
from congtin.core.models import AgencySettings

from .conftest import shared_agency_portals

pytestmark = [pytest.mark.django_db, shared_agency_portals]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split())


def fetch(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return soup(response)


def check_agency_pages_of_both_portals():
    city = Client(HTTP_HOST="localhost")
    district = Client(HTTP_HOST="quan.localhost")

    organisation = fetch(city, "/gioi-thieu/co-cau-to-chuc/")
    units = organisation.select(".org-units li")
    assert [u.select_one("a").get_text() for u in units] == [
        "Văn phòng Ủy ban nhân dân thành phố",
        "Trung tâm Thông tin - Tin học",
    ]
    assert "Điện thoại: 0225.1111.222" in text(units[0])
    unit = fetch(city, units[1].select_one("a")["href"])
    assert "Nhà B, số 1 Đường Thử" in text(unit.select_one(".agency-contact"))

    leaders = fetch(city, "/gioi-thieu/lanh-dao/")
    cards = leaders.select(".leader-card")
    assert len(cards) == 2
    for card in cards:
        # Invented people are visibly marked, and have a (placeholder) photo.
        assert "(Minh họa)" in card.select_one(".leader-card__name").get_text()
        assert card.select_one("img")["src"]
    leader = fetch(city, cards[0].select_one("a")["href"])
    assert "Chủ tịch Ủy ban nhân dân thành phố (Minh họa)" in text(leader)

    contact = fetch(city, "/lien-he/")
    details = text(contact.select_one(".agency-contact"))
    for value in (
        "Số 1 Đường Thử",
        "0225.1111.222",
        "0225.3333.444",
        "lienhe@thu.example",
    ):
        assert value in details
    assert contact.select_one(
        ".agency-contact a[href^='https://www.openstreetmap.org']"
    )
    spokesperson = text(contact.select_one(".spokesperson"))
    assert "Người phát ngôn (Minh họa)" in spokesperson
    assert "Chánh Văn phòng Ủy ban nhân dân thành phố (Minh họa)" in spokesperson
    assert "0225.1111.222" in spokesperson and "lienhe@thu.example" in spokesperson
    # Contact details are read from the agency settings, not copied.
    settings = AgencySettings.objects.get(site__hostname="localhost")
    settings.fax = "0225.9999.000"
    settings.save()
    assert "0225.9999.000" in text(
        fetch(city, "/lien-he/").select_one(".agency-contact")
    )

    services = fetch(city, "/dich-vu-cong-truc-tuyen/")
    links = [a["href"] for a in services.select(".service-links a")]
    assert links == ["https://dichvucong.gov.vn", "https://dichvucong.haiphong.gov.vn"]

    # The district has its own pages with its own agency settings.
    assert fetch(district, "/gioi-thieu/lanh-dao/").select(".leader-card")
    assert "Chủ tịch Ủy ban nhân dân quận (Minh họa)" in text(
        fetch(district, "/gioi-thieu/lanh-dao/")
    )
    assert "Người phát ngôn" in text(fetch(district, "/lien-he/"))


def check_footer_links_are_editable():
    city = Client(HTTP_HOST="localhost")
    footer = fetch(city, "/").select_one(".site-footer__related")
    assert [a.get_text() for a in footer.select("a")] == [
        "Cổng thông tin điện tử Chính phủ",
        "Cổng Dịch vụ công quốc gia",
        "Cổng Dịch vụ công thành phố Hải Phòng",
    ]
    admin = get_user_model().objects.create_superuser("qt", "qt@example.com", "x")
    editor = Client(HTTP_HOST="localhost")
    editor.force_login(admin)
    setting = RelatedPortals.objects.get(site__hostname="localhost")
    links = list(setting.links.all())
    data = {
        "heading": "Liên kết website",
        "links-TOTAL_FORMS": "2",
        "links-INITIAL_FORMS": str(len(links)),
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
    }
    for i, link in enumerate(links):
        data.update(
            {
                f"links-{i}-id": str(link.pk),
                f"links-{i}-ORDER": str(i + 1),
                f"links-{i}-DELETE": "on" if i == 1 else "",
                f"links-{i}-title": link.title,
                f"links-{i}-url": link.url,
            }
        )
    data.update(
        {
            "links-TOTAL_FORMS": str(len(links) + 1),
            f"links-{len(links)}-id": "",
            f"links-{len(links)}-ORDER": "0",
            f"links-{len(links)}-DELETE": "",
            f"links-{len(links)}-title": "Cổng thông tin quận Thử",
            f"links-{len(links)}-url": "http://quan.localhost/",
        }
    )
    url = f"/admin/settings/agency/relatedportals/{setting.site_id}/"
    assert editor.get(url).status_code == 200
    response = editor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    footer = fetch(city, "/").select_one(".site-footer__related")
    assert footer.select_one("h2").get_text() == "Liên kết website"
    titles = [a.get_text() for a in footer.select("a")]
    assert "Cổng Dịch vụ công quốc gia" not in titles
    assert "Cổng thông tin quận Thử" in titles
    # The other portal keeps its own list.
    district = fetch(Client(HTTP_HOST="quan.localhost"), "/")
    assert "Cổng Dịch vụ công quốc gia" in text(district.select_one("footer"))


def switch_links(page):
    nav = page.select_one(".language-switch")
    if nav is None:
        return None
    return {
        text(item): (item.get("href"), item.name)
        for item in nav.select("a, span[aria-current]")
    }


def check_english_pages_and_language_switch():
    city = Client(HTTP_HOST="localhost")
    english = fetch(city, "/en/contact/")
    assert english.html["lang"] == "en"
    assert english.select_one("h1").get_text() == "Contact"
    spokesperson = text(english.select_one(".spokesperson"))
    assert spokesperson.startswith("Spokesperson Name Spokesperson (Minh họa) Position")
    assert "Số 1 Đường Thử" in text(english.select_one(".agency-contact"))
    assert switch_links(english) == {
        "Tiếng Việt": ("/lien-he/", "a"),
        "English": (None, "span"),
    }
    vietnamese = fetch(city, "/lien-he/")
    assert vietnamese.html["lang"] == "vi"
    assert switch_links(vietnamese) == {
        "Tiếng Việt": (None, "span"),
        "English": ("/en/contact/", "a"),
    }
    assert fetch(city, "/en/").html["lang"] == "en"
    organisation = fetch(city, "/en/about/organisation/")
    assert [
        a.get_text() for a in organisation.select(".org-units > li > a:first-child")
    ] == [
        "Office of the City People's Committee",
        "Information Technology Centre",
    ]
    assert switch_links(organisation)["Tiếng Việt"][0] == "/gioi-thieu/co-cau-to-chuc/"
    leaders = fetch(city, "/en/about/leaders/")
    assert "Chairman of the City People's Committee (Minh họa)" in text(leaders)
    assert switch_links(fetch(city, "/gioi-thieu/lanh-dao/"))["English"][0] == (
        "/en/about/leaders/"
    )
    # No switch where there is no translation; no English tree on the district.
    assert switch_links(fetch(city, "/dich-vu-cong-truc-tuyen/")) is None
    district = Client(HTTP_HOST="quan.localhost")
    fetch(district, "/en/", status=404)
    fetch(district, "/en/lien-he/", status=404)
    fetch(city, "/en/lien-he/", status=404)
    # Unprefixed addresses outside the page tree still work.
    assert city.get("/rss/").status_code == 200
    assert city.get("/sitemap.xml").status_code == 200
    assert city.get("/tim-kiem/?q=lien+he").status_code == 200
    assert city.get("/en/tim-kiem/").status_code == 404


def check_translating_a_page_in_the_admin():
    admin = get_user_model().objects.create_superuser("qt", "qt@example.com", "x")
    editor = Client(HTTP_HOST="localhost")
    editor.force_login(admin)
    en = Locale.objects.get(language_code="en")
    leader = LeaderPage.objects.filter(locale__language_code="vi").first()
    new = LeaderPage.objects.get(pk=leader.pk).copy(
        update_attrs={"slug": "lanh-dao-moi", "title": "Lãnh đạo mới (Minh họa)"}
    )
    response = editor.post(
        f"/admin/translation/submit/page/{new.pk}/", {"locales": [en.pk]}
    )
    assert response.status_code == 302
    translation = new.get_translation(en)
    assert not translation.live  # a draft to be written in English, then published
    edit = editor.get(f"/admin/pages/{translation.pk}/edit/")
    assert edit.status_code == 200
    assert ContactPage.objects.filter(locale=en).count() == 1


# The fixture costs most of the time, so each test checks several things on it.
def test_agency_pages_and_footer_links(agency_portals):
    check_agency_pages_of_both_portals()
    check_footer_links_are_editable()


def test_english_pages_switch_and_admin_translation(agency_portals):
    check_english_pages_and_language_switch()
    check_translating_a_page_in_the_admin()


def test_agency_pages_are_found_in_search(agency_portals):
    from django.core.management import call_command

    from congtin.agency.models import ContactPage
    from congtin.search.engine import SearchQuery, search

    call_command("rebuild_search_index", verbosity=0)

    def kinds_and_titles(text):
        results = search(SearchQuery(text=text))
        return [(hit.kind_label, hit.entry.title) for hit in results.hits]

    contact = ContactPage.objects.filter(locale__language_code="vi").first()
    # The agency's phone number comes from its settings, not from the page.
    assert ("Giới thiệu", contact.title) in kinds_and_titles("0225.1111.222")
    assert ("Giới thiệu", contact.title) in kinds_and_titles("nguoi phat ngon")

    contact.intro = "Tiếp nhận phản ánh, kiến nghị về quy định hành chính."
    contact.save_revision().publish()
    assert ("Giới thiệu", contact.title) in kinds_and_titles("phan anh kien nghi")


def test_english_pages_have_english_menu_and_footer(agency_portals):
    city = Client(HTTP_HOST="localhost")
    english = fetch(city, "/en/contact/")
    assert text(english.select_one(".skip-link")) == "Skip to main content"
    menu = english.select_one("nav.main-menu")
    assert menu["aria-label"] == "Main menu"
    items = [(a.get_text(), a["href"]) for a in menu.select("li a")]
    assert items[0] == ("Home", "/en/")
    # The English pages shown in menus, and no Vietnamese page.
    assert ("Contact", "/en/contact/") in items
    assert all(href.startswith("/en/") for _, href in items if "://" not in href)
    assert ("Online public services", "https://dichvucong.haiphong.gov.vn/") in items
    footer = text(english.select_one("footer"))
    assert "Phone: 0225.1111.222" in footer and "Address: Số 1 Đường Thử" in footer
    assert "Điện thoại" not in footer

    # Vietnamese pages keep the Vietnamese chrome (each language cached apart).
    vietnamese = fetch(city, "/lien-he/")
    assert text(vietnamese.select_one(".skip-link")) == "Bỏ qua, đến nội dung chính"
    first = vietnamese.select_one("nav.main-menu li a")
    assert (first.get_text(), first["href"]) == ("Trang chủ", "/")
    assert "Điện thoại: 0225.1111.222" in text(vietnamese.select_one("footer"))


def test_the_home_page_title_names_the_portal_once_and_empty_parts_are_left_out(
    agency_portals,
):
    from django.contrib.staticfiles import finders

    from .conftest import CITY_AGENCY

    portal_name = CITY_AGENCY["portal_name"]
    client = Client(HTTP_HOST="localhost")
    page = fetch(client, "/")
    assert page.title.get_text() == portal_name
    contact = fetch(client, "/lien-he/")
    assert contact.title.get_text() == f"Liên hệ - {portal_name}"
    # A named icon keeps browsers from asking for /favicon.ico (a 404 page render).
    icon = page.select_one('link[rel="icon"]')["href"]
    assert icon.startswith("/static/img/favicon") and icon.endswith(".svg")
    assert finders.find("img/favicon.svg")
    # The footer's contact heading only comes with something under it.
    assert "0225.1111.222" in text(page.select_one(".site-footer__contact"))
    district = fetch(Client(HTTP_HOST="quan.localhost"), "/")
    assert district.select_one(".site-footer__contact") is None
    assert district.select_one(".site-footer__agency")
