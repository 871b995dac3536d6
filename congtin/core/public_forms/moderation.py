"""Moderating what readers send before it is shown: who may, and the queue's steps.

Shared by every app whose public submissions are published only once staff
approve them (comments on drafts, reader comments on articles). A submission model
has a ``status`` field with :class:`ModerationStatus` choices, ``site`` (its
portal), ``moderated_at`` and ``moderated_by``. What a caller may rely on:

- :func:`moderator_site_ids` / :func:`is_moderator`: editors and chief editors of a
  portal moderate its submissions and see the contact details; "Quản trị" and
  superusers every portal (None); reporters and everyone else nothing.
- :func:`scoped`: a queryset limited to the user's portals.
- :func:`queue_filters`: the queue's status and portal filters read from the
  request (anything unknown falls back to the default, never an error: it is the
  staff's own list), with a count per status.
- :func:`moderate`: one POST of ``ids`` and an ``action`` applied to the user's own
  submissions only; any change purges the page cache, since an ``.update()`` sends
  no signal.
- :class:`ModerationViews`: the queue, one submission and the moderating POST as
  admin views, for an app to route.

Module imported on its own (``from congtin.core.public_forms import moderation``),
not re-exported by the package: it reads the portals' models, and models modules
import the package.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from congtin.core import params
from congtin.pagecache.purge import public_content_changed
from congtin.portals.access import portal_ids_for
from congtin.portals.models import Role

MODERATOR_ROLES = (Role.EDITOR, Role.CHIEF)


class ModerationStatus(models.TextChoices):
    PENDING = "pending", "Chờ duyệt"
    APPROVED = "approved", "Đã duyệt (công khai)"
    REJECTED = "rejected", "Không công khai"


# Action posted by the queue's buttons: (new status, message with {n}).
ACTIONS = {
    "approve": (ModerationStatus.APPROVED, "Đã duyệt {n} ý kiến (công khai)."),
    "reject": (ModerationStatus.REJECTED, "Đã không công khai {n} ý kiến."),
    "pending": (ModerationStatus.PENDING, "Đã chuyển {n} ý kiến về chờ duyệt."),
}
ALL = "all"


def moderator_site_ids(user) -> list[int] | None:
    """Ids of the portals whose submissions ``user`` moderates; None means all."""
    return portal_ids_for(user, MODERATOR_ROLES)


def is_moderator(user) -> bool:
    return moderator_site_ids(user) != []


def scoped(queryset, user):
    """``queryset`` limited to the portals ``user`` moderates (by ``site_id``)."""
    site_ids = moderator_site_ids(user)
    if site_ids is None:
        return queryset
    return queryset.filter(site_id__in=site_ids)


def object_id(value) -> int | None:
    # ASCII digits and no more than a database key holds: "²" or a 30-digit id
    # would otherwise fail in int() or in the database.
    return params.digits(str(value or "").strip(), max_digits=18)


def queue_filters(request, submissions):
    """Read ``status`` and ``portal`` from the query string.

    Returns a dict: ``submissions`` (filtered), ``status``, ``statuses`` (value,
    label with count), ``portals`` (the user's), ``portal`` (chosen id or None).
    """
    status = request.GET.get("status", ModerationStatus.PENDING)
    if status not in ModerationStatus.values and status != ALL:
        status = ModerationStatus.PENDING
    site_ids = moderator_site_ids(request.user)
    portals = Site.objects.order_by("site_name")
    if site_ids is not None:
        portals = portals.filter(pk__in=site_ids)
    portal = object_id(request.GET.get("portal"))
    if portal is not None:
        submissions = submissions.filter(site_id=portal)
    counts = {
        row["status"]: row["n"]
        for row in submissions.order_by()
        .values("status")
        .annotate(n=models.Count("pk"))
    }
    if status != ALL:
        submissions = submissions.filter(status=status)
    statuses = [
        (value, f"{label} ({counts.get(value, 0)})")
        for value, label in ModerationStatus.choices
    ] + [(ALL, "Tất cả")]
    return {
        "submissions": submissions,
        "status": status,
        "statuses": statuses,
        "portals": portals,
        "portal": portal,
    }


def moderate(request, submissions, default_back: str):
    """Apply the posted ``action`` to the posted ``ids`` among ``submissions`` (the
    user's own, see :func:`scoped`) and redirect back with a message."""
    action = ACTIONS.get(request.POST.get("action", ""))
    ids = [i for i in map(object_id, request.POST.getlist("ids")) if i]
    back = request.POST.get("next") or default_back
    # Only back into the admin: the field is posted, so it could name anywhere.
    if not back.startswith("/admin/") or back.startswith("//"):
        back = default_back
    if action is None:
        messages.error(request, "Thao tác không hợp lệ.")
        return redirect(back)
    if not ids:
        messages.warning(request, "Chưa chọn ý kiến nào.")
        return redirect(back)
    new_status, message = action
    updated = submissions.filter(pk__in=ids).update(
        status=new_status, moderated_at=timezone.now(), moderated_by=request.user
    )
    if updated:
        # Approved submissions are shown on public pages; a hidden one must go at
        # once, and an .update() sends no signal.
        public_content_changed()
    messages.success(request, message.format(n=updated))
    return redirect(back)


class ModerationViews:
    """The admin views every moderated kind of submission has: the queue (filters,
    50 a page, oldest first), one submission, and the POST that moderates. Each app
    gives its words and templates; ``submissions_for(user)`` is the user's own
    portals' submissions, so another portal's is a 404 everywhere.

    The queue template gets ``comments`` (the page), ``query`` (the filters as a
    query string, for links such as an export) and :func:`queue_filters`'s names.
    """

    PER_PAGE = 50

    def __init__(
        self,
        *,
        submissions_for,
        title: str,
        queue_template: str,
        detail_template: str,
        queue_url_name: str,
    ):
        self.submissions_for = submissions_for
        self.title = title
        self.queue_template = queue_template
        self.detail_template = detail_template
        self.queue_url_name = queue_url_name

    def require_moderator(self, request) -> None:
        if not is_moderator(request.user):
            raise PermissionDenied

    def queue(self, request):
        self.require_moderator(request)
        filters = queue_filters(request, self.submissions_for(request.user))
        page_obj = Paginator(
            filters.pop("submissions").order_by("created_at", "pk"), self.PER_PAGE
        ).get_page(request.GET.get("p"))
        return TemplateResponse(
            request,
            self.queue_template,
            {
                "header_title": self.title,
                "comments": page_obj,
                "query": request.GET.urlencode(),
                **filters,
            },
        )

    def detail(self, request, pk):
        self.require_moderator(request)
        comment = get_object_or_404(self.submissions_for(request.user), pk=pk)
        return TemplateResponse(
            request,
            self.detail_template,
            {"header_title": f"Ý kiến của {comment.name}", "comment": comment},
        )

    def moderate(self, request):
        """Set the status of the posted ``ids`` (the user's portals only)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        self.require_moderator(request)
        return moderate(
            request,
            self.submissions_for(request.user),
            reverse(self.queue_url_name),
        )
