"""The admin's door after the password: the second factor, or its enrolment.

Only requests under the admin prefixes are looked at; a public page (and the page
cache, which answers before this) pays one string comparison. There, django-otp's
``OTPMiddleware`` gives ``request.user`` its ``is_verified()``; then a signed-in
person who has a device and has not typed its code is sent to type it, and one
who must have a second factor (``policy.is_required``) and has none is sent to
enrol, whatever admin page they asked for. Both keep the page asked for in
``next``.

Outside the admin, the same person is a reader until the second factor is passed:
the password alone opens nothing it guards (a page or document restricted to
signed-in people, the userbar's edit links). That is decided only if something
reads ``request.user``; an anonymous reader's request never does a query for it.
"""

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import Resolver404, resolve
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django_otp.middleware import OTPMiddleware

from . import devices, policy

PREFIXES = ("/admin/", "/django-admin/")
# What a half-signed-in person may still reach: signing in and out, the admin's
# own scripts and icons, and this app's steps (which check for themselves).
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}
OPEN_NAMESPACE = "twofactor"


class SecondFactorMiddleware(OTPMiddleware):
    def __call__(self, request):
        self._install_lazy_accessors(request)
        if not request.path_info.startswith(PREFIXES):
            person = request.user
            request.user = SimpleLazyObject(lambda: _as_reader(person))
            return self.get_response(request)
        user = request.user
        if user.is_authenticated and not user.is_verified() and not _open(request):
            if devices.has_device(user):
                return _to("twofactor:verify", request)
            if policy.is_required(user):
                return _to("twofactor:enrol", request)
        return self.get_response(request)


def _as_reader(user):
    """``user``, or an anonymous reader while ``user`` still owes the second factor."""
    if (
        user.is_authenticated
        and not user.is_verified()
        and (devices.has_device(user) or policy.is_required(user))
    ):
        return AnonymousUser()
    return user


def _open(request) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.url_name in OPEN_URL_NAMES or OPEN_NAMESPACE in match.namespaces


def _to(name: str, request) -> HttpResponseRedirect:
    query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
    return HttpResponseRedirect(f"{resolve_url(name)}?{query}")
