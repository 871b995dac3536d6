"""Who may read and moderate citizens' comments: the staff of the draft's portal.

Editors and chief editors of a portal (congtin.editorial.roles) moderate the
comments on that portal's drafts and see their contact details; "Quản trị" and
superusers see every portal. Reporters and everyone else see nothing.
"""

from congtin.editorial.models import PortalGroup, Role

MODERATOR_ROLES = (Role.EDITOR, Role.CHIEF)


def moderator_site_ids(user) -> list[int] | None:
    """Ids of the portals whose comments ``user`` moderates; None means all."""
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return None
    if not hasattr(user, "_consultation_sites"):
        links = list(PortalGroup.objects.filter(group__user=user))
        if any(link.role == Role.ADMIN for link in links):
            user._consultation_sites = None
        else:
            user._consultation_sites = sorted(
                {link.site_id for link in links if link.role in MODERATOR_ROLES}
            )
    return user._consultation_sites


def is_moderator(user) -> bool:
    return moderator_site_ids(user) != []


def comments_for(user):
    """The comments ``user`` may see (with contact details) and moderate."""
    from .models import DraftComment

    comments = DraftComment.objects.select_related("draft", "site")
    site_ids = moderator_site_ids(user)
    if site_ids is None:
        return comments
    return comments.filter(site_id__in=site_ids)
