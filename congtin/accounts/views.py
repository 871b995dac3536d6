"""The admin's "forgotten password" form, with a limit per address and per e-mail."""

from django.shortcuts import render
from wagtail.admin.views.account import PasswordResetView

from congtin.core import public_forms as pf

wagtail_password_reset = PasswordResetView.as_view()


def password_reset(request, *args, **kwargs):
    """Wagtail's view, after the public forms' rate limit on each submission: a
    flood of reset mails to one person, or from one address, stops with a 429."""
    if request.method == "POST":
        email = request.POST.get("email", "")
        try:
            pf.consume(
                request,
                "admin-password-reset",
                contacts=[email] if isinstance(email, str) else [],
            )
        except pf.RateLimited as limited:
            response = render(
                request,
                "accounts/too_many.html",
                {"minutes": max(1, limited.retry_after // 60)},
                status=429,
            )
            response["Retry-After"] = str(limited.retry_after)
            return response
    return wagtail_password_reset(request, *args, **kwargs)
