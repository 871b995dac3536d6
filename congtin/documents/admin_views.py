"""Admin view: import documents from a list (CSV/XLSX) and a ZIP of their files."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from congtin.core.import_forms import PortalImportForm, pages_user_may_add_to
from congtin.core.spreadsheets import limit
from congtin.core.vietnamese import format_file_size, format_number

from . import exchange, files
from .models import DocumentIndexPage


def indexes_for(user) -> list[DocumentIndexPage]:
    """The "Văn bản" pages where ``user`` may add documents (their portals only)."""
    return pages_user_may_add_to(DocumentIndexPage, user)


class ImportForm(PortalImportForm):
    index_model = DocumentIndexPage
    field_order = ["index", "table", "archive", "publish"]

    table = forms.FileField(
        label="Danh sách văn bản (.xlsx hoặc .csv)",
        help_text="Mỗi dòng một văn bản; cột xem hướng dẫn bên trên.",
    )
    archive = forms.FileField(
        label="Tệp ZIP chứa các tệp đính kèm",
        required=False,
        help_text="Chỉ cần khi cột “Tệp” có ghi tên tệp. Nhận PDF, DOC, DOCX.",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["publish"].help_text = (
            "Chỉ dành cho người có quyền xuất bản. Nếu không chọn, các văn bản "
            "được lưu nháp và gửi duyệt theo quy trình của cổng."
        )
        # The limits are settings; say them where the files are chosen.
        self.fields["table"].help_text = (
            "Mỗi dòng một văn bản; cột xem hướng dẫn bên trên. Tối đa "
            f"{format_number(limit('IMPORT_MAX_ROWS'))} văn bản, tệp không quá "
            f"{format_file_size(limit('IMPORT_MAX_TABLE_BYTES'))}."
        )
        self.fields["archive"].help_text = (
            "Chỉ cần khi cột “Tệp” có ghi tên tệp. Nhận PDF, DOC, DOCX, mỗi tệp "
            f"không quá {format_file_size(files.MAX_FILE_SIZE)}; tệp ZIP không quá "
            f"{format_file_size(limit('IMPORT_MAX_ARCHIVE_BYTES'))}."
        )

    def clean_archive(self):
        upload = self.cleaned_data.get("archive")
        if upload is None:
            return None
        # Its size, like the list's name and size, is checked by the importer.
        if not upload.name.lower().endswith(".zip"):
            raise forms.ValidationError("Tệp đính kèm phải gói trong một tệp .zip.")
        return upload


def import_documents(request):
    if not indexes_for(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    context = {
        "header_title": "Nhập văn bản từ tệp",
        "form": form,
        "columns": exchange.COLUMNS,
        "required": exchange.REQUIRED,
    }
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            index = form.cleaned_data["index_page"]
            archive = form.cleaned_data.get("archive")
            try:
                # The uploads themselves (on disk past 2.5 MB), never read whole.
                report = exchange.import_documents(
                    index,
                    form.cleaned_data["table"].name,
                    form.cleaned_data["table"],
                    archive,
                    request.user,
                    publish=form.cleaned_data["publish"],
                )
            except exchange.ImportFileError as exc:
                form.add_error(None, str(exc))
            else:
                context["report"] = report
                if report.ok:
                    what = (
                        "đã xuất bản"
                        if report.published
                        else "đã lưu nháp và gửi duyệt"
                    )
                    messages.success(
                        request, f"Đã nhập {len(report.created)} văn bản ({what})."
                    )
                    return redirect(reverse("wagtailadmin_explore", args=[index.pk]))
    return TemplateResponse(
        request, "documents/admin/import.html", context, status=status
    )
