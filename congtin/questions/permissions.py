"""Who may work on questions: model permissions by role, limited to own portals.

Reporters may read the queue of their portal; editors also assign, draft and
decline; chiefs and administrators also delete; administrators manage topics. Contact details are on the question
itself, so "staff of the portal concerned" is the portal policy below
(congtin.targets.permissions.PortalPermissionPolicy).
"""

from django.contrib.auth.models import Permission

from congtin.targets.permissions import PortalPermissionPolicy

from .models import Question

QUESTION_PERMISSIONS = {
    "reporter": ["view_question"],
    "editor": ["view_question", "change_question"],
    "chief": ["view_question", "change_question", "delete_question"],
    # Topics are shared by every portal, so only the installation's administrators
    # edit them.
    "admin": [
        "view_question",
        "change_question",
        "delete_question",
        "add_topic",
        "change_topic",
        "delete_topic",
    ],
}


class QuestionPolicy(PortalPermissionPolicy):
    """Portal-limited; nobody adds questions in the admin, they come from citizens."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)


question_policy = QuestionPolicy(Question, "site")


def grant(group, role: str) -> None:
    codenames = QUESTION_PERMISSIONS.get(role, [])
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="questions", codename__in=codenames
        )
    )


def grant_on_new_group(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant(instance.group, instance.role)


def can_see_question(user, question) -> bool:
    """Staff of the question's portal (or administrators) with view permission."""
    return question_policy.user_has_permission_for_instance(user, "view", question)
