"""What the daily tables say: a portal's total, its most read articles of the
week, and the admin report's tables. Each is one or two queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Sum
from django.utils import timezone

from .models import DailyViews, PortalDay, SearchDay

REPORT_DAYS = 30
TOP = 20
WEEK_DAYS = 7
MOST_READ = 5


def portal_total(site_id: int) -> int:
    """Every view the portal has counted ("Lượt truy cập")."""
    total = PortalDay.objects.filter(site_id=site_id).aggregate(total=Sum("views"))
    return int(total["total"] or 0)


def most_read_week(site) -> list[tuple[str, str]]:
    """(title, URL) of the portal's most read live, public articles of the last
    seven days (today included), most read first."""
    from congtin.news.models import ArticlePage

    since = timezone.localdate() - timedelta(days=WEEK_DAYS - 1)
    top = list(
        DailyViews.objects.filter(site_id=site.pk, day__gte=since)
        .values("page_id")
        .annotate(total=Sum("views"))
        .order_by("-total", "page_id")
        .values_list("page_id", flat=True)[: MOST_READ * 4]
    )
    pages = {
        page.pk: page for page in ArticlePage.objects.live().public().filter(pk__in=top)
    }
    found = []
    for page_id in top:
        page = pages.get(page_id)
        if page is not None:
            found.append((page.title, page.get_url(request=None, current_site=site)))
        if len(found) == MOST_READ:
            break
    return found


@dataclass
class DayRow:
    day: date
    views: int


def views_by_day(site_id: int, days: int = REPORT_DAYS) -> list[DayRow]:
    """The last ``days`` days, oldest first, zero where nothing was counted."""
    today = timezone.localdate()
    first = today - timedelta(days=days - 1)
    counted = dict(
        PortalDay.objects.filter(site_id=site_id, day__gte=first).values_list(
            "day", "views"
        )
    )
    return [
        DayRow(
            first + timedelta(days=i), int(counted.get(first + timedelta(days=i), 0))
        )
        for i in range(days)
    ]


@dataclass
class PageRow:
    page_id: int
    title: str
    url: str
    views: int


def top_pages(site, days: int = REPORT_DAYS, limit: int = TOP) -> list[PageRow]:
    from wagtail.models import Page

    first = timezone.localdate() - timedelta(days=days - 1)
    rows = list(
        DailyViews.objects.filter(site_id=site.pk, day__gte=first)
        .values("page_id")
        .annotate(total=Sum("views"))
        .order_by("-total", "page_id")[:limit]
    )
    pages = Page.objects.in_bulk([row["page_id"] for row in rows])
    result = []
    for row in rows:
        page = pages.get(row["page_id"])
        if page is None:
            continue
        url = page.get_url(request=None, current_site=site) or ""
        result.append(PageRow(page.pk, page.title, url, int(row["total"])))
    return result


@dataclass
class QueryRow:
    query: str
    searches: int
    empty: int


def top_queries(
    site_id: int, days: int = REPORT_DAYS, limit: int = TOP, only_empty=False
) -> list[QueryRow]:
    """The most searched texts (``only_empty``: of the searches that found
    nothing, by how often they found nothing)."""
    first = timezone.localdate() - timedelta(days=days - 1)
    rows = (
        SearchDay.objects.filter(site_id=site_id, day__gte=first)
        .values("query")
        .annotate(total=Sum("searches"), none=Sum("empty"))
    )
    if only_empty:
        rows = rows.filter(none__gt=0).order_by("-none", "query")
    else:
        rows = rows.order_by("-total", "query")
    return [
        QueryRow(row["query"], int(row["total"]), int(row["none"]))
        for row in rows[:limit]
    ]
