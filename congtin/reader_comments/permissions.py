"""Who may read and moderate reader comments: the staff of the article's portal
(the rule every moderated submission shares, ``core.public_forms.moderation``)."""

from congtin.core.public_forms import moderation
from congtin.core.public_forms.moderation import is_moderator

from .models import ReaderComment

__all__ = ["comments_for", "is_moderator"]


def comments_for(user):
    """The comments ``user`` may see (with e-mails) and moderate."""
    return moderation.scoped(
        ReaderComment.objects.select_related("article", "site", "moderated_by"), user
    )
