"""Moderation queue for comments on drafts ("Góp ý dự thảo" in the admin).

Lists are limited to the user's portals (permissions.py); another portal's comment
is answered 404. Approving, rejecting or sending back to pending is a POST of one or
many ids. Everything a citizen wrote is rendered as escaped text.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.models import Site

from congtin.core import params
from congtin.core import public_forms as pf
from congtin.pagecache.purge import public_content_changed

from .models import DraftComment
from .permissions import comments_for, is_moderator, moderator_site_ids

ACTIONS = {
    "approve": (DraftComment.Status.APPROVED, "Đã duyệt {n} ý kiến (công khai)."),
    "reject": (DraftComment.Status.REJECTED, "Đã không công khai {n} ý kiến."),
    "pending": (DraftComment.Status.PENDING, "Đã chuyển {n} ý kiến về chờ duyệt."),
}
PER_PAGE = 50


def _require_moderator(request):
    if not is_moderator(request.user):
        raise PermissionDenied


def _int_or_none(value):
    # ASCII digits and no more than a database key holds: "²" or a 30-digit id
    # would otherwise fail in int() or in the database.
    return params.digits(str(value or "").strip(), max_digits=18)


def queue(request):
    _require_moderator(request)
    status = request.GET.get("status", DraftComment.Status.PENDING)
    if status not in DraftComment.Status.values and status != "all":
        status = DraftComment.Status.PENDING
    site_ids = moderator_site_ids(request.user)
    portals = Site.objects.order_by("site_name")
    if site_ids is not None:
        portals = portals.filter(pk__in=site_ids)
    portal = _int_or_none(request.GET.get("portal"))
    comments = comments_for(request.user)
    if portal is not None:
        comments = comments.filter(site_id=portal)
    counts = {
        value: comments.filter(status=value).count()
        for value in DraftComment.Status.values
    }
    if status != "all":
        comments = comments.filter(status=status)
    page_obj = Paginator(comments.order_by("created_at", "pk"), PER_PAGE).get_page(
        request.GET.get("p")
    )
    statuses = [
        (value, f"{label} ({counts[value]})")
        for value, label in DraftComment.Status.choices
    ] + [("all", "Tất cả")]
    return TemplateResponse(
        request,
        "consultations/admin/queue.html",
        {
            "header_title": "Góp ý dự thảo",
            "comments": page_obj,
            "status": status,
            "statuses": statuses,
            "portals": portals,
            "portal": portal,
            "query": request.GET.urlencode(),
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
    action = ACTIONS.get(request.POST.get("action", ""))
    ids = [i for i in map(_int_or_none, request.POST.getlist("ids")) if i]
    back = request.POST.get("next") or reverse("consultations_queue")
    if not back.startswith("/admin/"):
        back = reverse("consultations_queue")
    if action is None:
        messages.error(request, "Thao tác không hợp lệ.")
        return redirect(back)
    if not ids:
        messages.warning(request, "Chưa chọn ý kiến nào.")
        return redirect(back)
    new_status, message = action
    updated = (
        comments_for(request.user)
        .filter(pk__in=ids)
        .update(
            status=new_status,
            moderated_at=timezone.now(),
            moderated_by=request.user,
        )
    )
    if updated:
        # Approved comments are shown under the draft; a hidden one must go at once.
        public_content_changed()
    messages.success(request, message.format(n=updated))
    return redirect(back)


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
