"""What the demo adds: banners and a "Liên kết website" block on both portals'
home pages, a banner on every Lê Chân page; no alert; loading again adds nothing."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import Site

from congtin.banners.demo import load_banners_demo
from congtin.banners.models import Banner, EmergencyAlert, LinkBlock, LinkBlockItem
from congtin.demo.placeholders import placeholder_banner

pytestmark = pytest.mark.django_db


def html_of(host, url="/"):
    response = Client().get(url, HTTP_HOST=host)
    assert response.status_code == 200, (host, url)
    return BeautifulSoup(response.content.decode(), "html.parser")


def counts():
    return [m.objects.count() for m in (Banner, LinkBlock, LinkBlockItem)]


def test_demo_banners_and_links(full_demo):
    city = Site.objects.get(hostname="localhost")
    lechan = Site.objects.get(hostname="lechan.localhost")
    assert all("(Minh họa)" in b.title for b in Banner.objects.all())
    assert not EmergencyAlert.objects.exists()

    home = html_of("localhost")
    assert home.select_one(".emergency-alert") is None
    assert home.select_one(".banner-slot--home_top img")["alt"] == (
        "Hải Phòng chuyển đổi số"
    )
    side = home.select_one(".banner-slot--home_side")
    assert [img["alt"] for img in side.select("img")] == [
        "Dịch vụ công trực tuyến",
        "Cổng dịch vụ công quốc gia",
    ]
    assert side.select_one("nav.link-block h2").get_text() == (
        "Liên kết website (Minh họa)"
    )
    link = side.select_one("a[href^='/bn/']")["href"]
    response = Client(HTTP_USER_AGENT="Mozilla/5.0 Firefox/130.0").get(
        link, HTTP_HOST="localhost"
    )
    assert response["Location"] == "https://dichvucong.haiphong.gov.vn/"

    district = html_of("lechan.localhost", "/gioi-thieu/")
    every = district.select_one("aside.banner-slot--every_page img")
    assert every["alt"] == "Cổng thông tin điện tử thành phố Hải Phòng"
    assert html_of("localhost", "/gioi-thieu/").select_one(".banner-slot") is None

    before = counts()
    load_banners_demo(city, lechan, placeholder_banner)
    assert counts() == before
