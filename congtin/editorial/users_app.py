"""Wagtail's users app with congtin's user and group admin.

Named in INSTALLED_APPS instead of "wagtail.users"; Wagtail reads ``user_viewset``
and ``group_viewset`` from this config when it registers the admin views
(``user_admin.UserViewSet``, ``group_admin.GroupViewSet``). Kept apart from those
modules because app configs are imported before models are ready.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    user_viewset = "congtin.editorial.user_admin.UserViewSet"
    group_viewset = "congtin.editorial.group_admin.GroupViewSet"
