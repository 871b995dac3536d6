"""The admin's login form, with the words Wagtail's own leaves out."""

from django import forms
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    # Wagtail's password field has no label, so Django shows its field name
    # ("Password") whatever the language.
    password = forms.CharField(
        label=gettext_lazy("Password"),
        widget=forms.PasswordInput(
            attrs={"placeholder": gettext_lazy("Enter password")}
        ),
        strip=False,
    )
