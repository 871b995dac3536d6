"""Who may read and moderate citizens' comments: the staff of the draft's portal.

Editors and chief editors of a portal moderate the comments on that portal's
drafts and see their contact details; "Quản trị" and superusers see every portal.
Reporters and everyone else see nothing.
"""

from congtin.portals.access import portal_ids_for
from congtin.portals.models import Role

from .models import DraftComment

MODERATOR_ROLES = (Role.EDITOR, Role.CHIEF)


def moderator_site_ids(user) -> list[int] | None:
    """Ids of the portals whose comments ``user`` moderates; None means all."""
    return portal_ids_for(user, MODERATOR_ROLES)


def is_moderator(user) -> bool:
    return moderator_site_ids(user) != []


def comments_for(user):
    """The comments ``user`` may see (with contact details) and moderate."""
    comments = DraftComment.objects.select_related("draft", "site")
    site_ids = moderator_site_ids(user)
    if site_ids is None:
        return comments
    return comments.filter(site_id__in=site_ids)
