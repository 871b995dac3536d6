"""Public pages of a portal's "Hỏi đáp": answers, the question form, tracking."""

import logging

from django.core.paginator import Paginator
from django.db import DatabaseError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.models import Site

from congtin.core import params, public_forms

from .forms import QuestionForm, TrackForm
from .models import AnswerPage, Attachment, Question, Topic, normalize_tracking_code
from .notifications import queue_receipt

logger = logging.getLogger(__name__)

SCOPE = "questions.ask"
DEFAULT_PRIVACY_NOTICE = (
    "Họ tên, thư điện tử, số điện thoại, địa chỉ và tệp đính kèm của bạn chỉ dùng để "
    "xử lý và trả lời câu hỏi này; chỉ cán bộ của cơ quan nhận câu hỏi được xem. "
    "Khi công khai câu trả lời, cổng chỉ đăng tiêu đề, nội dung câu hỏi và câu trả "
    "lời, không bao giờ đăng thông tin liên hệ của bạn. Thông tin liên hệ được xóa "
    "sau khi câu hỏi đã xử lý xong một thời gian theo quy định lưu trữ. Vui lòng "
    "không ghi thông tin cá nhân vào tiêu đề, nội dung câu hỏi."
)


def _render(request, index, template, context, status=200):
    base = index.get_url(request)
    context = {
        **index.get_context(request),
        "ask_url": base + index.reverse_subpage("ask"),
        "track_url": base + index.reverse_subpage("track_form"),
        **context,
    }
    return TemplateResponse(request, template, context, status=status)


def answer_list(request, index):
    answers = (
        AnswerPage.objects.live()
        .child_of(index)
        .select_related("topic")
        .order_by("-first_published_at", "-pk")
    )
    topics = Topic.objects.filter(
        pk__in=answers.exclude(topic=None).values("topic")
    ).order_by("sort_order", "name")
    slug = params.text(request.GET, "chu-de", "Chủ đề")
    topic = None
    if slug:
        topic = topics.filter(slug=slug).first()
        if topic is None:
            raise params.BadParameter(
                f"Chủ đề “{params.shown(slug)}” không có hoặc chưa có câu trả lời "
                "công khai.",
                "chu-de",
            )
        answers = answers.filter(topic=topic)
    page_obj = Paginator(answers, index.per_page).get_page(
        params.page_number(request.GET)
    )
    return _render(
        request,
        index,
        "questions/question_index_page.html",
        {"answers": page_obj, "topics": topics, "topic": topic},
    )


def _save(form, site) -> Question:
    data = form.cleaned_data
    with transaction.atomic():
        question = Question.objects.create(
            site=data["site"],
            topic=data["topic"],
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            address=data["address"],
            title=data["title"],
            text=data["text"],
        )
        for upload, kind in data["attachments"]:
            attachment = Attachment(
                question=question,
                original_name=public_forms.clean_text(upload.name)[:200] or "tệp",
                kind=kind,
                size=upload.size,
            )
            upload.seek(0)
            attachment.file.save(
                public_forms.store_attachment(upload, kind), upload, save=False
            )
            attachment.save()
        queue_receipt(question)
    return question


def ask(request, index):
    site = Site.find_for_request(request) or index.get_site()
    require_challenge = public_forms.challenge_required(request, SCOPE)
    if request.method != "POST":
        form = QuestionForm(current_site=site, require_challenge=require_challenge)
        return _ask_page(request, index, form)
    form = QuestionForm(
        request.POST,
        request.FILES,
        current_site=site,
        require_challenge=require_challenge,
    )
    if form.honeypot_tripped:
        return public_forms.honeypot_response(request)
    if not form.is_valid():
        return _ask_page(request, index, form, status=400)
    try:
        public_forms.consume(
            request,
            SCOPE,
            contacts=[form.cleaned_data["email"], form.cleaned_data["phone"]],
        )
    except public_forms.RateLimited as limited:
        return public_forms.rate_limited_response(request, limited)
    try:
        question = _save(form, site)
    except DatabaseError:
        logger.exception("question could not be saved")
        # The citizen keeps what they wrote: the same form, filled in, with an
        # apology. Files cannot be kept by a browser and must be chosen again.
        return _ask_page(request, index, form, status=503, database_error=True)
    return redirect(_tracking_url(question, index, request) + "?moi=1")


def _tracking_url(question, index, request):
    # Tracking works from any portal (the code is enough), so the citizen stays on
    # the portal they are using even when the question went to another agency.
    return index.get_url(request) + index.reverse_subpage(
        "track", args=[question.tracking_code]
    )


def _ask_page(request, index, form, status=200, database_error=False):
    return _render(
        request,
        index,
        "questions/ask.html",
        {
            "form": form,
            "privacy_notice": index.privacy_notice or DEFAULT_PRIVACY_NOTICE,
            "database_error": database_error,
        },
        status=status,
    )


TRACK_SCOPE = "questions.track"


def track(request, index, code):
    if code is None:
        raw = request.GET.get("ma", "")
        if not raw:
            return _render(
                request, index, "questions/track.html", {"form": TrackForm()}
            )
        normalized = normalize_tracking_code(raw)
        if normalized:
            return redirect(
                index.get_url(request)
                + index.reverse_subpage("track", args=[normalized])
            )
        form = TrackForm({"code": raw[:40]})
        form.is_valid()
        form.add_error(
            "code", "Mã theo dõi không đúng dạng (ví dụ đúng: HD-7K3M-Q9PX)."
        )
        return _render(
            request, index, "questions/track.html", {"form": form}, status=400
        )
    try:
        public_forms.check_lookups(request, TRACK_SCOPE)
    except public_forms.RateLimited as limited:
        return public_forms.rate_limited_response(request, limited)
    normalized = normalize_tracking_code(code)
    question = (
        Question.objects.select_related("site", "topic", "answer_page")
        .filter(tracking_code=normalized)
        .first()
        if normalized
        else None
    )
    if question is None:
        public_forms.record_failed_lookup(request, TRACK_SCOPE)
        return _render(
            request,
            index,
            "questions/track.html",
            {
                "form": TrackForm({"code": code[:40]}),
                "not_found": True,
            },
            status=404,
        )
    answer_page = question.answer_page if question.status == "published" else None
    if answer_page is not None and not answer_page.live:
        answer_page = None
    return _render(
        request,
        index,
        "questions/track.html",
        {
            "question": question,
            "answer_page": answer_page,
            "just_sent": params.flag(request.GET, "moi", "Vừa gửi"),
        },
    )
