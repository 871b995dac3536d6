"""The public week view of a portal's schedule and its print view."""

from datetime import date, timedelta

from django.template.response import TemplateResponse
from django.utils import timezone

from congtin.core import params
from congtin.core.vietnamese import WEEKDAYS

from .models import monday_of


def today() -> date:
    return timezone.localdate()


def week_days(week_start: date, entries) -> list[dict]:
    """Monday to Friday always, Saturday and Sunday only when they have entries."""
    current = today()
    by_day: dict[date, list] = {}
    for entry in sorted(
        entries, key=lambda e: (e.day, e.start_time, e.sort_order or 0)
    ):
        by_day.setdefault(entry.day, []).append(entry)
    days = []
    for offset in range(7):
        day = week_start + timedelta(days=offset)
        items = by_day.get(day, [])
        if offset >= 5 and not items:
            continue
        days.append(
            {
                "date": day,
                "name": WEEKDAYS[offset],
                "is_today": day == current,
                "sessions": [
                    ("Sáng", [e for e in items if e.is_morning]),
                    ("Chiều", [e for e in items if not e.is_morning]),
                ],
            }
        )
    return days


def week_response(request, index, week_page=None):
    """Render the week asked for by ``?ngay=`` (default today), or ``week_page``'s.

    ``?ngay=`` is read by ``vietnamese.parse_date`` (21/12/2021 or 2021-12-21); a
    day that cannot be read raises BadParameter, the project's 400 page.
    """
    print_view = params.flag(request.GET, "in", "Bản in")
    if week_page is not None:
        week_start = week_page.week_start
    else:
        week_start = monday_of(params.day(request.GET, "ngay") or today())
        week_page = index.week_page(week_start)
    entries = list(week_page.entries.all()) if week_page is not None else []
    context = index.get_context(request)
    context.update(
        {
            "index": index,
            "week_page": week_page,
            "week_start": week_start,
            "week_end": week_start + timedelta(days=6),
            "week_number": week_start.isocalendar().week,
            "days": week_days(week_start, entries),
            "previous_week": week_start - timedelta(days=7),
            "next_week": week_start + timedelta(days=7),
            "is_current_week": week_start == monday_of(today()),
            "print_view": print_view,
        }
    )
    template = "schedule/week_print.html" if context["print_view"] else index.template
    return TemplateResponse(request, template, context)
