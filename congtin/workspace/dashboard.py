"""The dashboard opens on the day's work of the person signed in.

Beside Wagtail's own panels (pages waiting for my review among them), one panel
lists what each role has to do today: my drafts sent back, citizens' questions
near their deadline (15 working days from receipt), drafts open for comment with
comments waiting, articles with reader comments waiting, and the publications scheduled for the coming days. Each list
is limited to the person's portals and to what their role may act on.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Min
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision, WorkflowState

from congtin.consultations.models import DraftComment, DraftDocumentPage
from congtin.consultations.permissions import comments_for, is_moderator
from congtin.core.public_forms.moderation import MODERATOR_ROLES
from congtin.core.vietnamese import add_working_days, format_date, format_datetime
from congtin.portals.access import pages_q
from congtin.questions.models import OPEN_STATUSES, Question
from congtin.questions.permissions import question_policy
from congtin.reader_comments.models import ReaderComment
from congtin.reader_comments.permissions import comments_for as reader_comments_for

LIMIT = 10
# Questions whose deadline falls within this many working days are listed.
QUESTION_WARNING_DAYS = 3
SCHEDULE_DAYS = 7


@dataclass
class Item:
    title: str
    url: str
    note: str = ""
    urgent: bool = False


@dataclass
class Section:
    heading: str
    items: list[Item] = field(default_factory=list)
    more_url: str = ""


def sent_back(user) -> Section:
    states = (
        WorkflowState.objects.filter(
            requested_by=user,
            status=WorkflowState.STATUS_NEEDS_CHANGES,
            base_content_type=ContentType.objects.get_for_model(Page),
        )
        .select_related("current_task_state__task")
        .order_by("-created_at")[:LIMIT]
    )
    pages = Page.objects.in_bulk([int(state.object_id) for state in states])
    section = Section("Bài của tôi bị trả lại, cần sửa")
    for state in states:
        page = pages.get(int(state.object_id))
        if page is None:
            continue
        task = state.current_task_state.task if state.current_task_state else None
        section.items.append(
            Item(
                page.title,
                reverse("wagtailadmin_pages:edit", args=[page.pk]),
                f"Trả lại ở bước “{task.name}”" if task else "Trả lại",
                urgent=True,
            )
        )
    return section


def questions_due(user) -> Section | None:
    if not question_policy.user_has_permission(user, "change"):
        return None
    today = timezone.localdate()
    horizon = add_working_days(today, QUESTION_WARNING_DAYS)
    questions = question_policy.limit(
        Question.objects.filter(status__in=OPEN_STATUSES, deadline__lte=horizon),
        user,
    ).order_by("deadline", "pk")[:LIMIT]
    section = Section(
        "Câu hỏi của công dân sắp đến hạn trả lời",
        more_url=reverse("wagtailsnippets_questions_question:list"),
    )
    for question in questions:
        late = question.deadline < today
        section.items.append(
            Item(
                f"{question.tracking_code} · {question.title}",
                reverse("wagtailsnippets_questions_question:edit", args=[question.pk]),
                ("Quá hạn từ " if late else "Hạn ") + format_date(question.deadline),
                urgent=late or question.deadline == today,
            )
        )
    return section


def drafts_open(user) -> Section | None:
    if not is_moderator(user):
        return None
    now = timezone.now()
    drafts = DraftDocumentPage.objects.live().filter(
        opens_at__lte=now, closes_at__gt=now
    )
    # Only the portals whose comments the person moderates: a reporter of one
    # portal and editor of another has nothing to do on the first one's drafts.
    limit = pages_q(user, roles=MODERATOR_ROLES)
    if limit is not None:
        drafts = drafts.filter(limit)
    listed = list(drafts.order_by("closes_at")[:LIMIT])
    # One count for all the listed drafts, not one query per draft.
    waiting_by_draft = dict(
        comments_for(user)
        .filter(status=DraftComment.Status.PENDING, draft__in=listed)
        .values_list("draft")
        .annotate(Count("pk"))
        .order_by()
    )
    section = Section(
        "Dự thảo đang lấy ý kiến",
        more_url=reverse("consultations_queue"),
    )
    for draft in listed:
        waiting = waiting_by_draft.get(draft.pk, 0)
        note = f"Đến {format_datetime(draft.closes_at)}"
        if waiting:
            note += f" · {waiting} góp ý chờ duyệt"
        section.items.append(
            Item(
                draft.title,
                reverse("wagtailadmin_pages:edit", args=[draft.pk]),
                note,
                urgent=bool(waiting),
            )
        )
    return section


def reader_comments_waiting(user) -> Section | None:
    """Articles of the person's portals with reader comments waiting, oldest first."""
    if not is_moderator(user):
        return None
    # One grouped query, whatever the number of articles.
    rows = (
        reader_comments_for(user)
        .filter(status=ReaderComment.Status.PENDING)
        .values("article_id", "article__title")
        .annotate(waiting=Count("pk"), oldest=Min("created_at"))
        .order_by("oldest", "article_id")[:LIMIT]
    )
    queue = reverse("reader_comments_queue")
    section = Section("Ý kiến bạn đọc chờ duyệt", more_url=queue)
    for row in rows:
        section.items.append(
            Item(
                row["article__title"],
                queue,
                f"{row['waiting']} ý kiến chờ duyệt, gửi từ "
                f"{format_datetime(row['oldest'])}",
                urgent=True,
            )
        )
    return section


def scheduled(user) -> Section:
    now = timezone.now()
    revisions = Revision.page_revisions.filter(
        approved_go_live_at__gt=now,
        approved_go_live_at__lte=now + timedelta(days=SCHEDULE_DAYS),
    ).order_by("approved_go_live_at")
    pages = Page.objects.all()
    limit = pages_q(user)
    if limit is not None:
        pages = pages.filter(limit)
    # Revision.object_id is text, whatever the model's key.
    keys = pages.annotate(key=Cast("pk", CharField())).values("key")
    revisions = revisions.filter(object_id__in=keys)
    section = Section(f"Lịch xuất bản {SCHEDULE_DAYS} ngày tới")
    for revision in revisions[:LIMIT]:
        section.items.append(
            Item(
                revision.object_str,
                reverse("wagtailadmin_pages:edit", args=[int(revision.object_id)]),
                f"Xuất bản lúc {format_datetime(revision.approved_go_live_at)}",
            )
        )
    return section


class TodayPanel(Component):
    """What the signed-in person has to do today, first on the dashboard."""

    name = "workspace_today"
    template_name = "workspace/today_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        sections = [
            section
            for section in (
                sent_back(user),
                questions_due(user),
                drafts_open(user),
                reader_comments_waiting(user),
                scheduled(user),
            )
            if section is not None and section.items
        ]
        return {"sections": sections, "today": format_date(timezone.localdate())}


@hooks.register("construct_homepage_panels")
def add_today_panel(request, panels):
    panels.insert(0, TodayPanel())
