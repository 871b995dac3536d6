"""The public week view: current week by default, navigation, dates, print, 400s."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from .conftest import MONDAY, TODAY, entry, shared_portal, shared_two_portals

pytestmark = pytest.mark.django_db


def get(portal, url):
    return Client(HTTP_HOST=portal.host).get(url)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def texts(response, selector):
    return [
        " ".join(el.get_text(" ").split()) for el in soup(response).select(selector)
    ]


@shared_two_portals
def test_week_navigation_dates_print_and_home_box(portal, other_portal, publish_week):
    previous = MONDAY - timedelta(days=7)
    publish_week(
        portal.index,
        MONDAY,
        [
            entry(TODAY, 14, "Họp về chuyển đổi số"),
            entry(TODAY, 8, "Tiếp công dân định kỳ", leaders="Phó Chủ tịch UBND quận"),
            entry(MONDAY + timedelta(days=5), 9, "Kiểm tra phòng chống bão"),
        ],
    )
    publish_week(portal.index, previous, [entry(previous, 8, "Giao ban tuần trước")])
    publish_week(other_portal.index, MONDAY, [entry(TODAY, 8, "Việc của huyện khác")])
    url = portal.index.url_path.removeprefix(portal.editorial.home.url_path)
    url = "/" + url

    response = get(portal, url)
    assert response.status_code == 200
    page = soup(response)
    assert "Tuần 48, từ 23/11/2026 đến 29/11/2026" in page.get_text()
    days = texts(response, ".schedule-day__title")
    # Monday to Friday always; Saturday because it has an entry; no Sunday.
    assert days == [
        "Thứ Hai, 23/11/2026",
        "Thứ Ba, 24/11/2026",
        "Thứ Tư, 25/11/2026 (Hôm nay)",
        "Thứ Năm, 26/11/2026",
        "Thứ Sáu, 27/11/2026",
        "Thứ Bảy, 28/11/2026",
    ]
    today = page.select_one(".schedule-day--today")
    sessions = {
        s.select_one(".schedule-session__title").get_text(): " ".join(
            s.get_text(" ").split()
        )
        for s in today.select(".schedule-session")
    }
    assert "08:00 : Phó Chủ tịch UBND quận Tiếp công dân định kỳ" in sessions["Sáng"]
    assert "Địa điểm: Hội trường tầng 3" in sessions["Sáng"]
    assert "Chuẩn bị: Văn phòng" in sessions["Sáng"]
    assert "Thành phần: Các phòng, ban" in sessions["Sáng"]
    assert "14:00 : Chủ tịch UBND quận Họp về chuyển đổi số" in sessions["Chiều"]
    assert "Việc của huyện khác" not in page.get_text()

    # Previous week through its link, next week has nothing, back to this week.
    prev_href = page.select_one("a[rel=prev]")["href"]
    assert prev_href == f"{url}?ngay=16/11/2026"
    previous_page = get(portal, prev_href)
    assert "Giao ban tuần trước" in previous_page.content.decode()
    assert "Tuần 47, từ 16/11/2026 đến 22/11/2026" in previous_page.content.decode()
    next_page = get(portal, soup(previous_page).select_one("a[rel=next]")["href"])
    assert "Họp về chuyển đổi số" in next_page.content.decode()
    empty = get(portal, f"{url}?ngay=01/12/2026")
    assert "Chưa có lịch công tác của tuần này." in empty.content.decode()
    assert soup(empty).select_one(f".schedule-nav a[href='{url}']")  # this week

    # Jump to any day of a week, typed or from the date input.
    for value in ("18/11/2026", "2026-11-22", "16-11-2026", " 20/11/2026 "):
        assert (
            "Giao ban tuần trước" in get(portal, f"{url}?ngay={value}").content.decode()
        )

    for bad in (
        "32/13/2026",
        "abc",
        "30/02/2026",
        "2026-13-01",
        "01/01/0001",
        "1" * 300,
    ):
        response = get(portal, f"{url}?ngay={bad}")
        assert response.status_code == 400, bad
        assert "không hợp lệ" in response.content.decode()
        assert "ngày/tháng/năm" in response.content.decode()

    printed = get(portal, f"{url}?ngay=25/11/2026&in=1")
    assert printed.status_code == 200
    assert not soup(printed).select(".main-menu, .site-footer, form")
    assert "Tiếp công dân định kỳ" in printed.content.decode()
    assert "LỊCH CÔNG TÁC" in printed.content.decode()

    # The week's own address shows the same week.
    week = portal.index.get_children().live().get(slug="tuan-2026-11-23")
    assert (
        "Họp về chuyển đổi số"
        in get(
            portal, week.url_path.removeprefix(portal.editorial.home.url_path[:-1])
        ).content.decode()
    )

    # Today's box on the home page: both of today's entries, in time order.
    home = soup(get(portal, "/"))
    box = home.select_one(".schedule-today")
    items = [" ".join(li.get_text(" ").split()) for li in box.select("li")]
    assert items[0].startswith("08:00 Phó Chủ tịch UBND quận: Tiếp công dân định kỳ")
    assert items[1].startswith("14:00 Chủ tịch UBND quận: Họp về chuyển đổi số")
    assert box.select_one("a")["href"] == url


@shared_portal
def test_home_box_says_when_today_is_empty(portal):
    box = soup(get(portal, "/")).select_one(".schedule-today")
    assert "Không có lịch công tác." in box.get_text()
