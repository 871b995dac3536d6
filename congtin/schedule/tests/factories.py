"""Schedule pages and entries built directly, without the demo."""

from datetime import date, time

import factory

from congtin.core.tests.factories import PageFactory
from congtin.schedule.models import ScheduleEntry, ScheduleIndexPage, WeekSchedulePage


class ScheduleIndexPageFactory(PageFactory):
    class Meta:
        model = ScheduleIndexPage

    title = "Lịch công tác"
    slug = factory.Sequence(lambda n: f"lich-cong-tac-{n}")


class ScheduleEntryFactory(factory.django.DjangoModelFactory):
    """One line of a week; ``build()`` it to hand it to ``WeekSchedulePageFactory``."""

    class Meta:
        model = ScheduleEntry

    day = date(2026, 11, 25)
    start_time = time(8, 0)
    content = factory.Sequence(lambda n: f"Họp giao ban số {n}")
    leaders = "Chủ tịch UBND quận"
    place = "Hội trường tầng 3"
    preparation = "Văn phòng"
    participants = "Các phòng, ban"


class WeekSchedulePageFactory(PageFactory):
    """A week under a ``ScheduleIndexPage``; title and slug come from the week, as in
    the admin. ``entries`` is a list of unsaved ``ScheduleEntry``."""

    class Meta:
        model = WeekSchedulePage

    week_start = date(2026, 11, 23)
    title = ""
    slug = ""
    entries = factory.LazyFunction(list)
