from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# A Wednesday; tests travel here so "today" and "this week" are fixed.
TODAY = date(2026, 11, 25)
MONDAY = date(2026, 11, 23)
NOW = datetime.combine(TODAY, time(9, 0), tzinfo=TZ)


@dataclass
class SchedulePortal:
    editorial: object
    index: object
    host: str


@pytest.fixture
def frozen():
    import time_machine

    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def _make_portal(name, hostname):
    from congtin.editorial.setup import create_portal
    from congtin.portals.setup import ensure_child
    from congtin.schedule.models import ScheduleIndexPage

    editorial = create_portal(name=name, hostname=hostname, port=80)
    index = ensure_child(
        editorial.home, ScheduleIndexPage, "lich-cong-tac", title="Lịch công tác"
    )
    return SchedulePortal(editorial, index, hostname)


@pytest.fixture
def portal(db, frozen):
    """A small portal (site, groups, workflow) with its "Lịch công tác" page."""
    return _make_portal("Quận Thử Nghiệm", "thunghiem.localhost")


@pytest.fixture
def other_portal(db, frozen):
    return _make_portal("Huyện Khác", "khac.localhost")


def entry(day, hour, content, minute=0, **fields):
    from congtin.schedule.models import ScheduleEntry

    values = {
        "leaders": "Chủ tịch UBND quận",
        "place": "Hội trường tầng 3",
        "preparation": "Văn phòng",
        "participants": "Các phòng, ban",
    }
    values.update(fields)
    return ScheduleEntry(
        day=day, start_time=time(hour, minute), content=content, **values
    )


@pytest.fixture
def publish_week():
    """Publish a week with ``entries`` under ``index`` (as the workflow's end does)."""
    from congtin.schedule.models import WeekSchedulePage

    def make(index, week_start, entries):
        page = WeekSchedulePage(week_start=week_start, entries=entries)
        index.add_child(instance=page)
        page.save_revision().publish()
        return page

    return make


@pytest.fixture
def demo(full_demo):
    """This app's tests look at what it adds to the demo: load the whole of it."""
    return full_demo
