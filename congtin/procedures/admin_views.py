"""Admin view: import procedures from a list (CSV/XLSX), tried first if wished."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from congtin.core.import_forms import PortalImportForm, pages_user_may_add_to
from congtin.core.spreadsheets import limit
from congtin.core.vietnamese import format_file_size, format_number

from . import exchange
from .models import ProcedureIndexPage


def indexes_for(user) -> list[ProcedureIndexPage]:
    """The "Thủ tục hành chính" pages where ``user`` may add procedures (their
    portals only: page permissions)."""
    return pages_user_may_add_to(ProcedureIndexPage, user)


class ImportForm(PortalImportForm):
    index_model = ProcedureIndexPage
    field_order = ["index", "table", "publish"]

    table = forms.FileField(label="Danh sách thủ tục (.xlsx hoặc .csv)")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["publish"].help_text = (
            "Chỉ dành cho người có quyền xuất bản. Nếu không chọn, thủ tục mới "
            "và thủ tục thay đổi được lưu nháp và gửi duyệt theo quy trình của cổng."
        )
        self.fields["table"].help_text = (
            "Mỗi dòng một thủ tục; cột xem hướng dẫn bên trên. Tối đa "
            f"{format_number(limit('IMPORT_MAX_ROWS'))} thủ tục, tệp không quá "
            f"{format_file_size(limit('IMPORT_MAX_TABLE_BYTES'))}."
        )


def import_procedures(request):
    if not indexes_for(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    context = {
        "header_title": "Nhập thủ tục hành chính từ tệp",
        "form": form,
        "columns": exchange.COLUMNS,
        "required": exchange.REQUIRED,
    }
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            index = form.cleaned_data["index_page"]
            # "Kiểm tra" only tries the file; "Nhập" saves it when it has no error.
            save = "save" in request.POST
            try:
                report = exchange.import_procedures(
                    index,
                    form.cleaned_data["table"].name,
                    form.cleaned_data["table"],
                    request.user,
                    save=save,
                    publish=form.cleaned_data["publish"],
                )
            except exchange.ImportFileError as exc:
                form.add_error(None, str(exc))
            else:
                context["report"] = report
                if report.ok:
                    status = 200
                if report.saved or report.queued:
                    messages.success(request, summary(report))
                    return redirect(reverse("wagtailadmin_explore", args=[index.pk]))
    return TemplateResponse(
        request, "procedures/admin/import.html", context, status=status
    )


def summary(report) -> str:
    if report.queued:
        what = "xuất bản" if report.published else "lưu nháp và gửi duyệt"
        return (
            f"Đang nhập trong nền {report.created} thủ tục mới và {report.updated} "
            f"thủ tục cập nhật (sẽ được {what}); tải lại trang sau ít phút để xem. "
            f"{report.unchanged} thủ tục không thay đổi."
        )
    what = "đã xuất bản" if report.published else "đã lưu nháp và gửi duyệt"
    return (
        f"Đã nhập: {report.created} thủ tục mới, {report.updated} thủ tục cập nhật "
        f"({what}); {report.unchanged} thủ tục không thay đổi."
    )
