"""Who works a dialogue's questions: model permissions by role, own portals only.

The permissions of each role are declared in portal_parts.py; the portal check is
congtin.portals.policy's. Contact details are on the question, so only the staff
of the dialogue's portal (and administrators of every portal) ever see them.
"""

from congtin.portals.access import pages_q
from congtin.portals.policy import PortalPermissionPolicy

from .models import DialoguePage, DialogueQuestion


class DialogueQuestionPolicy(PortalPermissionPolicy):
    """Portal-limited; nobody adds questions in the admin, they come from citizens."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)


question_policy = DialogueQuestionPolicy(DialogueQuestion, "site")


def dialogues_for(user, action: str = "view"):
    """The dialogues whose questions ``user`` may ``action`` (their portals')."""
    if not question_policy.user_has_permission(user, action):
        return DialoguePage.objects.none()
    dialogues = DialoguePage.objects.all()
    limit = pages_q(user)
    return dialogues if limit is None else dialogues.filter(limit)


def questions_for(user, action: str = "view"):
    return question_policy.limit(
        DialogueQuestion.objects.all()
        if question_policy.user_has_permission(user, action)
        else DialogueQuestion.objects.none(),
        user,
    )
