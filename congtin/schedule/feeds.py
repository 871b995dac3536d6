"""iCalendar feed of a portal's published schedule (RFC 5545), Asia/Ho_Chi_Minh times."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from icalendar import Calendar, Event

from congtin.core.navigation import agency_for_request
from congtin.core.vietnamese import format_date, format_time

from .models import ScheduleEntry, WeekSchedulePage
from .views import today

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# Calendars subscribe to the feed; the past month is enough context for them.
PAST_DAYS = 28


def feed_entries(index):
    weeks = (
        WeekSchedulePage.objects.child_of(index)
        .live()
        .public()
        .filter(week_start__gte=today() - timedelta(days=PAST_DAYS + 6))
    )
    return (
        ScheduleEntry.objects.filter(page__in=weeks)
        .select_related("page")
        .order_by("day", "start_time", "sort_order")
    )


def build_calendar(request, index) -> Calendar:
    agency = agency_for_request(request)
    name = f"Lịch công tác - {agency.agency_name or index.get_site().site_name}"
    calendar = Calendar()
    calendar.add("prodid", "-//congtin//Lich cong tac//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    host = request.get_host().split(":")[0]
    stamp = timezone.now()
    for entry in feed_entries(index):
        event = Event()
        event.add("uid", f"lich-cong-tac-{entry.pk}@{host}")
        event.add("dtstamp", stamp)
        start = datetime.combine(entry.day, entry.start_time, tzinfo=TZ)
        event.add("dtstart", start)
        if entry.end_time and entry.end_time > entry.start_time:
            event.add("dtend", datetime.combine(entry.day, entry.end_time, tzinfo=TZ))
        event.add("summary", f"{entry.leaders}: {entry.content}")
        if entry.place:
            event.add("location", entry.place)
        lines = [
            f"{label}: {value}"
            for label, value in (
                ("Lãnh đạo", entry.leaders),
                ("Chuẩn bị", entry.preparation),
                ("Thành phần", entry.participants),
            )
            if value
        ]
        if entry.adjusted_at:
            local = timezone.localtime(entry.adjusted_at)
            lines.append(
                f"Điều chỉnh lúc {format_time(local)} {format_date(local.date())}"
            )
        event.add("description", "\n".join(lines))
        event.add("url", entry.page.get_full_url(request))
        event.add(
            "last-modified",
            entry.adjusted_at or entry.page.last_published_at or stamp,
        )
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def ical_response(request, index) -> HttpResponse:
    response = HttpResponse(
        build_calendar(request, index).to_ical(),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = str(
        content_disposition_header(False, "lich-cong-tac.ics")
    )
    return response
