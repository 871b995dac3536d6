"""Nhật ký biên tập: the editorial audit log of each portal, in the admin.

Wagtail already records every change of a page's state (created, submitted,
approved, rejected, published, unpublished, scheduled) as a ``PageLogEntry`` with
its user and time, and lists all of them in Reports > Site history. This page is
that report narrowed to the pages of the portals the user works for, with a
portal filter, Vietnamese labels, the reviewer's comment or the withdrawal reason
next to each entry, and a CSV that Excel opens as UTF-8.
"""

import datetime

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseBadRequest
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.encoding import force_str
from django.utils.formats import date_format
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import ContentTypeFilter
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports.audit_logging import (
    LogEntriesView,
    SiteHistoryReportFilterSet,
)
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import PageLogEntry, Site

from congtin.core.spreadsheets import escape_formula, xlsx_row
from congtin.portals.access import portals_for

TITLE = "Nhật ký biên tập"
SYSTEM = "Hệ thống"
# The CSV keeps a fixed shape for the programs that read it; pages use the
# portal's SHORT_DATETIME_FORMAT.
CSV_TIME_FORMAT = "%d/%m/%Y %H:%M"

# Wagtail's Vietnamese catalogue leaves several of these untranslated and words
# the rest for developers; editors read them in the newsroom's own terms.
ACTION_LABELS = {
    "wagtail.create": "Tạo mới",
    "wagtail.edit": "Chỉnh sửa",
    "wagtail.workflow.start": "Gửi duyệt",
    "wagtail.workflow.resume": "Gửi duyệt lại",
    "wagtail.workflow.approve": "Duyệt",
    "wagtail.workflow.reject": "Trả lại",
    "wagtail.workflow.cancel": "Hủy quy trình duyệt",
    "wagtail.publish": "Xuất bản",
    "wagtail.publish.schedule": "Hẹn giờ xuất bản",
    "wagtail.publish.scheduled": "Xuất bản theo lịch hẹn",
    "wagtail.schedule.cancel": "Hủy hẹn giờ xuất bản",
    "wagtail.unpublish": "Thu hồi xuất bản",
    "wagtail.unpublish.scheduled": "Hết hạn, thu hồi xuất bản",
    "wagtail.delete": "Xóa",
    "wagtail.move": "Di chuyển",
    "wagtail.rename": "Đổi tiêu đề",
    "wagtail.revert": "Khôi phục phiên bản cũ",
    "wagtail.copy": "Sao chép",
    "wagtail.lock": "Khóa",
    "wagtail.unlock": "Mở khóa",
}

EXPORT_HEADINGS = {
    "timestamp": "Thời gian",
    "portal_name": "Cổng",
    "label": "Tiêu đề trang",
    "action_label": "Thao tác",
    "step": "Bước duyệt",
    "who": "Người thực hiện",
    "username": "Tài khoản",
    "note": "Ghi chú / lý do",
}


def action_label(action: str) -> str:
    if action in ACTION_LABELS:
        return ACTION_LABELS[action]
    try:
        return force_str(log_action_registry.get_action_label(action))
    except KeyError:
        return action


def local_time(value: datetime.datetime) -> datetime.datetime:
    # The portal's own time zone, whatever zone a reader chose in their profile.
    return timezone.localtime(value, timezone.get_default_timezone())


def portal_name(site: Site) -> str:
    return site.site_name or site.hostname


def visible_sites(user) -> list[Site]:
    """The portals whose log ``user`` may read: their own, or all for administrators."""
    sites = portals_for(user)
    if sites is None:
        sites = Site.objects.select_related("root_page")
    return sorted(sites, key=portal_name)


def may_view(user) -> bool:
    return bool(user.is_authenticated and visible_sites(user))


def portal_entries(user):
    """Log entries of pages inside ``user``'s portals, home pages included."""
    query = Q(pk__in=[])
    for site in visible_sites(user):
        query |= Q(page__path__startswith=site.root_page.path)
    return PageLogEntry.objects.filter(query)


