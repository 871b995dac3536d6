"""Who may see the portal's contact messages and keep its departments.

Model permissions by role (portal_parts.py), limited to the user's own portals
(congtin.portals.policy.PortalPermissionPolicy).
"""

from congtin.portals.policy import PortalPermissionPolicy

from .models import ContactMessage, ContactRecipient


class MessagePolicy(PortalPermissionPolicy):
    """Portal-limited; nobody adds messages in the admin, they come from citizens."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)


message_policy = MessagePolicy(ContactMessage, "site")
recipient_policy = PortalPermissionPolicy(ContactRecipient, "site")
