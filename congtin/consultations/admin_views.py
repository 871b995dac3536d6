"""Moderation queue for comments on drafts ("Góp ý dự thảo" in the admin).

Lists are limited to the user's portals (permissions.py); another portal's comment
is answered 404. Approving, rejecting or sending back to pending is a POST of one or
many ids. Everything a citizen wrote is rendered as escaped text.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from congtin.core import public_forms as pf
from congtin.core.public_forms import moderation

from .permissions import comments_for

_views = moderation.ModerationViews(
    submissions_for=comments_for,
    title="Góp ý dự thảo",
    queue_template="consultations/admin/queue.html",
    detail_template="consultations/admin/comment.html",
    queue_url_name="consultations_queue",
)
queue, detail, moderate = _views.queue, _views.detail, _views.moderate


def attachment(request, pk):
    """The comment's file, as a download, to the portal's staff only."""
    _views.require_moderator(request)
    comment = get_object_or_404(comments_for(request.user), pk=pk)
    if not comment.attachment or comment.attachment_kind not in pf.ATTACHMENT_KINDS:
        raise Http404
    try:
        return pf.private_file_response(
            comment.attachment, comment.attachment_name, comment.attachment_kind
        )
    except FileNotFoundError:
        raise Http404 from None
