"""Who may work on questions: model permissions by role, limited to own portals.

The permissions of each role are declared in portal_parts.py. Contact details are
on the question itself, so "staff of the portal concerned" is the portal policy
below (congtin.portals.policy.PortalPermissionPolicy).
"""

from congtin.portals.policy import PortalPermissionPolicy

from .models import Question


class QuestionPolicy(PortalPermissionPolicy):
    """Portal-limited; nobody adds questions in the admin, they come from citizens."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)


question_policy = QuestionPolicy(Question, "site")


def can_see_question(user, question) -> bool:
    """Staff of the question's portal (or administrators) with view permission."""
    return question_policy.user_has_permission_for_instance(user, "view", question)
