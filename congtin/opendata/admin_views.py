"""Admin view: replace a report's figures or a series' values from a CSV or XLSX.

Only pages the user may edit are offered (Wagtail's page permissions, which the
portal's groups hold on their own portal's tree), so an editor of one portal never
sees or changes another's figures.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from congtin.core.spreadsheets import limit
from congtin.core.vietnamese import format_file_size, format_number
from congtin.portals.sites import short_name

from . import exchange
from .models import BudgetReportPage, StatisticSeriesPage


def editable_pages(user) -> list[Page]:
    """Reports and series ``user`` may edit, by portal then title."""
    pages = (
        PagePermissionPolicy()
        .instances_user_has_any_permission_for(user, ["change"])
        .type(BudgetReportPage, StatisticSeriesPage)
        .order_by("path")
    )
    return list(pages.specific())


def _portal(page) -> str:
    site = page.get_site()
    return short_name(site) if site else ""


class ImportForm(forms.Form):
    page = forms.TypedChoiceField(label="Báo cáo hoặc chuỗi số liệu", coerce=int)
    table = forms.FileField(label="Tệp số liệu (.xlsx hoặc .csv)")

    def __init__(self, *args, pages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.pages = {page.pk: page for page in pages}
        self.fields["page"].choices = [
            (pk, f"{_portal(page)} - {page.title}") for pk, page in self.pages.items()
        ]
        self.fields["table"].help_text = (
            f"Tối đa {format_number(limit('IMPORT_MAX_ROWS'))} dòng, tệp không quá "
            f"{format_file_size(limit('IMPORT_MAX_TABLE_BYTES'))}."
        )


def import_figures(request):
    pages = editable_pages(request.user)
    if not pages:
        raise PermissionDenied
    initial = {"page": request.GET.get("trang", "")}
    form = ImportForm(
        request.POST or None, request.FILES or None, pages=pages, initial=initial
    )
    context = {
        "header_title": "Nhập số liệu ngân sách, thống kê từ tệp",
        "form": form,
        "budget_columns": exchange.BUDGET_COLUMNS,
        "budget_required": exchange.BUDGET_REQUIRED,
        "series_columns": exchange.SERIES_COLUMNS,
        "series_required": exchange.SERIES_REQUIRED,
    }
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            page = form.pages[form.cleaned_data["page"]]
            table = form.cleaned_data["table"]
            try:
                report = exchange.import_rows(page, table.name, table, request.user)
            except exchange.ImportFileError as exc:
                form.add_error("table", str(exc))
            else:
                context["report"] = report
                if report.ok:
                    messages.success(
                        request,
                        f"Đã nhập {report.count} dòng số liệu vào “{page.title}” "
                        "(bản nháp; hãy xem lại rồi xuất bản hoặc gửi duyệt).",
                    )
                    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return TemplateResponse(
        request, "opendata/admin/import.html", context, status=status
    )
