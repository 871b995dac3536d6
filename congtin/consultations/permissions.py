"""Who may read and moderate citizens' comments: the staff of the draft's portal.

Editors and chief editors of a portal moderate the comments on that portal's
drafts and see their contact details; "Quản trị" and superusers see every portal.
Reporters and everyone else see nothing. The rule is shared with every moderated
submission (``core.public_forms.moderation``).
"""

from congtin.core.public_forms import moderation
from congtin.core.public_forms.moderation import is_moderator, moderator_site_ids

from .models import DraftComment

__all__ = ["comments_for", "is_moderator", "moderator_site_ids"]


def comments_for(user):
    """The comments ``user`` may see (with contact details) and moderate."""
    return moderation.scoped(DraftComment.objects.select_related("draft", "site"), user)
