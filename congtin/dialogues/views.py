"""Public views of a dialogue: the question form and the live updates.

The dialogue page itself is an ordinary cached page. The form lives on its own
page (``gui-cau-hoi/``: it carries a CSRF token, so it is never cached). Order of
a submission: CSRF (middleware), still accepting questions (else 410, the text
given back, nothing saved), honeypot (400), validation (400, filled in again),
rate limit (429, filled in again), then the question is saved; a database error
gives 503 with the text still in the form. A saved question redirects (303) to
the form page with a thank-you notice, so reloading cannot send it twice.

``cap-nhat/?sau=<n>`` answers the transcript items after place ``n`` as JSON
for the page's script; it is cached like a page and purged with it.
"""

import logging

from django.db import DatabaseError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control

from congtin.core import params
from congtin.core import public_forms as pf
from congtin.core.models import PortalPage
from congtin.core.vietnamese import format_datetime

from .forms import DialogueQuestionForm
from .models import ENDED, STATUS_LABELS, DialogueQuestion

logger = logging.getLogger(__name__)

SCOPE = "dialogues.ask"
SENT_PARAM = "da-gui"
SENT_NOTICE = (
    "Cảm ơn bạn đã gửi câu hỏi. Câu hỏi sẽ được cán bộ tổ chức xem xét; câu hỏi "
    "được trả lời sẽ hiện trong nội dung buổi đối thoại."
)
INVALID_NOTICE = "Câu hỏi chưa được gửi: vui lòng sửa các mục được đánh dấu bên dưới."
DB_FAILURE_NOTICE = (
    "Xin lỗi, hệ thống đang gặp sự cố nên chưa lưu được câu hỏi của bạn. Nội dung "
    "bạn đã viết vẫn còn trong biểu mẫu bên dưới; vui lòng gửi lại sau ít phút."
)
# Items a poll answers at most; the script asks again at once when there are more.
BATCH = 50
MAX_PLACE = 10**9
# How long a browser or shared cache may keep an update without the page cache in
# front (with it, the purge on every answer decides).
UPDATE_MAX_AGE = 5


def closed_notice(page) -> str:
    return (
        f"Buổi đối thoại đã kết thúc lúc {format_datetime(page.ends_at)}; cổng không "
        "nhận thêm câu hỏi."
    )


def _render(request, page, status=200, **extra):
    context = PortalPage.get_context(page, request)
    context.update(
        {
            "dialogue_url": page.get_url(request) or page.url,
            "dialogue_status": page.status(),
            "form": None,
            **extra,
        }
    )
    return TemplateResponse(request, "dialogues/ask.html", context, status=status)


def ask(request, page):
    if request.method == "POST":
        return _submit(request, page)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if not page.accepts_questions:
        return _render(request, page, notice=closed_notice(page))
    sent = params.flag(request.GET, SENT_PARAM, "Đã gửi")
    form = DialogueQuestionForm(require_challenge=pf.challenge_required(request, SCOPE))
    return _render(
        request,
        page,
        form=form,
        notice=SENT_NOTICE if sent else "",
        notice_ok=sent,
    )


def _submit(request, page):
    if not page.accepts_questions:
        # Given back read-only, so what the citizen wrote is not lost.
        text = pf.clean_text(request.POST.get("text", ""), multiline=True)[:20_000]
        return _render(
            request, page, 410, notice=closed_notice(page), returned_text=text
        )
    form = DialogueQuestionForm(
        request.POST, require_challenge=pf.challenge_required(request, SCOPE)
    )
    if form.honeypot_tripped:
        return pf.honeypot_response(request)
    if not form.is_valid():
        return _render(request, page, 400, form=form, notice=INVALID_NOTICE)
    try:
        pf.consume(request, SCOPE, contacts=[form.cleaned_data["contact"]])
    except pf.RateLimited as limited:
        response = _render(request, page, 429, form=form, notice=limited.message)
        response["Retry-After"] = str(limited.retry_after)
        return response
    data = form.cleaned_data
    try:
        DialogueQuestion.objects.create(
            dialogue=page,
            site=page.get_site(),
            name=data["name"],
            place=data["place"],
            contact=data["contact"],
            text=data["text"],
        )
    except DatabaseError:
        logger.exception("question for dialogue %s could not be saved", page.pk)
        return _render(request, page, 503, form=form, notice=DB_FAILURE_NOTICE)
    url = (page.get_url(request) or page.url) + page.reverse_subpage("ask")
    return HttpResponseRedirect(f"{url}?{SENT_PARAM}=1", status=303)


def updates(request, page):
    """The transcript after place ``sau``, with the dialogue's status, as JSON."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    try:
        after = params.integer(
            request.GET, "sau", "Vị trí đã hiện", 0, MAX_PLACE, default=0
        )
    except params.BadParameter as error:
        return JsonResponse({"error": error.message}, status=400)
    items = list(page.transcript().filter(order__gt=after)[: BATCH + 1])
    more = len(items) > BATCH
    items = items[:BATCH]
    status = page.status()
    response = JsonResponse(
        {
            "status": status,
            "status_label": STATUS_LABELS[status],
            "ended": status == ENDED,
            "last": items[-1].order if items else after,
            "more": more,
            "items": [
                {
                    "order": item.order,
                    "html": render_to_string(
                        "dialogues/includes/transcript_item.html", {"item": item}
                    ),
                }
                for item in items
            ],
        }
    )
    patch_cache_control(
        response, public=True, max_age=UPDATE_MAX_AGE, s_maxage=UPDATE_MAX_AGE
    )
    return response
