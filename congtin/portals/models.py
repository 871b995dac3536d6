"""The role a Django group plays in a portal.

The table keeps its first name (``editorial_portalgroup``): the model moved here
from the editorial app without touching the database.
"""

from django.contrib.auth.models import Group
from django.db import models
from wagtail.models import Site


class Role(models.TextChoices):
    REPORTER = "reporter", "Phóng viên"
    EDITOR = "editor", "Biên tập viên"
    CHIEF = "chief", "Trưởng ban biên tập"
    ADMIN = "admin", "Quản trị"


class PortalGroup(models.Model):
    """The role a Django group plays, and in which portal (none for Quản trị)."""

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="portal_role"
    )
    site = models.ForeignKey(
        Site,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="portal_groups",
    )
    role = models.CharField("Vai trò", max_length=16, choices=Role.choices)

    class Meta:
        db_table = "editorial_portalgroup"
        verbose_name = "Nhóm của cổng"
        verbose_name_plural = "Nhóm của cổng"
        constraints = [
            models.UniqueConstraint(
                fields=["site", "role"], name="one_group_per_portal_role"
            )
        ]

    def __str__(self):
        return self.group.name
