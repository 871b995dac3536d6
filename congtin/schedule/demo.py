"""Demo schedules: the current and next week of both portals, marked "Minh họa".

The weeks follow the date the demo is loaded, so the home page always has today's
entries; one city entry is changed after publication to show the "điều chỉnh" mark.
Running it again in the same week creates nothing new.
"""

from datetime import time, timedelta

from django.db import transaction

from congtin.core.models import AgencySettings
from congtin.portals.setup import ensure_child

from .models import ScheduleEntry, ScheduleIndexPage, WeekSchedulePage, monday_of
from .views import today

MARK = "(Minh họa)"

# (weekday offset, start, end, content, preparation, participants)
TEMPLATE = [
    (
        0,
        time(8, 0),
        time(10, 0),
        "Giao ban công tác tuần",
        "Văn phòng",
        "Các Phó Chủ tịch; lãnh đạo Văn phòng",
    ),
    (
        0,
        time(14, 0),
        time(16, 30),
        "Làm việc về tiến độ các dự án đầu tư công",
        "Phòng Tài chính - Kế hoạch",
        "Các phòng, ban liên quan",
    ),
    (
        1,
        time(8, 30),
        time(11, 0),
        "Tiếp công dân định kỳ",
        "Ban Tiếp công dân",
        "Thanh tra; Văn phòng",
    ),
    (
        2,
        time(14, 0),
        time(17, 0),
        "Hội nghị trực tuyến với các bộ, ngành Trung ương",
        "Văn phòng",
        "Thành viên Ủy ban nhân dân",
    ),
    (
        3,
        time(8, 0),
        time(11, 30),
        "Kiểm tra công tác cải cách hành chính",
        "Phòng Nội vụ",
        "Đoàn kiểm tra",
    ),
    (
        4,
        time(15, 0),
        time(16, 30),
        "Họp Thường trực Ủy ban nhân dân",
        "Văn phòng",
        "Các Phó Chủ tịch",
    ),
]


def _week(index, week_start, leaders, place, extra_day=None):
    page = (
        WeekSchedulePage.objects.child_of(index).filter(week_start=week_start).first()
    )
    if page is not None:
        return page, False
    entries = [
        ScheduleEntry(
            day=week_start + timedelta(days=offset),
            start_time=start,
            end_time=end,
            leaders=f"{leaders[offset % len(leaders)]} {MARK}",
            content=f"{content} {MARK}",
            place=place,
            preparation=preparation,
            participants=participants,
        )
        for offset, start, end, content, preparation, participants in TEMPLATE
    ]
    if extra_day is not None and extra_day.weekday() >= 5:
        # A weekend day has no usual entries; the demo still shows one today.
        entries.append(
            ScheduleEntry(
                day=extra_day,
                start_time=time(8, 0),
                end_time=time(10, 0),
                leaders=f"{leaders[0]} {MARK}",
                content=f"Kiểm tra công tác phòng, chống thiên tai cuối tuần {MARK}",
                place=place,
                preparation="Văn phòng",
                participants="Các đơn vị liên quan",
            )
        )
    page = WeekSchedulePage(week_start=week_start, entries=entries)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _portal(site, leaders, adjust=False):
    home = site.root_page
    agency = AgencySettings.for_site(site)
    index = ensure_child(
        home,
        ScheduleIndexPage,
        "lich-cong-tac",
        title="Lịch công tác",
        show_in_menus=True,
        intro="Lịch công tác tuần của lãnh đạo. Nội dung mẫu là dữ liệu minh họa.",
    )
    current = monday_of(today())
    place = agency.address or "Hội trường"
    week, created = _week(index, current, leaders, place, extra_day=today())
    _week(index, current + timedelta(days=7), leaders, place)
    if adjust and created:
        revision = week.get_latest_revision_as_object()
        items = list(revision.entries.all())
        items[1].start_time = time(14, 30)
        items[1].place = f"Phòng họp tầng 2 {MARK}"
        revision.entries = items
        revision.save_revision().publish()
    return index


@transaction.atomic
def load_schedule_demo(city_site, lechan_site):
    _portal(
        city_site,
        ["Chủ tịch UBND thành phố", "Phó Chủ tịch UBND thành phố"],
        adjust=True,
    )
    _portal(lechan_site, ["Chủ tịch UBND quận", "Phó Chủ tịch UBND quận"])
