"""Leaders' weekly work schedules in the portal search ("Lịch công tác").

A week is one result: readers look for a meeting by what it is about, who attends or
where it is held, and the week's page shows it in its day.
"""

from datetime import datetime, time

from django.utils import timezone

from congtin.core.vietnamese import WEEKDAYS, format_date, format_time
from congtin.search.pages import PageSource
from congtin.search.registry import register

from .models import WeekSchedulePage


@register
class WeekScheduleSource(PageSource):
    kind = "schedule.week"
    label = "Lịch công tác"
    model = WeekSchedulePage
    rebuild_order = ("week_start", "pk")

    def body(self, page) -> str:
        lines = [page.note] if page.note else []
        # Sorted in Python: a page built from a revision holds its entries in memory.
        entries = sorted(page.entries.all(), key=lambda e: (e.day, e.start_time))
        for entry in entries:
            details = [entry.content, entry.leaders, entry.place, entry.participants]
            lines.append(
                f"{WEEKDAYS[entry.day.weekday()]} {format_date(entry.day)}, "
                f"{format_time(entry.start_time)}: "
                + "; ".join(part for part in details if part)
            )
        return "\n".join(lines)

    def date(self, page):
        return timezone.make_aware(datetime.combine(page.week_start, time(0, 0)))
