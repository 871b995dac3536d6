"""Illustrative visit figures for the demo's portals, the last 30 days.

Invented numbers (docs/architecture.md says so): the home page most, then the
sections, then each article by a steady share of its own, more on weekdays, so
that the report, the footer's "Lượt truy cập" and the home page's most read
articles are not empty. Only days without figures are filled, so running the
demo again adds nothing, and a later run adds the days since.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from .models import PortalDay, SearchDay
from .reports import REPORT_DAYS

SEARCHES = {
    # (query, daily searches at most, found anything)
    "city": [
        ("thủ tục đăng ký kinh doanh", 30, True),
        ("lịch tiếp công dân", 22, True),
        ("quy hoạch chung thành phố", 15, True),
        ("giá đất năm 2026", 12, False),
        ("tuyển dụng viên chức giáo dục", 9, False),
    ],
    "district": [
        ("lịch công tác", 14, True),
        ("cấp giấy phép xây dựng", 10, True),
        ("điểm tiêm chủng phường", 6, False),
        ("học phí mầm non", 5, False),
    ],
}


def _pages(site) -> list[tuple[Page, int]]:
    """(page, its daily weight) for the portal's live pages."""
    root = site.root_page
    weighted = [(root, 400)]
    for page in Page.objects.live().descendant_of(root).order_by("path")[:200]:
        model = page.specific_class.__name__ if page.specific_class else ""
        weighted.append((page, 60 if model == "NewsIndexPage" else 20))
    return weighted


def _fill(site, searches, seed: int) -> None:
    from . import counting

    today = timezone.localdate()
    filled = set(
        PortalDay.objects.filter(
            site=site, day__gt=today - timedelta(REPORT_DAYS)
        ).values_list("day", flat=True)
    )
    pages = _pages(site)
    rows = []
    for back in range(REPORT_DAYS):
        day = today - timedelta(days=back)
        if day in filled:
            continue
        chance = random.Random(seed * 1000 + day.toordinal())
        weekday = 1.0 if day.weekday() < 5 else 0.55
        for page, weight in pages:
            # Each page keeps its own popularity from day to day.
            share = random.Random(seed * 7919 + page.pk).uniform(0.2, 1.6)
            views = int(weight * share * weekday * chance.uniform(0.7, 1.3))
            if views:
                rows.append((site.pk, page.pk, day, views))
        for query, most, found in searches:
            count = int(most * weekday * chance.uniform(0.4, 1.0))
            if count:
                SearchDay.objects.update_or_create(
                    site=site,
                    day=day,
                    query=query,
                    defaults={"searches": count, "empty": 0 if found else count},
                )
    counting.add_views(rows)


@transaction.atomic
def load_visits_demo(city_site, lechan_site) -> None:
    _fill(city_site, SEARCHES["city"], seed=1)
    _fill(lechan_site, SEARCHES["district"], seed=2)
