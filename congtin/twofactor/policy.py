"""Who must use a second factor in the admin.

Everyone who can publish or approve the final step (chief editors), manage users
or the installation (Quản trị), and superusers. Reporters and editors may turn it
on from their account page; nothing forces them.
"""

from wagtail.models import GroupPagePermission

from congtin.portals.models import PortalGroup, Role

REQUIRED_ROLES = (Role.CHIEF, Role.ADMIN)
# Permissions that manage people or the installation, whatever group grants them.
MANAGING_PERMISSIONS = (
    "auth.add_user",
    "auth.change_user",
    "auth.change_group",
    "wagtailcore.add_site",
    "wagtailcore.change_site",
    "wagtailcore.add_workflow",
    "wagtailcore.change_workflow",
)


def is_required(user) -> bool:
    """Whether ``user`` may not use the admin without a second factor."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_congtin_second_factor_required", None)
    if cached is None:
        cached = user._congtin_second_factor_required = _holds_power(user)
    return cached


def _holds_power(user) -> bool:
    if PortalGroup.objects.filter(group__user=user, role__in=REQUIRED_ROLES).exists():
        return True
    # A group given publishing rights by hand, outside the four roles.
    if GroupPagePermission.objects.filter(
        group__user=user, permission__codename="publish_page"
    ).exists():
        return True
    return any(user.has_perm(perm) for perm in MANAGING_PERMISSIONS)
