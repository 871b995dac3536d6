"""The "answer live" screen: a dialogue's questions on one page, quick to work.

Waiting questions are approved or left out with one button; an approved one is
answered by typing the answer (the answerer is filled in with the dialogue's first
leader) and pressing "Đăng câu trả lời", which puts it at the end of the public
transcript. Everything is limited to the user's portals (another portal's
dialogue or question: 404); reading needs the view permission, acting the change
permission. Citizens' text is shown escaped.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from congtin.core import params
from congtin.core import public_forms as pf

from .models import DialogueQuestion
from .permissions import dialogues_for, question_policy, questions_for

Status = DialogueQuestion.Status
ANSWERER_MAX = 300
ANSWER_MAX = 20_000
MESSAGES = {
    "approve": "Đã duyệt câu hỏi của {name}; câu hỏi chờ trả lời.",
    "reject": "Đã để câu hỏi của {name} ra ngoài buổi đối thoại.",
    "waiting": "Đã chuyển câu hỏi của {name} về chờ duyệt.",
    "answer": "Đã đăng câu trả lời cho câu hỏi của {name}.",
}


def _require_viewer(request):
    if not question_policy.user_has_permission(request.user, "view"):
        raise PermissionDenied


def dialogue_list(request):
    _require_viewer(request)
    dialogues = (
        dialogues_for(request.user)
        .annotate(
            waiting=Count("questions", filter=Q(questions__status=Status.WAITING)),
            approved=Count("questions", filter=Q(questions__status=Status.APPROVED)),
            answered=Count("questions", filter=Q(questions__status=Status.ANSWERED)),
        )
        .order_by("-starts_at", "-pk")
    )
    return TemplateResponse(
        request,
        "dialogues/admin/list.html",
        {"header_title": "Đối thoại trực tuyến", "dialogues": dialogues},
    )


def live(request, pk):
    _require_viewer(request)
    dialogue = get_object_or_404(dialogues_for(request.user), pk=pk)
    questions = list(questions_for(request.user).filter(dialogue=dialogue))
    by_status = {value: [] for value in Status.values}
    for question in questions:
        by_status[question.status].append(question)
    by_status[Status.WAITING].sort(key=lambda q: (q.created_at, q.pk))
    by_status[Status.APPROVED].sort(key=lambda q: (q.created_at, q.pk))
    by_status[Status.ANSWERED].sort(key=lambda q: (q.order or 0, q.pk), reverse=True)
    return TemplateResponse(
        request,
        "dialogues/admin/live.html",
        {
            "header_title": f"Trả lời trực tiếp: {dialogue.title}",
            "dialogue": dialogue,
            "waiting": by_status[Status.WAITING],
            "approved": by_status[Status.APPROVED],
            "answered": by_status[Status.ANSWERED],
            "rejected": by_status[Status.REJECTED],
            "may_change": question_policy.user_has_permission(request.user, "change"),
        },
    )


@require_POST
def act(request, pk):
    """Approve, leave out, send back to waiting or answer one question."""
    dialogue = get_object_or_404(dialogues_for(request.user, "change"), pk=pk)
    back = reverse("dialogues_live", args=[dialogue.pk])
    question_id = params.digits(request.POST.get("question", "").strip(), 18)
    question = get_object_or_404(
        questions_for(request.user, "change").filter(dialogue=dialogue),
        pk=question_id or 0,
    )
    action = request.POST.get("action", "")
    if action not in MESSAGES:
        messages.error(request, "Thao tác không hợp lệ.")
        return redirect(back)
    if action == "answer":
        answer = pf.clean_text(request.POST.get("answer", ""), multiline=True).strip()
        answerer = pf.clean_text(request.POST.get("answered_by", "")).strip()
        if not answer:
            messages.error(request, "Chưa đăng: nhập nội dung trả lời.")
            return redirect(f"{back}#cau-hoi-{question.pk}")
        if len(answer) > ANSWER_MAX or len(answerer) > ANSWERER_MAX:
            messages.error(
                request,
                f"Chưa đăng: câu trả lời tối đa {ANSWER_MAX} ký tự, người trả lời "
                f"tối đa {ANSWERER_MAX} ký tự.",
            )
            return redirect(f"{back}#cau-hoi-{question.pk}")
        question.answer = answer
        question.answered_by = answerer or dialogue.default_answerer[:ANSWERER_MAX]
        question.answered_at = timezone.now()
        question.status = Status.ANSWERED
    elif action == "approve":
        question.status = Status.APPROVED
    elif action == "reject":
        question.status = Status.REJECTED
    else:
        question.status = Status.WAITING
    question.handled_by = request.user
    question.save()
    messages.success(request, MESSAGES[action].format(name=question.name))
    return redirect(back)
