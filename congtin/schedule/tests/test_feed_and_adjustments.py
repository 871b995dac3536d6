"""iCalendar feed, "điều chỉnh" marks, and publishing through the portal's workflow."""

from datetime import datetime, time, timedelta

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client

from congtin.schedule.models import ScheduleEntry, WeekSchedulePage

from .conftest import MONDAY, NOW, TODAY, TZ, entry, shared_portal, shared_two_portals

pytestmark = pytest.mark.django_db


@shared_two_portals
def test_ical_feed_holds_the_published_events(portal, other_portal, publish_week):
    publish_week(
        portal.index,
        MONDAY,
        [
            entry(TODAY, 8, "Tiếp công dân", minute=30, end_time=time(11, 0)),
            entry(TODAY + timedelta(days=1), 14, 'Họp, bàn; kế hoạch "năm"'),
        ],
    )
    publish_week(other_portal.index, MONDAY, [entry(TODAY, 8, "Việc huyện khác")])
    draft = WeekSchedulePage(
        week_start=MONDAY + timedelta(days=7),
        entries=[entry(MONDAY + timedelta(days=7), 8, "Bản nháp chưa duyệt")],
    )
    portal.index.add_child(instance=draft)
    draft.save_revision()
    draft.unpublish()

    response = Client(HTTP_HOST=portal.host).get("/lich-cong-tac/ical/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Ho_Chi_Minh"
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert [str(e["summary"]) for e in events] == [
        "Chủ tịch UBND quận: Tiếp công dân",
        'Chủ tịch UBND quận: Họp, bàn; kế hoạch "năm"',
    ]
    first = events[0]
    start = first.decoded("dtstart")
    assert start == datetime(2026, 11, 25, 8, 30, tzinfo=TZ)
    assert start.utcoffset() == timedelta(hours=7)
    assert first["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert first.decoded("dtend") == datetime(2026, 11, 25, 11, 0, tzinfo=TZ)
    assert str(first["location"]) == "Hội trường tầng 3"
    assert "Thành phần: Các phòng, ban" in str(first["description"])
    assert str(first["url"]).startswith("http://thunghiem.localhost/lich-cong-tac/")
    assert len({str(e["uid"]) for e in events}) == 2
    assert calendar.walk("VTIMEZONE")
    # A second portal has its own feed.
    other = Client(HTTP_HOST=other_portal.host).get("/lich-cong-tac/ical/")
    summaries = [
        str(e["summary"])
        for e in icalendar.Calendar.from_ical(other.content).walk("VEVENT")
    ]
    assert summaries == ["Chủ tịch UBND quận: Việc huyện khác"]


def republish(page, frozen, minutes, change):
    frozen.move_to(NOW + timedelta(minutes=minutes))
    latest = WeekSchedulePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    change(latest)
    latest.save_revision().publish()


def marks(page):
    return {e.content: e.adjusted_at for e in ScheduleEntry.objects.filter(page=page)}


@shared_portal
def test_changes_after_publication_are_marked(portal, publish_week, frozen):
    page = publish_week(
        portal.index,
        MONDAY,
        [entry(TODAY, 8, "Giao ban"), entry(TODAY, 14, "Làm việc với sở")],
    )
    assert set(marks(page).values()) == {None}

    def move_meeting(week):
        items = list(week.entries.all())
        # By content: the rows' order is the database's when sort orders tie.
        moved = next(item for item in items if item.content == "Làm việc với sở")
        moved.start_time = time(15, 0)
        week.entries = items

    republish(page, frozen, 30, move_meeting)
    first_change = NOW + timedelta(minutes=30)
    assert marks(page) == {"Giao ban": None, "Làm việc với sở": first_change}

    def add_and_reorder(week):
        items = list(week.entries.all())
        items.append(entry(TODAY, 16, "Họp đột xuất"))
        week.entries = list(reversed(items))

    republish(page, frozen, 90, add_and_reorder)
    second = NOW + timedelta(minutes=90)
    # Reordering changes nothing; the earlier change keeps its time.
    assert marks(page) == {
        "Giao ban": None,
        "Làm việc với sở": first_change,
        "Họp đột xuất": second,
    }

    html = Client(HTTP_HOST=portal.host).get("/lich-cong-tac/").content.decode()
    text = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
    assert "Làm việc với sở (điều chỉnh lúc 09:30 25/11/2026)" in text
    assert "Họp đột xuất (điều chỉnh lúc 10:30 25/11/2026)" in text
    assert "Giao ban (điều chỉnh" not in text
    feed = icalendar.Calendar.from_ical(
        Client(HTTP_HOST=portal.host).get("/lich-cong-tac/ical/").content
    )
    adjusted = [e for e in feed.walk("VEVENT") if "Làm việc" in str(e["summary"])][0]
    assert "Điều chỉnh lúc 09:30 25/11/2026" in str(adjusted["description"])


def week_form(**fields):
    data = {
        "week_start": "26/11/2026",  # any day: the week's Monday is taken
        "title": "",
        "slug": "",
        "note": "Lịch có thể thay đổi.",
        "entries-TOTAL_FORMS": "2",
        "entries-INITIAL_FORMS": "0",
        "entries-MIN_NUM_FORMS": "0",
        "entries-MAX_NUM_FORMS": "1000",
        "go_live_at": "",
        "expire_at": "",
        "seo_title": "",
        "search_description": "",
    }
    rows = [
        ("25/11/2026", "08:00", "Tiếp công dân định kỳ"),
        ("27/11/2026", "14:00", "Hội nghị sơ kết"),
    ]
    for i, (day, start, content) in enumerate(rows):
        data.update(
            {
                f"entries-{i}-id": "",
                f"entries-{i}-ORDER": str(i + 1),
                f"entries-{i}-DELETE": "",
                f"entries-{i}-day": day,
                f"entries-{i}-start_time": start,
                f"entries-{i}-end_time": "",
                f"entries-{i}-leaders": "Chủ tịch UBND quận",
                f"entries-{i}-content": content,
                f"entries-{i}-place": "Hội trường",
                f"entries-{i}-preparation": "Văn phòng",
                f"entries-{i}-participants": "Các phòng, ban",
            }
        )
    data.update(fields)
    return data


def user_in(group, username):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.com", "x"
    )
    user.groups.add(group)
    client = Client(HTTP_HOST="thunghiem.localhost")
    client.force_login(user)
    return client


@shared_portal
def test_week_goes_through_the_portal_workflow(portal):
    groups = portal.editorial.groups
    reporter = user_in(groups.reporters, "pv")
    editor = user_in(groups.editors, "bt")
    chief = user_in(groups.chiefs, "tb")
    add_url = f"/admin/pages/add/schedule/weekschedulepage/{portal.index.pk}/"

    # An entry outside the chosen week is refused with a Vietnamese message.
    bad = reporter.post(add_url, week_form(**{"entries-1-day": "01/12/2026"}))
    assert bad.status_code == 200
    assert "Ngày phải trong tuần từ 23/11/2026 đến 29/11/2026." in bad.content.decode()
    assert not WeekSchedulePage.objects.exists()

    # The reporter submits the week; it is not public yet.
    response = reporter.post(add_url, week_form(**{"action-submit": "action"}))
    assert response.status_code == 302
    page = WeekSchedulePage.objects.get()
    assert page.week_start.isoformat() == "2026-11-23"
    assert page.title == "Lịch công tác tuần 48 (từ 23/11/2026 đến 29/11/2026)"
    assert not page.live
    public = Client(HTTP_HOST=portal.host)
    assert "Tiếp công dân định kỳ" not in public.get("/lich-cong-tac/").content.decode()

    # A second page for the same week is refused.
    again = reporter.post(add_url, week_form())
    assert "Đã có lịch công tác của tuần bắt đầu 23/11/2026." in again.content.decode()

    for client in (editor, chief):
        state = WeekSchedulePage.objects.get(pk=page.pk).current_workflow_task_state
        response = client.post(
            f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/",
            {"comment": ""},
        )
        assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    html = public.get("/lich-cong-tac/").content.decode()
    assert "Tiếp công dân định kỳ" in html and "Hội nghị sơ kết" in html
    assert "Lịch có thể thay đổi." in html
    assert set(ScheduleEntry.objects.values_list("adjusted_at", flat=True)) == {None}