def page_types(request):
    # Not get_content_type_ids(): for page entries Wagtail folds every type into Page.
    entries = portal_entries(request.user).order_by()
    ids = entries.values_list("content_type_id", flat=True).distinct()
    return ContentType.objects.filter(pk__in=ids).order_by("model")


def note_of(entry) -> str:
    """The reviewer's comment, the reason for a withdrawal, or the go-live time."""
    data = entry.data or {}
    comment = force_str(entry.comment or "").strip()
    if comment:
        return comment
    if entry.action == "wagtail.publish.schedule":
        go_live_at = parse_datetime(str((data.get("revision") or {}).get("go_live_at")))
        if go_live_at is not None:
            when = date_format(local_time(go_live_at), "SHORT_DATETIME_FORMAT")
            return f"Đăng lúc {when}"
    return force_str(data.get("reason") or "").strip()


def step_of(entry) -> str:
    """The review step an approval, rejection or submission concerns."""
    workflow = (entry.data or {}).get("workflow") or {}
    if entry.action == "wagtail.workflow.start":
        task = workflow.get("next") or {}
    else:
        task = workflow.get("task") or {}
    return task.get("title", "") if isinstance(task, dict) else ""


class PortalChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return portal_name(obj)


class PortalFilter(django_filters.ModelChoiceFilter):
    field_class = PortalChoiceField


