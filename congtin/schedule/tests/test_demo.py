"""The demo as `make run` builds it: both portals show a schedule today."""

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.test import Client

pytestmark = pytest.mark.django_db


def test_demo_portals_have_schedule_and_agency_pages(demo):
    for host in ("localhost", "lechan.localhost"):
        client = Client(HTTP_HOST=host)
        home = BeautifulSoup(client.get("/").content, "html.parser")
        box = home.select_one(".schedule-today")
        assert box.select("li"), host  # something today, whatever the day
        assert "(Minh họa)" in box.get_text()
        week = client.get("/lich-cong-tac/").content.decode()
        assert "(Hôm nay)" in week
        feed = icalendar.Calendar.from_ical(client.get("/lich-cong-tac/ical/").content)
        assert len(feed.walk("VEVENT")) >= 12
        for url in (
            "/gioi-thieu/co-cau-to-chuc/",
            "/gioi-thieu/lanh-dao/",
            "/lien-he/",
        ):
            assert client.get(url).status_code == 200, (host, url)
    city = Client(HTTP_HOST="localhost")
    assert "(điều chỉnh lúc" in city.get("/lich-cong-tac/").content.decode()
    english = BeautifulSoup(city.get("/en/contact/").content, "html.parser")
    assert english.select_one("h1").get_text() == "Contact"
    assert Client(HTTP_HOST="lechan.localhost").get("/en/contact/").status_code == 404
