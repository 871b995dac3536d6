"""What a reader does, in Debian's Chromium: switch language, pick a schedule week."""

from datetime import time, timedelta

import pytest

from congtin.conftest import launch_chromium

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread: the data must be committed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(agency_portals, live_server):
    """Agency pages and a two-week schedule on the city, read before Chromium starts."""
    from congtin.portals.setup import ensure_child
    from congtin.schedule.models import (
        ScheduleEntry,
        ScheduleIndexPage,
        WeekSchedulePage,
    )
    from congtin.schedule.views import monday_of, today

    city, _district = agency_portals
    index = ensure_child(
        city.home, ScheduleIndexPage, "lich-cong-tac", title="Lịch công tác"
    )
    monday = monday_of(today())
    for start, content in (
        (monday, "Việc tuần này"),
        (monday - timedelta(days=7), "Việc tuần trước"),
    ):
        page = WeekSchedulePage(
            week_start=start,
            entries=[
                ScheduleEntry(
                    day=start + timedelta(days=1),
                    start_time=time(8, 0),
                    leaders="Chủ tịch UBND thành phố",
                    content=content,
                )
            ],
        )
        index.add_child(instance=page)
        page.save_revision().publish()
    return {"url": live_server.url, "previous": monday - timedelta(days=7)}


@pytest.fixture
def browser(chromium, site, monkeypatch):
    with launch_chromium(chromium, monkeypatch) as browser:
        yield browser


def test_language_switch_and_schedule_week_picker(site, new_page):
    from playwright.sync_api import expect

    page = new_page()
    page.goto(site["url"] + "/lien-he/")
    switch = page.locator(".language-switch")
    expect(switch.locator("[aria-current=page]")).to_have_text("Tiếng Việt")
    switch.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/contact/")
    expect(page.locator("h1")).to_have_text("Contact")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".spokesperson h2")).to_have_text("Spokesperson")
    page.locator(".language-switch").get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_url("**/lien-he/")
    expect(page.locator("h1")).to_have_text("Liên hệ")

    page.goto(site["url"] + "/lich-cong-tac/")
    expect(page.locator("main")).to_contain_text("Việc tuần này")
    page.locator("#schedule-date").fill(site["previous"].isoformat())
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("main")).to_contain_text("Việc tuần trước")
    expect(page.locator("main")).not_to_contain_text("Việc tuần này")
    page.get_by_role("link", name="Tuần sau").click()
    expect(page.locator("main")).to_contain_text("Việc tuần này")
