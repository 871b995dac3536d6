from django import template
from django.conf import settings

from congtin.core import chrome
from congtin.portals.wagtail_compat import language_of

from ..models import ScheduleEntry, ScheduleIndexPage
from ..views import WEEKDAYS, today

register = template.Library()


def _today_box(site, day):
    index = (
        ScheduleIndexPage.objects.child_of(site.root_page)
        .live()
        .public()
        .only("id", "url_path", "path", "depth")
        .first()
    )
    if index is None:
        return {}  # not None: the cache would not keep it
    entries = list(
        ScheduleEntry.objects.filter(
            day=day,
            page__live=True,
            page__path__startswith=index.path,
            page__depth=index.depth + 1,
        ).order_by("start_time", "sort_order")
    )
    return {
        "url": index.get_url(current_site=site),
        "date": day,
        "weekday": WEEKDAYS[day.weekday()],
        "entries": entries,
    }


@register.inclusion_tag("schedule/includes/today_box.html", takes_context=True)
def today_schedule(context):
    """Today's entries of the portal's schedule; cached with the page chrome, which a
    publish invalidates, so the home page spends no query on it once warm."""
    from wagtail.models import Site

    request = context["request"]
    site = Site.find_for_request(request)
    page = context.get("page")
    if site is None:
        return {"box": {}}
    if page is not None and language_of(page.locale_id) not in (
        None,
        settings.LANGUAGE_CODE,
    ):
        return {"box": {}}  # the schedule is written in Vietnamese only
    day = today()
    box = chrome.cached(
        "schedule-today", f"{site.pk}:{day.isoformat()}", lambda: _today_box(site, day)
    )
    return {"box": box}
