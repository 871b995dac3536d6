"""What staff do with a question: forward, send the answer for approval, decline.

The answer is published as an AnswerPage under the portal's "Hỏi đáp" page. It is
created as a draft and put into the portal's Wagtail workflow, so the same editors
and chiefs who approve articles approve answers; publishing the page marks the
question "published" (signals.answer_published).
"""

from django.db import transaction
from django.utils import timezone

from congtin.portals.setup import ensure_child

from .models import AnswerPage, Question, QuestionIndexPage, Status

INDEX_SLUG = "hoi-dap"
INDEX_TITLE = "Hỏi đáp"


def ensure_index(site) -> QuestionIndexPage:
    """The portal's live "Hỏi đáp" page, created under its home page if missing."""
    existing = QuestionIndexPage.for_site(site)
    if existing is not None:
        return existing
    return ensure_child(
        site.root_page.specific,
        QuestionIndexPage,
        INDEX_SLUG,
        title=INDEX_TITLE,
        # Linked from the footer (questions_link); the main menu stays as core
        # defines it.
        show_in_menus=True,
        intro="Câu hỏi của người dân, doanh nghiệp và câu trả lời của cơ quan.",
    )


def forward(question: Question) -> None:
    if question.status in (Status.RECEIVED, Status.FORWARDED):
        question.status = Status.FORWARDED
        question.save(update_fields=["status"])


def _fill(page: AnswerPage, question: Question) -> None:
    # Only the question's title and text are copied: never name, e-mail, phone,
    # address or attachments.
    page.title = question.title
    page.question_text = question.text
    page.answer = question.answer
    page.department = question.department
    page.topic = question.topic
    page.asked_on = timezone.localdate(question.submitted_at)
    page.is_illustrative = question.is_illustrative


@transaction.atomic
def submit_answer(question: Question, user) -> AnswerPage:
    """Create or update the answer's draft page and start the portal's workflow."""
    page = question.answer_page
    if page is None:
        index = ensure_index(question.site)
        page = AnswerPage(live=False)
        _fill(page, question)
        index.add_child(instance=page)
        question.answer_page = page
    else:
        page = page.specific
        _fill(page, question)
    question.status = Status.ANSWERED
    question.save(update_fields=["status", "answer_page"])
    revision = page.save_revision(user=user, log_action=True)
    page_workflow = page.get_workflow()
    if page_workflow is not None:
        state = page.current_workflow_state
        if state is not None:
            state.cancel(user=user)
        page_workflow.start(page, user)
    elif page.permissions_for_user(user).can_publish():
        # Without a workflow, whoever may publish there publishes now; anyone
        # else leaves a draft for them.
        revision.publish(user=user)
    question.refresh_from_db()
    return page


def decline(question: Question) -> None:
    question.status = Status.DECLINED
    question.closed_at = timezone.now()
    question.save(update_fields=["status", "closed_at"])
