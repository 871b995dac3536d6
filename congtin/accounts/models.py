"""The security log and the password history."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.models.audit_log import BaseLogEntry, BaseLogEntryManager

from . import request_context


class SecurityLogEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        # Wagtail's own log() of an account or a group lands here too (user and
        # group admin views); the address is that of the request being served.
        kwargs.setdefault("object_id", str(instance.pk))
        for field, value in request_context.client().items():
            kwargs.setdefault(field, value)
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(
            content_type=ContentType.objects.get_for_model(
                instance, for_concrete_model=False
            ),
            object_id=str(instance.pk),
        )

    def viewable_by_user(self, user):
        # Wagtail's site history lists every registered log model by this: the
        # same scope as the security log's own page, never wider.
        from .scope import visible_entries

        return visible_entries(user, self.all())


class SecurityLogEntry(BaseLogEntry):
    """One sign-in, failed sign-in, lock-out, unlock, password or account change.

    ``object_id`` and ``label`` name the account (or group) concerned; a failed
    sign-in under a name no account has keeps the typed name in ``label`` with
    no object. ``user`` is who acted (None: nobody signed in, or the system).
    """

    object_id = models.CharField(max_length=255, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField("Địa chỉ IP", null=True, blank=True)
    user_agent = models.CharField("Trình duyệt", max_length=300, blank=True)

    objects = SecurityLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = "Sự kiện bảo mật"
        verbose_name_plural = "Nhật ký bảo mật"
        indexes = [
            models.Index(fields=["uuid", "action", "-timestamp"]),
            models.Index(fields=["ip_address", "-timestamp"]),
        ]


class PasswordHistory(models.Model):
    """A password hash an account has had, as Django stored it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "Mật khẩu đã dùng"
        verbose_name_plural = "Mật khẩu đã dùng"
