"""Password rules beyond Django's own: no reuse of the last passwords.

Hand-written (a model and one validator): django-password-validators, the kept
library for it, has had no release for Django 5 and hashes every remembered
password a second time with its own salt and PBKDF2 settings. Here the history
keeps the hashes Django already stored, so a hasher upgrade applies to them as
to the account, and checking costs one hash per remembered password, only when
a password is set.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import PasswordHistory


class PasswordHistoryValidator:
    """Refuses any of an account's ``last_passwords`` passwords, the current one
    included; remembers each new one (``password_changed``, which Django calls
    after the account is saved with a new password) and records the change in
    the security log."""

    def __init__(self, last_passwords: int = 5):
        self.last_passwords = max(int(last_passwords), 1)

    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return
        hashes = list(
            PasswordHistory.objects.filter(user_id=user.pk).values_list(
                "password", flat=True
            )[: self.last_passwords]
        )
        # The stored hash, not ``user.password``: a form may have set the new
        # one on the instance already (and ``user`` may be request.user's proxy).
        stored = (
            get_user_model()
            ._default_manager.filter(pk=user.pk)
            .values_list("password", flat=True)
        )
        hashes.extend(stored)
        for encoded in hashes:
            if encoded and check_password(password, encoded):
                raise ValidationError(
                    "Mật khẩu này trùng với một trong %(count)s mật khẩu gần nhất "
                    "của tài khoản. Hãy chọn mật khẩu khác.",
                    code="password_reused",
                    params={"count": self.last_passwords},
                )

    def password_changed(self, password, user=None):
        if user is None or user.pk is None or not user.password:
            return
        from . import security_log

        with transaction.atomic():
            PasswordHistory.objects.create(user_id=user.pk, password=user.password)
            keep = PasswordHistory.objects.filter(user_id=user.pk).values_list(
                "pk", flat=True
            )[: self.last_passwords]
            PasswordHistory.objects.filter(user_id=user.pk).exclude(
                pk__in=list(keep)
            ).delete()
        security_log.password_changed(user)

    def get_help_text(self):
        return (
            f"Mật khẩu mới phải khác {self.last_passwords} mật khẩu gần nhất "
            "của tài khoản."
        )
