"""Wagtail's users app with congtin's user admin (``user_admin.UserViewSet``).

Named in INSTALLED_APPS instead of "wagtail.users"; Wagtail reads ``user_viewset``
from this config when it registers the user admin. Kept apart from ``user_admin``
because app configs are imported before models are ready.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    user_viewset = "congtin.editorial.user_admin.UserViewSet"
