"""The second factor's screens in the admin (/admin/xac-thuc-hai-buoc/).

``verify`` and ``enrol`` are the steps after the password (the middleware sends
people there); ``codes`` shows recovery codes once; ``account`` is each person's
own page; ``reset`` is an administrator's, for someone who lost their phone.
"""

import django_otp
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST

from . import devices, policy, scope
from .forms import WAIT, WRONG_APP_CODE, WRONG_CODE, AppCodeForm, CodeForm

SESSION_CODES = "congtin_recovery_codes"
TITLE = "Xác thực hai bước"


def next_url(request) -> str:
    url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(
        REDIRECT_FIELD_NAME, ""
    )
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


def _step(request, template, context, status=200):
    context = {"title": TITLE, "next": next_url(request), **context}
    return TemplateResponse(request, template, context, status=status)


def verify(request):
    """The code after the password, for a person who has a device."""
    user = request.user
    if user.is_verified():
        return HttpResponseRedirect(next_url(request))
    if not devices.has_device(user):
        return redirect(f"{reverse('twofactor:enrol')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    status = 200
    if form.is_valid() and devices.throttled(user):
        form.add_error("code", WAIT)
    elif form.is_valid():
        device = devices.match(user, form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            left = devices.recovery_codes_left(user)
            if not isinstance(device, devices.TOTPDevice):
                messages.warning(
                    request,
                    f"Bạn vừa dùng một mã dự phòng; còn {left} mã. Hãy tạo mã "
                    "mới ở trang Xác thực hai bước khi còn ít.",
                )
            return HttpResponseRedirect(next_url(request))
        form.add_error("code", WRONG_CODE)
    if form.errors:
        status = 400
    return _step(request, "twofactor/verify.html", {"form": form}, status)


def enrol(request):
    """A new authenticator app: its QR code, then its first code."""
    user = request.user
    if devices.has_device(user) and not user.is_verified():
        return redirect(f"{reverse('twofactor:verify')}?{request.GET.urlencode()}")
    device = devices.pending_app(user)
    form = AppCodeForm(request.POST or None)
    if form.is_valid() and not device.verify_is_allowed()[0]:
        form.add_error("code", WAIT)
    elif form.is_valid():
        codes = devices.confirm_app(device, form.cleaned_data["code"])
        if codes is not None:
            django_otp.login(request, device)
            devices.log_own_change(user, devices.ENROL_ACTION)
            request.session[SESSION_CODES] = codes
            return redirect(f"{reverse('twofactor:codes')}?{_next_query(request)}")
        form.add_error("code", WRONG_APP_CODE)
    context = {
        "form": form,
        "required": policy.is_required(user),
        "qr_svg": devices.qr_svg(device),
        "secret": devices.secret_base32(device),
    }
    return _step(request, "twofactor/enrol.html", context, 400 if form.errors else 200)


def _next_query(request) -> str:
    return urlencode({REDIRECT_FIELD_NAME: next_url(request)})


def codes(request):
    """Recovery codes, shown once: they are not kept anywhere readable."""
    shown = request.session.pop(SESSION_CODES, None)
    if not shown:
        return redirect("twofactor:account")
    return _step(request, "twofactor/codes.html", {"codes": shown})


def account(request):
    user = request.user
    context = {
        "page_title": TITLE,
        "header_icon": "key",
        "has_device": devices.has_device(user),
        "required": policy.is_required(user),
        "codes_left": devices.recovery_codes_left(user),
    }
    return TemplateResponse(request, "twofactor/account.html", context)


@require_POST
def new_codes(request):
    if not request.user.is_verified():
        raise PermissionDenied
    request.session[SESSION_CODES] = devices.new_recovery_codes(request.user)
    devices.log_own_change(request.user, devices.NEW_CODES_ACTION)
    return redirect(f"{reverse('twofactor:codes')}?{_next_query(request)}")


@require_POST
def turn_off(request):
    user = request.user
    if policy.is_required(user):
        messages.error(
            request,
            "Tài khoản có quyền xuất bản hoặc quản trị không được tắt xác thực "
            "hai bước.",
        )
        return redirect("twofactor:account")
    if devices.has_device(user) and not user.is_verified():
        raise PermissionDenied
    devices.remove_all(user)
    devices.log_own_change(user, devices.TURN_OFF_ACTION)
    messages.success(request, "Đã tắt xác thực hai bước.")
    return redirect("twofactor:account")


def reset(request, user_id: int):
    """An administrator removes someone's second factor; it is logged."""
    account = get_object_or_404(get_user_model(), pk=user_id)
    if not scope.may_reset(request.user, account):
        raise Http404
    if request.method == "POST":
        devices.reset(account, request.user)
        messages.success(
            request,
            f"Đã đặt lại xác thực hai bước của “{account.get_full_name() or account}”."
            " Lần đăng nhập tới, người này sẽ đăng ký lại ứng dụng xác thực.",
        )
        return redirect("wagtailusers_users:edit", account.pk)
    context = {
        "page_title": "Đặt lại xác thực hai bước",
        "header_icon": "key",
        "account": account,
        "has_device": devices.has_device(account),
    }
    return TemplateResponse(request, "twofactor/reset.html", context)
