"""The admin page "Cảnh báo khẩn": the alert up now, raising one (with a
confirmation), lowering it (after a confirmation page), and the recent ones.

Not a snippet: an alert shows on every portal, so only ``alerts.may_raise`` users
reach these views, and each action is one step with its own confirmation.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from . import alerts
from .forms import RaiseAlertForm
from .models import EmergencyAlert

TITLE = "Cảnh báo khẩn"
RECENT = 20


def _check(request) -> None:
    if not alerts.may_raise(request.user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def alert_view(request):
    _check(request)
    form = RaiseAlertForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        alert = alerts.raise_alert(form.save(commit=False), request.user)
        messages.success(
            request,
            f"Đã phát cảnh báo khẩn “{alert.text}”. Mọi trang của các cổng hiển thị "
            "cảnh báo ngay.",
        )
        return redirect("banners_alert")
    return TemplateResponse(
        request,
        "banners/admin/alert.html",
        {
            "page_title": TITLE,
            "current": EmergencyAlert.objects.current().first(),
            "recent": EmergencyAlert.objects.select_related("raised_by", "lowered_by")[
                :RECENT
            ],
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def lower_view(request, pk: int):
    _check(request)
    alert = get_object_or_404(EmergencyAlert.objects.current(), pk=pk)
    if request.method == "POST":
        alerts.lower_alert(alert, request.user)
        messages.success(request, "Đã hạ cảnh báo khẩn khỏi mọi trang.")
        return redirect("banners_alert")
    return TemplateResponse(
        request,
        "banners/admin/lower.html",
        {"page_title": "Hạ cảnh báo khẩn", "alert": alert},
    )
