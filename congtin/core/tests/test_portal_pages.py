import pytest
from bs4 import BeautifulSoup

from congtin.core.models import AgencySettings


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_main_menu_has_the_expected_items(full_demo, city_client):
    demo = full_demo
    soup = soup_of(city_client.get("/"))
    items = [
        (a.get_text(strip=True), a["href"]) for a in soup.select(".main-menu__list a")
    ]
    assert items == [
        ("Trang chủ", "/"),
        ("Giới thiệu", "/gioi-thieu/"),
        ("Tin tức", "/tin-tuc/"),
        ("Văn bản", "/van-ban/"),
        ("Thủ tục hành chính", "/thu-tuc-hanh-chinh/"),
        ("Hỏi đáp", "/hoi-dap/"),
        ("Liên hệ", "/lien-he/"),
        ("Lịch công tác", "/lich-cong-tac/"),
        ("Dịch vụ công trực tuyến", "https://dichvucong.haiphong.gov.vn/"),
        ("Sơ đồ cổng", "/so-do-cong/"),
    ]
    active = soup_of(city_client.get(demo["url"])).select(
        ".main-menu__item.is-active a"
    )
    assert [a.get_text(strip=True) for a in active] == ["Tin tức"]


@pytest.mark.django_db
def test_header_and_footer_come_from_agency_settings(demo, city_client):
    soup = soup_of(city_client.get("/"))
    assert (
        soup.select_one(".brand__agency").get_text(strip=True) == "Thành phố Hải Phòng"
    )
    assert soup.select_one(".brand__emblem")
    settings = AgencySettings.objects.get(site__hostname="localhost")
    settings.phone = "0225.0000.000"
    settings.agency_name = "Thành phố Cảng"
    settings.save()
    soup = soup_of(city_client.get("/"))
    assert soup.select_one(".brand__agency").get_text(strip=True) == "Thành phố Cảng"
    footer = " ".join(soup.select_one("footer").get_text(" ").split())
    assert "Điện thoại: 0225.0000.000" in footer


@pytest.mark.django_db
def test_component_portal_is_its_own_site(demo, client):
    soup = soup_of(client.get("/", HTTP_HOST="lechan.localhost"))
    assert soup.select_one(".brand__agency").get_text(strip=True) == "Quận Lê Chân"
    assert demo["seed"].title not in soup.get_text()
    footer = soup.select_one("footer").get_text(" ")
    assert "Văn phòng HĐND và UBND quận Lê Chân" in footer
    assert client.get("/so-do-cong/", HTTP_HOST="lechan.localhost").status_code == 200


@pytest.mark.django_db
def test_portal_map_shows_the_page_tree(demo, city_client):
    soup = soup_of(city_client.get("/so-do-cong/"))
    tree = soup.select_one(".portal-map")
    titles = [a.get_text(strip=True) for a in tree.select("a")]
    assert titles[:2] == ["Cổng thông tin điện tử Thành phố Hải Phòng", "Giới thiệu"]
    assert "Quận, huyện" in titles and demo["seed"].title not in titles
    nested = tree.select("li li li a")
    assert "Tin tức - Sự kiện" in [a.get_text(strip=True) for a in nested]


@pytest.mark.django_db
def test_sitemap_and_robots_per_site(demo, client):
    city = client.get("/sitemap.xml", HTTP_HOST="localhost").content.decode()
    assert demo["url"] in city and "lechan.localhost" not in city
    lechan = client.get("/sitemap.xml", HTTP_HOST="lechan.localhost").content.decode()
    assert "http://lechan.localhost/" in lechan and demo["url"] not in lechan
    robots = client.get("/robots.txt", HTTP_HOST="lechan.localhost")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://lechan.localhost/sitemap.xml" in robots.content.decode()


@pytest.mark.django_db
def test_not_found_page_is_vietnamese(demo, city_client):
    response = city_client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.django_db
def test_server_error_page_is_vietnamese(demo, client, monkeypatch):
    from congtin.news.models import ArticlePage

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(ArticlePage, "get_context", broken)
    client.raise_request_exception = False
    response = client.get(demo["url"], HTTP_HOST="localhost")
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()


@pytest.mark.django_db
def test_section_page_lists_and_paginates(demo, city_client, make_articles):
    from congtin.news.models import NewsIndexPage

    section = NewsIndexPage.objects.get(slug="thanh-pho")
    make_articles(section, 25, prefix="Tin tp")
    soup = soup_of(city_client.get(section.get_url()))
    assert len(soup.select(".article-list .card")) == 20
    assert (
        soup.select_one(".pagination").get_text(" ", strip=True).startswith("Trang 1/2")
    )
    page2 = soup_of(city_client.get(section.get_url() + "?trang=2"))
    assert len(page2.select(".article-list .card")) == 5
    assert city_client.get(section.get_url() + "?trang=abc").status_code == 200
    assert city_client.get(section.get_url() + "?trang=999").status_code == 200
