"""Withdrawing a published article: a reason always, and a fate for its old URL.

Wagtail's own "Unpublish" view does the unpublishing. Its confirmation page asks
for a reason and, optionally, a replacement page (template
``wagtailadmin/pages/confirm_unpublish.html`` of this app); the hooks below refuse
the unpublish without a reason, then record a ``Withdrawal`` per page taken down
and a "congtin.withdraw" entry in the page's audit log. A replacement becomes a
permanent Wagtail redirect from the old URL; without one the old URL answers
410 Gone (``middleware.WithdrawnPageMiddleware``). Publishing the page again
removes both.
"""

from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.widgets import AdminPageChooser
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page
from wagtail.signals import page_published

from congtin.core.vietnamese import nfc
from congtin.portals.access import pages_q

from .models import Withdrawal

LOG_ACTION = "congtin.withdraw"
REASON_MAX_LENGTH = 2000

# Set on the request by the "before" hook, read by the "after" hook and the
# confirmation template, all within one admin request.
_FORM_ATTR = "_congtin_withdrawal_form"
_PENDING_ATTR = "_congtin_withdrawal"


class WithdrawalForm(forms.Form):
    reason = forms.CharField(
        label="Lý do thu hồi",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bắt buộc. Lý do được ghi vào nhật ký của trang, "
        "bạn đọc không nhìn thấy.",
        error_messages={
            "required": "Hãy ghi lý do thu hồi bài.",
            "max_length": "Lý do thu hồi dài quá %(limit_value)d ký tự.",
        },
    )
    replacement = forms.ModelChoiceField(
        label="Bài thay thế",
        queryset=Page.objects.none(),
        required=False,
        widget=AdminPageChooser(),
        help_text="Không bắt buộc. Nếu chọn, địa chỉ cũ chuyển thẳng tới trang "
        "này; nếu không, bạn đọc mở địa chỉ cũ sẽ thấy thông báo bài viết "
        "đã được thu hồi.",
        error_messages={
            "invalid_choice": "Hãy chọn một trang khác đang đăng trên cổng của bạn.",
        },
    )

    def __init__(self, *args, page, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        candidates = (
            Page.objects.live()
            .filter(depth__gt=1)
            .exclude(path__startswith=page.path)
            .exclude(alias_of=page)
        )
        own_portals = pages_q(user)
        if own_portals is not None:
            candidates = candidates.filter(own_portals)
        self.fields["replacement"].queryset = candidates

    def clean_reason(self):
        # Whitespace alone is no reason; stored NFC like every Vietnamese text.
        reason = nfc(self.cleaned_data["reason"]).strip()
        if not reason:
            raise forms.ValidationError("Hãy ghi lý do thu hồi bài.")
        return reason


def form_for(request, page) -> WithdrawalForm:
    """The form the confirmation page shows: the failed one after a bad POST."""
    form = getattr(request, _FORM_ATTR, None)
    if form is None or form.page.pk != page.pk:
        form = WithdrawalForm(page=page, user=request.user)
        setattr(request, _FORM_ATTR, form)
    return form


@dataclass
class _Pending:
    page_id: int
    reason: str
    replacement: Page | None
    # Pages live before the unpublish that Wagtail may take down with it.
    also_live: list[int] = field(default_factory=list)


def _render_refusal(request, page):
    from wagtail.admin.views.pages.unpublish import UnpublishView

    view = UnpublishView()
    view.setup(request, page.pk)
    view.objects_to_unpublish = view.get_objects_to_unpublish()
    return view.render_to_response(view.get_context_data(), status=400)


@hooks.register("before_unpublish_page")
def require_reason(request, page):
    form = WithdrawalForm(request.POST, page=page, user=request.user)
    if not form.is_valid():
        setattr(request, _FORM_ATTR, form)
        messages.error(request, "Chưa thu hồi bài: hãy sửa các lỗi bên dưới.")
        return _render_refusal(request, page)

    # Wagtail reads the checkbox exactly this way.
    include_descendants = request.POST.get("include_descendants", False)
    taken_down = Page.objects.filter(pk=page.pk)
    if include_descendants:
        taken_down = page.get_descendants(inclusive=True)
    # Aliases (a component portal's article shown on the city portal) go down
    # with their original, so their URLs need the same notice.
    also_live = Page.objects.live().filter(
        pk__in=taken_down.exclude(pk=page.pk).values("pk")
    ) | Page.objects.live().filter(alias_of__in=taken_down.values("pk"))
    setattr(
        request,
        _PENDING_ATTR,
        _Pending(
            page_id=page.pk,
            reason=form.cleaned_data["reason"],
            replacement=form.cleaned_data["replacement"],
            also_live=list(also_live.values_list("pk", flat=True)),
        ),
    )
    return None


@hooks.register("after_unpublish_page")
def record_withdrawal(request, page):
    pending = getattr(request, _PENDING_ATTR, None)
    if pending is None or pending.page_id != page.pk:
        return None
    delattr(request, _PENDING_ATTR)
    # Only what really went down: Wagtail skips descendants the user may not
    # unpublish.
    others = list(Page.objects.filter(pk__in=pending.also_live, live=False).specific())
    with transaction.atomic():
        withdrawal = withdraw(
            page, pending.reason, user=request.user, replacement=pending.replacement
        )
        for other in others:
            withdraw(other, pending.reason, user=request.user)

    title = page.get_admin_display_title()
    if withdrawal.replacement is not None:
        replacement = withdrawal.replacement.get_admin_display_title()
        onwards = f"chuyển tới “{replacement}”"
    else:
        onwards = "báo cho bạn đọc bài viết đã được thu hồi"
    if others:
        title += f" và {len(others)} trang khác"
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    # Said here, in Vietnamese, instead of Wagtail's untranslated message.
    messages.success(
        request,
        f"Đã thu hồi “{title}”. Lý do đã được ghi vào nhật ký; địa chỉ cũ {onwards}.",
        buttons=[messages.button(edit_url, "Biên tập")],
    )
    next_url = get_valid_next_url_from_request(request) or reverse(
        "wagtailadmin_explore", args=(page.get_parent().pk,)
    )
    return redirect(next_url)


def public_path(page) -> tuple[int | None, str]:
    """The page's site and its URL path on that site, as a browser asks for it."""
    parts = page.get_url_parts()
    if parts is None:
        return None, page.url_path
    site_id, _root_url, path = parts
    return site_id, path


def withdraw(page, reason: str, *, user=None, replacement=None) -> Withdrawal:
    """Record that ``page`` was taken down and why; point its URL onwards.

    Called once Wagtail has unpublished the page.
    """
    site_id, path = public_path(page)
    withdrawal, _ = Withdrawal.objects.update_or_create(
        page=page,
        defaults={
            "reason": reason,
            "replacement": replacement,
            "site_id": site_id,
            "url_path": path,
            "withdrawn_by": user,
        },
    )
    if replacement is not None:
        Redirect.objects.update_or_create(
            site_id=site_id,
            old_path=Redirect.normalise_path(path),
            defaults={
                "redirect_page": replacement,
                "redirect_link": "",
                "redirect_page_route_path": "",
                "is_permanent": True,
            },
        )
    log(
        instance=page,
        action=LOG_ACTION,
        user=user,
        data={
            "reason": reason,
            "replacement": (
                {"id": replacement.pk, "title": replacement.title}
                if replacement is not None
                else None
            ),
        },
    )
    return withdrawal


def restore(page) -> None:
    """The page is published again: its URL serves it, not a notice or redirect."""
    withdrawals = Withdrawal.objects.filter(
        page__in=Page.objects.filter(pk=page.pk)
        | Page.objects.filter(alias_of_id=page.pk)
    )
    for withdrawal in withdrawals:
        if withdrawal.replacement_id is not None:
            Redirect.objects.filter(
                site_id=withdrawal.site_id,
                old_path=Redirect.normalise_path(withdrawal.url_path),
                redirect_page_id=withdrawal.replacement_id,
            ).delete()
    withdrawals.delete()


def _on_published(sender, instance, **kwargs):
    restore(instance)


def connect_signals() -> None:
    page_published.connect(_on_published, dispatch_uid="congtin-withdrawal-restore")


@hooks.register("register_log_actions")
def register_withdraw_action(actions):
    @actions.register_action(LOG_ACTION)
    class WithdrawFormatter(LogFormatter):
        label = "Thu hồi bài"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            message = f"Thu hồi bài. Lý do: {data.get('reason', '')}"
            replacement = data.get("replacement")
            if replacement:
                message += f" Bài thay thế: “{replacement['title']}”."
            return message


@hooks.register("before_bulk_action")
def refuse_bulk_unpublish(request, action_type, objects, action):
    # A bulk action has no place for a reason per article.
    if action_type != "unpublish":
        return None
    messages.error(
        request,
        "Không thể thu hồi nhiều bài cùng lúc: mỗi bài cần ghi lý do thu hồi. "
        "Hãy thu hồi từng bài bằng nút “Ngừng xuất bản” trên trang của bài đó.",
    )
    return redirect(action.next_url)
