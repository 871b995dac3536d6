"""Moderation queue for comments on drafts ("Góp ý dự thảo" in the admin).

Lists are limited to the user's portals (permissions.py); another portal's comment
is answered 404. Approving, rejecting or sending back to pending is a POST of one or
many ids. Everything a citizen wrote is rendered as escaped text.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from congtin.core import public_forms as pf
from congtin.core.public_forms import moderation

from .permissions import comments_for, is_moderator

PER_PAGE = 50


def _require_moderator(request):
    if not is_moderator(request.user):
        raise PermissionDenied


def queue(request):
    _require_moderator(request)
    filters = moderation.queue_filters(request, comments_for(request.user))
    page_obj = Paginator(
        filters.pop("submissions").order_by("created_at", "pk"), PER_PAGE
    ).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "consultations/admin/queue.html",
        {
            "header_title": "Góp ý dự thảo",
            "comments": page_obj,
            "query": request.GET.urlencode(),
            **filters,
        },
    )


def detail(request, pk):
    _require_moderator(request)
    comment = get_object_or_404(comments_for(request.user), pk=pk)
    return TemplateResponse(
        request,
        "consultations/admin/comment.html",
        {"header_title": f"Ý kiến của {comment.name}", "comment": comment},
    )


@require_POST
def moderate(request):
    """Set the status of the posted ``ids`` (the user's portals only)."""
    _require_moderator(request)
    return moderation.moderate(
        request, comments_for(request.user), reverse("consultations_queue")
    )


def attachment(request, pk):
    """The comment's file, as a download, to the portal's staff only."""
    _require_moderator(request)
    comment = get_object_or_404(comments_for(request.user), pk=pk)
    if not comment.attachment or comment.attachment_kind not in pf.ATTACHMENT_KINDS:
        raise Http404
    try:
        return pf.private_file_response(
            comment.attachment, comment.attachment_name, comment.attachment_kind
        )
    except FileNotFoundError:
        raise Http404 from None
