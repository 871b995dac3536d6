"""/django-admin/ behind the same two steps as Wagtail's admin.

It stays for the background tasks' results (django-tasks-db registers them
there; docs/deployment.md reads them). django-otp's ``OTPAdminSite`` lets in
only a verified person; its own login page (the password and the code on one
English form) is replaced by Wagtail's, after which the middleware asks for the
code and comes back.
"""

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django_otp.admin import OTPAdminSite


class SecondFactorAdminSite(OTPAdminSite):
    def login(self, request, extra_context=None):
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
