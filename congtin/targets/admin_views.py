"""Admin views: propose targets from pasted text, and import files all or nothing."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from congtin.core.spreadsheets import limit
from congtin.core.vietnamese import format_file_size, format_number
from congtin.portals.policy import site_ids_of

from . import exchange
from .fields import VietnameseDecimalFormField
from .models import AnnualPlan, Target
from .parser import parse_targets
from .vocab import UNIT_CHOICES, Direction, Group, Measure


def _plans_for(user):
    plans = AnnualPlan.objects.select_related("site")
    sites = site_ids_of(user)
    if sites is not None:
        plans = plans.filter(site__in=sites)
    return plans


def _require_editor(request):
    """Plan editors of the posted plan's portal only.

    The plan list already stops at the user's portals; a posted plan of another
    portal is answered 404 at once rather than as a form error, so a crafted request
    learns nothing and never reaches the parser or the importer.
    """
    if not request.user.has_perm("targets.change_annualplan"):
        raise PermissionDenied
    posted = request.POST.get("plan") if request.method == "POST" else None
    if posted:
        try:
            allowed = _plans_for(request.user).filter(pk=int(posted)).exists()
        except ValueError:
            allowed = False
        if not allowed:
            raise Http404


class PlanChoiceForm(forms.Form):
    plan = forms.ModelChoiceField(
        label="Kế hoạch năm", queryset=AnnualPlan.objects.none(), empty_label=None
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = _plans_for(user)


class PasteForm(PlanChoiceForm):
    text = forms.CharField(
        label="Đoạn văn nêu các chỉ tiêu",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
        help_text="Dán đoạn chỉ tiêu của nghị quyết hoặc báo cáo; hệ thống đề xuất "
        "các chỉ tiêu để rà soát trước khi lưu.",
    )


class ProposalForm(forms.Form):
    keep = forms.BooleanField(label="Lưu", required=False, initial=True)
    code = forms.CharField(label="Mã", max_length=20)
    name = forms.CharField(label="Tên chỉ tiêu", max_length=500)
    group = forms.ChoiceField(label="Nhóm", choices=Group.choices)
    direction = forms.ChoiceField(label="Yêu cầu", choices=Direction.choices)
    value = VietnameseDecimalFormField(
        label="Giá trị", required=False, max_digits=20, decimal_places=6
    )
    unit = forms.ChoiceField(label="Đơn vị tính", choices=UNIT_CHOICES)
    measure = forms.ChoiceField(label="Tiến độ", choices=Measure.choices)
    indicator = forms.SlugField(label="Mã chỉ số", max_length=80, required=False)
    source_text = forms.CharField(widget=forms.HiddenInput, required=False)


ProposalFormSet = forms.formset_factory(ProposalForm, extra=0, max_num=200)


def parse_text(request):
    _require_editor(request)
    context = {"header_title": "Đọc chỉ tiêu từ văn bản"}
    if request.method == "POST" and "save" in request.POST:
        form = PlanChoiceForm(request.POST, user=request.user)
        formset = ProposalFormSet(request.POST, prefix="ct")
        if form.is_valid() and formset.is_valid():
            plan = form.cleaned_data["plan"]
            chosen = [f.cleaned_data for f in formset if f.cleaned_data.get("keep")]
            existing = set(plan.targets.values_list("code", flat=True))
            clashes = sorted({c["code"] for c in chosen} & existing)
            codes = [c["code"] for c in chosen]
            if clashes or len(codes) != len(set(codes)):
                messages.error(
                    request,
                    "Mã chỉ tiêu trùng: "
                    + ", ".join(
                        clashes or sorted({c for c in codes if codes.count(c) > 1})
                    )
                    + ". Hãy đổi mã rồi lưu lại.",
                )
            else:
                _save_proposals(plan, chosen, request.user)
                messages.success(
                    request, f"Đã lưu {len(chosen)} chỉ tiêu vào kế hoạch {plan}."
                )
                return redirect(
                    reverse("wagtailsnippets_targets_annualplan:edit", args=[plan.pk])
                )
        context.update(form=form, formset=formset, step="review")
        return TemplateResponse(
            request, "targets/admin/parse_text.html", context, status=400
        )
    form = PasteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        plan = form.cleaned_data["plan"]
        result = parse_targets(
            form.cleaned_data["text"], first_number=plan.targets.count() + 1
        )
        formset = ProposalFormSet(
            prefix="ct",
            initial=[{**vars(t), "keep": True} for t in result.targets],
        )
        context.update(
            form=PlanChoiceForm(initial={"plan": plan}, user=request.user),
            formset=formset,
            result=result,
            plan=plan,
            step="review",
        )
        return TemplateResponse(request, "targets/admin/parse_text.html", context)
    context.update(form=form, step="paste")
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request, "targets/admin/parse_text.html", context, status=status
    )


@transaction.atomic
def _save_proposals(plan, chosen, user):
    order = max((t.sort_order or 0 for t in plan.targets.all()), default=0)
    for data in chosen:
        order += 1
        Target.objects.create(
            plan=plan,
            sort_order=order,
            **{k: v for k, v in data.items() if k != "keep"},
        )
    plan.save_revision(user=user, log_action=True)


class ImportForm(PlanChoiceForm):
    kind = forms.ChoiceField(
        label="Loại dữ liệu",
        choices=[("targets", "Chỉ tiêu"), ("figures", "Số liệu thực hiện")],
        widget=forms.RadioSelect,
        initial="figures",
        help_text="Tệp XLSX có cả hai bảng “Chỉ tiêu” và “Số liệu” thì nhập cả hai.",
    )
    file = forms.FileField(label="Tệp .xlsx hoặc .csv")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The limits are settings; say them where the file is chosen.
        self.fields["file"].help_text = (
            f"Tối đa {format_number(limit('IMPORT_MAX_ROWS'))} dòng mỗi bảng, tệp "
            f"không quá {format_file_size(limit('IMPORT_MAX_TABLE_BYTES'))}."
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        most = limit("IMPORT_MAX_TABLE_BYTES")
        if upload.size > most:
            raise forms.ValidationError(f"Tệp lớn quá {format_file_size(most)}.")
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("Chỉ nhận tệp .xlsx hoặc .csv.")
        return upload


def import_file(request):
    _require_editor(request)
    # An import may add figures as well as targets (an XLSX carries both sheets).
    if not request.user.has_perm("targets.add_reportedfigure"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    context = {"header_title": "Nhập chỉ tiêu, số liệu từ tệp", "form": form}
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            plan = form.cleaned_data["plan"]
            upload = form.cleaned_data["file"]
            try:
                # The upload itself (on disk past 2.5 MB), never read whole.
                report = exchange.import_file(
                    plan,
                    upload.name,
                    upload,
                    form.cleaned_data["kind"],
                    request.user,
                )
            except exchange.ImportFileError as exc:
                form.add_error("file", str(exc))
            else:
                context["report"] = report
                if report.ok:
                    status = 200
                    messages.success(
                        request,
                        f"Đã nhập vào {plan}: {report.targets_created} chỉ tiêu mới, "
                        f"{report.targets_updated} chỉ tiêu cập nhật, "
                        f"{report.figures_created} số liệu mới"
                        + (
                            f" ({report.figures_unchanged} số liệu đã có, bỏ qua)"
                            if report.figures_unchanged
                            else ""
                        )
                        + ".",
                    )
                    return redirect(reverse("targets_import"))
    return TemplateResponse(
        request, "targets/admin/import.html", context, status=status
    )
