"""Who hears about a page's way through the workflow: by email and on the dashboard.

Wagtail already emails a step's group when a page reaches it and the requester when
the workflow ends. A rejection, though, Wagtail tells only the requester; here it goes
back to the author and to everyone who handled the page earlier in the same review,
so an editor who passed it on learns that the chief sent it back. Every event also
leaves a ``Notice`` on the recipient's dashboard, whatever their email preferences.
"""

from django.contrib.auth import get_user_model
from django.http import HttpResponseNotAllowed
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
)
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_user_display_name
from wagtail.models import AbstractGroupApprovalTask, TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected

from congtin.core.vietnamese import format_datetime, nfc

from .models import Notice

# Wagtail connects its rejection email under this id; taking the id over keeps
# Wagtail's own receiver out whichever app becomes ready first.
WAGTAIL_REJECTION_UID = "workflow_state_rejected_email_notification"
HANDLED = [TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED]
PANEL_LIMIT = 20


def review_rounds(workflow_state):
    """The workflow states of the current review, restarts included.

    A review ends when the workflow approves the object; states of the same
    workflow after the last approval belong to the review still going on.
    """
    rounds = WorkflowState.objects.filter(
        base_content_type_id=workflow_state.base_content_type_id,
        object_id=workflow_state.object_id,
        workflow_id=workflow_state.workflow_id,
        created_at__lte=workflow_state.created_at,
    )
    last_approved = (
        rounds.filter(status=WorkflowState.STATUS_APPROVED)
        .exclude(pk=workflow_state.pk)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if last_approved is not None:
        rounds = rounds.filter(created_at__gt=last_approved)
    return rounds


def rejection_recipients(workflow_state, rejector=None):
    """The author, the requester and everyone who approved or rejected it before."""
    ids = set(
        TaskState.objects.filter(
            workflow_state__in=review_rounds(workflow_state),
            status__in=HANDLED,
            finished_by__isnull=False,
        ).values_list("finished_by", flat=True)
    )
    owner_id = getattr(workflow_state.content_object, "owner_id", None)
    ids.update(pk for pk in (owner_id, workflow_state.requested_by_id) if pk)
    users = get_user_model().objects.filter(pk__in=ids, is_active=True)
    if rejector is not None:
        users = users.exclude(pk=rejector.pk)
    return set(users)


def author_recipients(workflow_state, approver=None):
    ids = {
        pk
        for pk in (
            getattr(workflow_state.content_object, "owner_id", None),
            workflow_state.requested_by_id,
        )
        if pk
    }
    users = get_user_model().objects.filter(pk__in=ids, is_active=True)
    if approver is not None:
        users = users.exclude(pk=approver.pk)
    return set(users)


class RejectionEmailNotifier(WorkflowStateRejectionEmailNotifier):
    """Wagtail's rejection email, sent to everyone ``rejection_recipients`` names.

    Wagtail's mixin still drops users without an email address or who turned
    rejection emails off in their account settings.
    """

    def get_recipient_users(self, workflow_state, **kwargs):
        return rejection_recipients(workflow_state, kwargs.get("user"))


rejection_email_notifier = RejectionEmailNotifier()
# Only its recipients are reused, so a step's notices match Wagtail's emails.
step_recipients = GroupApprovalTaskStateSubmissionEmailNotifier().get_recipient_users


def describe(obj):
    """The object's title as the admin shows it, and its admin edit URL."""
    if hasattr(obj, "get_admin_display_title"):
        title = obj.get_admin_display_title()
    else:
        title = str(obj)
    return nfc(title), AdminURLFinder().get_edit_url(obj) or ""


def leave_notices(recipients, message, url):
    message = nfc(message)
    # A user in two of a step's groups comes out of the query twice.
    users = {user for user in recipients if user.is_active}
    Notice.objects.bulk_create(
        Notice(recipient=user, message=message, url=url)
        for user in sorted(users, key=lambda user: user.pk)
    )


def notice_rejection(sender, instance, user=None, **kwargs):
    task_state = instance.current_task_state.specific
    title, edit_url = describe(instance.content_object)
    who = get_user_display_name(task_state.finished_by or user) or "Người duyệt"
    message = f"{who} đã trả lại “{title}” ở bước “{task_state.task.name}”."
    comment = (task_state.get_comment() or "").strip()
    if comment:
        message += f" Ý kiến: “{comment}”"
    leave_notices(rejection_recipients(instance, user), message, edit_url)


def notice_step(sender, instance, user=None, **kwargs):
    task = instance.task.specific
    if not isinstance(task, AbstractGroupApprovalTask):
        return
    title, edit_url = describe(instance.workflow_state.content_object)
    message = f"“{title}” đang chờ duyệt ở bước “{task.name}”"
    if user is not None:
        message += f", do {get_user_display_name(user)} chuyển đến"
    leave_notices(step_recipients(instance, user=user), message + ".", edit_url)


def notice_approval(sender, instance, user=None, **kwargs):
    obj = instance.content_object
    # The object cached on the workflow state predates its publication.
    obj = type(obj)._default_manager.get(pk=obj.pk)
    title, url = describe(obj)
    revision = (
        obj.get_latest_revision() if hasattr(obj, "get_latest_revision") else None
    )
    go_live_at = getattr(revision, "approved_go_live_at", None)
    message = f"“{title}” đã được phê duyệt"
    if go_live_at is not None:
        message += f" và sẽ được xuất bản lúc {format_datetime(go_live_at)}."
    elif getattr(obj, "live", False):
        message += " và đã được xuất bản."
        url = getattr(obj, "full_url", None) or url
    else:
        message += "."
    leave_notices(author_recipients(instance, user), message, url)


def connect_signals():
    workflow_rejected.disconnect(
        sender=WorkflowState, dispatch_uid=WAGTAIL_REJECTION_UID
    )
    workflow_rejected.connect(
        rejection_email_notifier,
        sender=WorkflowState,
        dispatch_uid=WAGTAIL_REJECTION_UID,
    )
    workflow_rejected.connect(
        notice_rejection, sender=WorkflowState, dispatch_uid="editorial_notice_rejected"
    )
    # Task state classes vary with the task type; ``notice_step`` picks its own.
    task_submitted.connect(notice_step, dispatch_uid="editorial_notice_step")
    workflow_approved.connect(
        notice_approval, sender=WorkflowState, dispatch_uid="editorial_notice_approved"
    )


class NoticesPanel(Component):
    """The signed-in user's unread notices, newest first, on the admin dashboard."""

    name = "editorial_notices"
    template_name = "editorial/notices_panel.html"
    order = 100

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        unread = Notice.objects.filter(recipient=request.user, read_at__isnull=True)
        return {
            "notices": unread.order_by("-created_at", "-pk")[:PANEL_LIMIT],
            "unread_count": unread.count(),
            "csrf_token": get_token(request),
        }


@hooks.register("construct_homepage_panels")
def add_notices_panel(request, panels):
    panels.append(NoticesPanel())


def mark_notice_read(request, notice_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(
            ["POST"],
            content="Chỉ có thể đánh dấu đã đọc bằng nút trên bảng điều khiển.",
            content_type="text/plain; charset=utf-8",
        )
    # Someone else's notice is answered as if it did not exist.
    notice = get_object_or_404(Notice, pk=notice_id, recipient=request.user)
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return redirect("wagtailadmin_home")


@hooks.register("register_admin_urls")
def notice_urls():
    return [
        path(
            "editorial/notices/<id:notice_id>/read/",
            mark_notice_read,
            name="editorial_notice_read",
        )
    ]