class EditorialLogFilterSet(SiteHistoryReportFilterSet):
    """Wagtail's site history filters, plus the portal, over one user's portals.

    The view passes the user's portal entries as ``queryset``, so the action and
    user choices Wagtail builds from it never name another portal's people.
    """

    portal = PortalFilter(
        label="Cổng",
        queryset=lambda request: Site.objects.filter(
            pk__in=[site.pk for site in visible_sites(request.user)]
        ).select_related("root_page"),
        method="filter_portal",
        empty_label="Tất cả các cổng",
        error_messages={"invalid_choice": "Cổng đã chọn không có trong danh sách."},
    )
    object_type = ContentTypeFilter(
        label="Loại trang",
        method="filter_object_type",
        queryset=page_types,
        empty_label="Tất cả các loại trang",
    )
    # Wagtail's own filters, declared again only to be labelled in Vietnamese.
    label = django_filters.CharFilter(label="Tiêu đề trang", lookup_expr="icontains")
    is_commenting_action = django_filters.BooleanFilter(
        label="Bình luận trong trang soạn thảo",
        method="filter_is_commenting_action",
        widget=BooleanRadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The portal comes first: it is what a newsroom filters by most.
        portal = self.filters.pop("portal")
        self.filters = {"portal": portal, **self.filters}

    def filter_portal(self, queryset, name, site):
        return queryset.filter(page__path__startswith=site.root_page.path)

    def filter_object_type(self, queryset, name, content_type):
        return queryset.filter(content_type=content_type)

    def get_action_choices(self):
        used = self.queryset.get_actions()
        return [
            (action, action_label(action))
            for action, _label in log_action_registry.get_choices()
            if action in used
        ]


class SpreadsheetSafeExport:
    """The export of a log view (Wagtail's ``SpreadsheetExportMixin``) made safe
    and readable in a spreadsheet: every cell through ``escape_formula``, CSV with
    a byte order mark, XLSX rows through ``xlsx_row``. Put before the view class."""

    FORMAT_CSV: str
    FORMAT_XLSX: str

    def preprocess_field_value(self, field, value, export_format):
        # Titles, comments, typed user names and browsers' names are anyone's text.
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return escape_formula(value)
        return value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        values = [
            self.preprocess_field_value(field, value, self.FORMAT_XLSX)
            for field, value in row_dict.items()
        ]
        cells = xlsx_row(worksheet, values)
        for cell, value in zip(cells, values, strict=True):
            if date_format and isinstance(value, datetime.datetime):
                cell.number_format = date_format
        return cells

    def stream_csv(self, queryset):
        # Without the byte order mark Excel reads UTF-8 as the ANSI code page and
        # garbles every Vietnamese letter; Wagtail's export writes none.
        yield "\ufeff".encode()
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response


class EditorialLogView(SpreadsheetSafeExport, LogEntriesView):
    page_title = TITLE
    header_icon = "history"
    filterset_class = EditorialLogFilterSet
    index_url_name = "editorial_log"
    index_results_url_name = "editorial_log_results"
    # Wagtail's generic table, fed by ``columns``, instead of site history's own.
    results_template_name = "wagtailadmin/generic/listing_results.html"
    columns = [
        TitleColumn(
            "label", label="Tiêu đề trang", get_url=lambda entry: entry.edit_url
        ),
        Column("portal_name", label="Cổng"),
        Column("action_label", label="Thao tác"),
        Column("step", label="Bước duyệt"),
        Column("note", label="Ghi chú / lý do"),
        Column("who", label="Người thực hiện"),
        Column("time_display", label="Thời gian"),
    ]
    list_export = list(EXPORT_HEADINGS)
    export_headings = EXPORT_HEADINGS

    def dispatch(self, request, *args, **kwargs):
        if not may_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.custom_field_preprocess["timestamp"] = {
            self.FORMAT_CSV: lambda value: local_time(value).strftime(CSV_TIME_FORMAT),
            # A real date cell, so that Excel sorts by it, in the portal's time.
            self.FORMAT_XLSX: lambda value: local_time(value).replace(tzinfo=None),
        }

    def get_filename(self):
        return f"nhat-ky-bien-tap-{local_time(timezone.now()).date()}"

    @cached_property
    def entries(self):
        return portal_entries(self.request.user)

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "queryset": self.entries}

    def get_filtered_queryset(self):
        # Page entries only, so one queryset does what site history's union does.
        return (
            self.filter_queryset(self.entries)
            .select_related("page", "user")
            .order_by("-timestamp", "-pk")
        )

    def get(self, request, *args, **kwargs):
        if self.is_export and self.filters and not self.filters.is_valid():
            # A spreadsheet of everything would pass for the filtered one.
            errors = "; ".join(
                message
                for messages in self.filters.form.errors.values()
                for message in messages
            )
            return HttpResponseBadRequest(
                f"Bộ lọc không hợp lệ: {errors}",
                content_type="text/plain; charset=utf-8",
            )
        return super().get(request, *args, **kwargs)

    def decorate_paginated_queryset(self, queryset):
        # Nested portals: the deepest home containing the page names its portal.
        sites = sorted(
            visible_sites(self.request.user),
            key=lambda site: len(site.root_page.path),
            reverse=True,
        )
        url_finder = None if self.is_export else AdminURLFinder(self.request.user)
        entries = list(queryset)
        for entry in entries:
            site = next(
                (s for s in sites if entry.page.path.startswith(s.root_page.path)),
                None,
            )
            entry.portal_name = portal_name(site) if site else ""
            entry.action_label = action_label(entry.action)
            entry.step = step_of(entry)
            entry.note = note_of(entry)
            entry.who = SYSTEM if entry.user_id is None else entry.user_display_name
            entry.username = entry.user.get_username() if entry.user else ""
            entry.time_display = date_format(
                local_time(entry.timestamp), "SHORT_DATETIME_FORMAT"
            )
            entry.edit_url = url_finder.get_edit_url(entry.page) if url_finder else None
        return entries


class EditorialLogMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view(request.user)


@hooks.register("register_admin_urls")
def editorial_log_urls():
    return [
        path("editorial/log/", EditorialLogView.as_view(), name="editorial_log"),
        path(
            "editorial/log/results/",
            EditorialLogView.as_view(results_only=True),
            name="editorial_log_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def editorial_log_menu_item():
    return EditorialLogMenuItem(
        TITLE,
        reverse("editorial_log"),
        name="editorial-log",
        icon_name="history",
        order=1050,
    )
