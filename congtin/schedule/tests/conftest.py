from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from congtin.conftest import shared_copy

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
    from congtin.portals.tests.factories import EditorialPortalFactory

    from .factories import ScheduleIndexPageFactory

    editorial = EditorialPortalFactory(name=name, hostname=hostname, port=80)
    index = ScheduleIndexPageFactory(
        parent=editorial.home, slug="lich-cong-tac", publish=True
    )
    return SchedulePortal(editorial, index, hostname)


PORTAL = ("Quận Thử Nghiệm", "thunghiem.localhost")
OTHER_PORTAL = ("Huyện Khác", "khac.localhost")


def _build(*portals) -> dict:
    import time_machine

    with time_machine.travel(NOW, tick=False):
        return {"portals": [_make_portal(*portal) for portal in portals]}


def build_portal() -> dict:
    return _build(PORTAL)


def build_two_portals() -> dict:
    return _build(PORTAL, OTHER_PORTAL)


# Tests marked with these start from portals made once for all of them (each test
# is rolled back to them, congtin/conftest.py); the others make their own.
shared_portal = pytest.mark.shared_setup.with_args(build_portal)
shared_two_portals = pytest.mark.shared_setup.with_args(build_two_portals)


def _shared(request, position, made):
    shared = shared_copy(request, build_portal, build_two_portals)
    return made() if shared is None else shared["portals"][position]


@pytest.fixture
def portal(db, frozen, request):
    """A small portal (site, groups, workflow) with its "Lịch công tác" page."""
    return _shared(request, 0, lambda: _make_portal(*PORTAL))


@pytest.fixture
def other_portal(db, frozen, portal, request):
    return _shared(request, 1, lambda: _make_portal(*OTHER_PORTAL))


def entry(day, hour, content, minute=0, **fields):
    from .factories import ScheduleEntryFactory

    return ScheduleEntryFactory.build(
        day=day, start_time=time(hour, minute), content=content, **fields
    )


@pytest.fixture
def publish_week():
    """Publish a week with ``entries`` under ``index`` (as the workflow's end does)."""
    from .factories import WeekSchedulePageFactory

    def make(index, week_start, entries):
        return WeekSchedulePageFactory(
            parent=index, week_start=week_start, entries=entries, publish=True
        )

    return make


@pytest.fixture
def demo(full_demo):
    """This app's tests look at what it adds to the demo: load the whole of it."""
    return full_demo
