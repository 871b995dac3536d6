"""Leaders' work schedule ("Lịch công tác"): one page per week under one index per portal.

Weeks are pages so that they get Wagtail's revisions, the portal's workflow and its
page permissions; entries are inline rows of the week (so revisions hold them).
"""

from datetime import date, time, timedelta

from django import forms
from django.db import models
from django.http import HttpResponse
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable

from congtin.core.forms import PortalPageForm
from congtin.core.models import PortalPage
from congtin.core.vietnamese import format_date, format_time

NOON = time(12, 0)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_title(week_start: date) -> str:
    sunday = week_start + timedelta(days=6)
    number = week_start.isocalendar().week
    return (
        f"Lịch công tác tuần {number} "
        f"(từ {format_date(week_start)} đến {format_date(sunday)})"
    )


class ScheduleIndexPage(RoutablePageMixin, PortalPage):
    """ "Lịch công tác" of one portal: the public week view, the feed, the print view."""

    intro = models.TextField("Giới thiệu ngắn", blank=True)

    content_panels = PortalPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["schedule.WeekSchedulePage"]
    max_count_per_parent = 1
    template = "schedule/week.html"

    class Meta:
        verbose_name = "Lịch công tác"

    @path("")
    def week_view(self, request):
        from .views import week_response

        return week_response(request, self)

    @path("ical/")
    def ical_feed(self, request) -> HttpResponse:
        from .feeds import ical_response

        return ical_response(request, self)

    def week_page(self, week_start: date):
        return (
            WeekSchedulePage.objects.child_of(self)
            .live()
            .public()
            .filter(week_start=week_start)
            .first()
        )


class WeekScheduleForm(PortalPageForm):
    """Title and slug may be left empty: both follow from the week's Monday.

    Any day of the week is accepted and moved back to its Monday; entries must
    fall inside the week, and a section holds one page per week.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = "Để trống để tạo tự động từ tuần."

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("week_start")
        if start is None:
            return cleaned
        start = monday_of(start)
        cleaned["week_start"] = start
        if not cleaned.get("title"):
            cleaned["title"] = week_title(start)
        if not cleaned.get("slug"):
            cleaned["slug"] = f"tuan-{start:%Y-%m-%d}"
        parent = self.parent_page
        if parent is not None:
            same_week = WeekSchedulePage.objects.child_of(parent).filter(
                week_start=start
            )
            if self.instance.pk:
                same_week = same_week.exclude(pk=self.instance.pk)
            if same_week.exists():
                self.add_error(
                    "week_start",
                    f"Đã có lịch công tác của tuần bắt đầu {format_date(start)}.",
                )
        end = start + timedelta(days=6)
        formset = (self.formsets or {}).get("entries")
        if formset is not None:
            formset.is_valid()  # gives its forms their cleaned_data
        for form in formset.forms if formset is not None else []:
            data = getattr(form, "cleaned_data", None) or {}
            day = data.get("day")
            if data.get("DELETE") or day is None:
                continue
            if not start <= day <= end:
                form.add_error(
                    "day",
                    f"Ngày phải trong tuần từ {format_date(start)} đến {format_date(end)}.",
                )
                self.add_error(None, "Có mục lịch nằm ngoài tuần đã chọn.")
        return cleaned


class WeekSchedulePage(PortalPage):
    """One week (Monday to Sunday) of one portal's leaders' schedule."""

    shown_in_portal_map = False

    week_start = models.DateField(
        "Tuần bắt đầu từ thứ Hai",
        db_index=True,
        help_text="Chọn một ngày bất kỳ trong tuần; hệ thống lấy ngày thứ Hai.",
    )
    note = models.TextField("Ghi chú", blank=True)

    base_form_class = WeekScheduleForm
    content_panels = [
        FieldPanel("week_start"),
        FieldPanel("title"),
        FieldPanel("note"),
        InlinePanel("entries", heading="Các mục lịch", label="Mục lịch"),
    ]
    parent_page_types = ["schedule.ScheduleIndexPage"]
    subpage_types: list[str] = []
    template = "schedule/week.html"

    class Meta:
        verbose_name = "Lịch công tác tuần"
        verbose_name_plural = "Lịch công tác tuần"

    def full_clean(self, *args, **kwargs):
        # Pages made in code (the demo, tests) get the same title and slug as the admin.
        if self.week_start:
            self.week_start = monday_of(self.week_start)
            if not self.title:
                self.title = week_title(self.week_start)
            if not self.slug:
                self.slug = f"tuan-{self.week_start:%Y-%m-%d}"
        super().full_clean(*args, **kwargs)

    def serve(self, request, *args, **kwargs):
        from .views import week_response

        # The week's own address shows the same view as the index (also previews).
        return week_response(request, self.get_parent().specific, week_page=self)


class ScheduleEntry(Orderable):
    """One item of a day: time, leaders, content, place, preparation, attendance."""

    page = ParentalKey(
        WeekSchedulePage, related_name="entries", on_delete=models.CASCADE
    )
    day = models.DateField("Ngày")
    start_time = models.TimeField("Giờ bắt đầu")
    end_time = models.TimeField("Giờ kết thúc", null=True, blank=True)
    leaders = models.CharField(
        "Lãnh đạo", max_length=500, help_text="Ví dụ: Chủ tịch UBND quận"
    )
    content = models.TextField("Nội dung")
    place = models.CharField("Địa điểm", max_length=500, blank=True)
    preparation = models.CharField("Chuẩn bị", max_length=500, blank=True)
    participants = models.TextField("Thành phần", blank=True)
    # Set when the entry is published different from the previous publication.
    adjusted_at = models.DateTimeField("Điều chỉnh lúc", null=True, blank=True)

    panels = [
        FieldRowPanel(
            [FieldPanel("day"), FieldPanel("start_time"), FieldPanel("end_time")]
        ),
        FieldPanel("leaders"),
        FieldPanel("content", widget=forms.Textarea(attrs={"rows": 2})),
        MultiFieldPanel(
            [
                FieldPanel("place"),
                FieldPanel("preparation"),
                FieldPanel("participants", widget=forms.Textarea(attrs={"rows": 2})),
            ],
            heading="Địa điểm, chuẩn bị, thành phần",
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Mục lịch công tác"
        verbose_name_plural = "Mục lịch công tác"

    def __str__(self):
        return (
            f"{format_date(self.day)} {format_time(self.start_time)} "
            f"{self.content[:60]}"
        )

    @property
    def is_morning(self) -> bool:
        return self.start_time < NOON
