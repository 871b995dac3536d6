"""Admin pages: "Nhật ký bảo mật" (security log) and "Khóa đăng nhập" (lock-outs)."""

from __future__ import annotations

import ipaddress

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.history import HistoryFilterSet
from wagtail.admin.views.reports.audit_logging import LogEntriesView

from congtin.editorial.audit_log import (
    CSV_TIME_FORMAT,
    SpreadsheetSafeExport,
    action_label,
    local_time,
)

from . import lockouts, scope, security_log
from .models import SecurityLogEntry

LOG_TITLE = "Nhật ký bảo mật"
LOCKOUTS_TITLE = "Khóa đăng nhập"
NOBODY = "Chưa đăng nhập"

EXPORT_HEADINGS = {
    "timestamp": "Thời gian",
    "action_label": "Sự kiện",
    "label": "Tài khoản / nhóm",
    "who": "Người thực hiện",
    "ip_address": "Địa chỉ IP",
    "user_agent": "Trình duyệt",
    "details": "Chi tiết",
}
DETAIL_WORDS = {"added": "Thêm", "removed": "Bỏ", "cool_off_minutes": "Khóa (phút)"}


def details_of(entry) -> str:
    parts = []
    for key, value in (entry.data or {}).items():
        word = DETAIL_WORDS.get(key, key)
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        parts.append(f"{word}: {value}")
    return "; ".join(parts)


class AddressFilter(django_filters.CharFilter):
    """An address, or the start of one ("203.0.113.")."""

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        try:
            return qs.filter(ip_address=str(ipaddress.ip_address(value)))
        except ValueError:
            return qs.filter(ip_address__startswith=value[:45])


class SecurityLogFilterSet(HistoryFilterSet):
    label = django_filters.CharFilter(
        label="Tài khoản / nhóm", lookup_expr="icontains", max_length=150
    )
    ip_address = AddressFilter(label="Địa chỉ IP", max_length=45)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "action" in self.filters:
            self.filters["action"].label = "Sự kiện"
        if "user" in self.filters:
            self.filters["user"].label = "Người thực hiện"
        self.filters["timestamp"].label = "Thời gian"

    def get_action_choices(self):
        # Every security event, logged yet or not, so that a link to "lock-outs"
        # works before the first one; and Wagtail's account and group entries.
        actions = set(security_log.ACTIONS) | self.queryset.get_actions()
        return sorted(
            ((action, action_label(action)) for action in actions),
            key=lambda choice: choice[1],
        )

    class Meta:
        model = SecurityLogEntry
        fields: list[str] = []


class SecurityLogView(SpreadsheetSafeExport, LogEntriesView):
    page_title = LOG_TITLE
    header_icon = "lock"
    filterset_class = SecurityLogFilterSet
    index_url_name = "security_log"
    index_results_url_name = "security_log_results"
    results_template_name = "wagtailadmin/generic/listing_results.html"
    columns = [
        Column("time_display", label="Thời gian"),
        Column("action_label", label="Sự kiện"),
        Column("label", label="Tài khoản / nhóm"),
        Column("who", label="Người thực hiện"),
        Column("ip_address", label="Địa chỉ IP"),
        Column("user_agent", label="Trình duyệt"),
        Column("details", label="Chi tiết"),
    ]
    list_export = list(EXPORT_HEADINGS)
    export_headings = EXPORT_HEADINGS

    def dispatch(self, request, *args, **kwargs):
        if not scope.may_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.custom_field_preprocess["timestamp"] = {
            self.FORMAT_CSV: lambda value: local_time(value).strftime(CSV_TIME_FORMAT),
            self.FORMAT_XLSX: lambda value: local_time(value).replace(tzinfo=None),
        }

    def get_filename(self):
        return f"nhat-ky-bao-mat-{local_time(timezone.now()).date()}"

    @cached_property
    def entries(self):
        return scope.visible_entries(self.request.user, SecurityLogEntry.objects.all())

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "queryset": self.entries}

    def get_filtered_queryset(self):
        return (
            self.filter_queryset(self.entries)
            .select_related("user")
            .order_by("-timestamp", "-pk")
        )

    def get(self, request, *args, **kwargs):
        if self.filters and not self.filters.is_valid():
            # A page or spreadsheet of everything would pass for the filtered one.
            errors = "; ".join(
                message
                for field_errors in self.filters.form.errors.values()
                for message in field_errors
            )
            return HttpResponseBadRequest(
                f"Bộ lọc không hợp lệ: {errors}",
                content_type="text/plain; charset=utf-8",
            )
        return super().get(request, *args, **kwargs)

    def decorate_paginated_queryset(self, queryset):
        entries = list(queryset)
        for entry in entries:
            entry.action_label = action_label(entry.action)
            entry.who = NOBODY if entry.user_id is None else entry.user_display_name
            entry.details = details_of(entry)
            entry.ip_address = entry.ip_address or ""
            entry.time_display = date_format(
                local_time(entry.timestamp), "SHORT_DATETIME_FORMAT"
            )
        return entries


def lockouts_view(request):
    """The names and addresses locked now; POST lifts one (kind, value)."""
    if not scope.may_view(request.user):
        raise PermissionDenied
    current = lockouts.current(request)
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        value = request.POST.get("value", "")
        lockout = next(
            (item for item in current if item.kind == kind and item.value == value),
            None,
        )
        if lockout is None:
            messages.warning(
                request, "Không có khóa đăng nhập này (có thể đã hết hạn)."
            )
            return redirect("account_lockouts")
        if not lockouts.may_lift(request.user, lockout):
            raise PermissionDenied
        lockouts.lift(lockout)
        target = None
        if lockout.kind == "username":
            target = scope.people(request.user).filter(username=lockout.value).first()
        security_log.record(
            security_log.UNLOCK,
            target=target,
            label=lockout.value,
            data={"address": lockout.value} if lockout.kind == "ip_address" else {},
        )
        messages.success(request, f"Đã mở khóa đăng nhập cho “{lockout.value}”.")
        return redirect("account_lockouts")
    rows = [
        {
            "lockout": item,
            "kind_label": "Tài khoản" if item.kind == "username" else "Địa chỉ IP",
            "may_lift": lockouts.may_lift(request.user, item),
            "last": date_format(local_time(item.last_attempt), "SHORT_DATETIME_FORMAT"),
        }
        for item in current
    ]
    return TemplateResponse(
        request,
        "accounts/lockouts.html",
        {
            "page_title": LOCKOUTS_TITLE,
            "rows": [
                row for row in rows if row["may_lift"] or request.user.is_superuser
            ],
            "minutes": lockouts.cool_off_minutes(request),
        },
    )
