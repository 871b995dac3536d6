"""Serving a draft page: the comment form while the period is open.

Order of a submission: CSRF (middleware), period still open (else 410/403, nothing
saved), honeypot (400), validation (400, the form comes back filled in), rate limit
(429, the form comes back filled in), then the comment is saved in one transaction.
If the database fails the page apologises with 503 and gives the text back, so
nothing the citizen typed is lost. A saved comment redirects (303) to the page with
a thank-you notice, so reloading cannot send it twice.
"""

import logging

from django.db import DatabaseError, transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse

from congtin.core import params
from congtin.core import public_forms as pf
from congtin.core.vietnamese import format_datetime

from .forms import CommentForm
from .models import STATUS_OPEN, STATUS_UPCOMING, DraftComment

logger = logging.getLogger(__name__)

SCOPE = "consultations.comment"
SENT_PARAM = "da-gui"
SENT_NOTICE = (
    "Cảm ơn bạn đã góp ý. Ý kiến đã được ghi nhận và sẽ được công khai sau khi "
    "cán bộ của cổng xem xét."
)
INVALID_NOTICE = "Góp ý chưa được gửi: vui lòng sửa các mục được đánh dấu bên dưới."
DB_FAILURE_NOTICE = (
    "Xin lỗi, hệ thống đang gặp sự cố nên chưa lưu được góp ý của bạn. Nội dung bạn "
    "đã viết vẫn còn trong biểu mẫu bên dưới; vui lòng gửi lại sau ít phút."
)


def closed_notice(page) -> str:
    return (
        f"Đã hết thời gian lấy ý kiến đối với dự thảo này (kết thúc lúc "
        f"{format_datetime(page.closes_at)}). Góp ý vừa gửi không được ghi nhận."
    )


def upcoming_notice(page) -> str:
    return (
        f"Dự thảo chưa đến thời gian lấy ý kiến; việc góp ý bắt đầu từ "
        f"{format_datetime(page.opens_at)}. Góp ý vừa gửi không được ghi nhận."
    )


def render_draft(page, request, status=200, **extra):
    context = page.get_context(request)
    context.update(extra)
    context.setdefault("form", None)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def serve_draft(page, request, *args, **kwargs):
    if request.method == "POST":
        return _submit(page, request)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    form = None
    if page.status() == STATUS_OPEN:
        form = CommentForm(require_challenge=pf.challenge_required(request, SCOPE))
    sent = params.flag(request.GET, SENT_PARAM, "Đã gửi")
    return render_draft(
        page,
        request,
        form=form,
        notice=SENT_NOTICE if sent else "",
        notice_ok=sent,
    )


def _submit(page, request):
    status = page.status()
    if status != STATUS_OPEN:
        # The citizen's text is shown back (read-only) so it is not lost.
        text = pf.clean_text(request.POST.get("text", ""), multiline=True)[:20_000]
        if status == STATUS_UPCOMING:
            return render_draft(
                page, request, 403, notice=upcoming_notice(page), returned_text=text
            )
        return render_draft(
            page, request, 410, notice=closed_notice(page), returned_text=text
        )

    form = CommentForm(
        request.POST,
        request.FILES,
        require_challenge=pf.challenge_required(request, SCOPE),
    )
    if form.honeypot_tripped:
        return pf.honeypot_response(request)
    if not form.is_valid():
        return render_draft(page, request, 400, form=form, notice=INVALID_NOTICE)
    try:
        pf.consume(request, SCOPE, contacts=[form.cleaned_data["contact"]])
    except pf.RateLimited as limited:
        response = render_draft(page, request, 429, form=form, notice=limited.message)
        response["Retry-After"] = str(limited.retry_after)
        return response

    try:
        save_comment(page, request, form)
    except DatabaseError:
        logger.exception("comment on draft %s could not be saved", page.pk)
        return render_draft(page, request, 503, form=form, notice=DB_FAILURE_NOTICE)
    return HttpResponseRedirect(f"{page.url}?{SENT_PARAM}=1#gop-y", status=303)


def save_comment(page, request, form) -> DraftComment:
    """Store the comment (and its file) in one go; the file is removed on failure."""
    data = form.cleaned_data
    comment = DraftComment(
        draft=page,
        site=page.get_site(),
        name=data["name"],
        contact=data["contact"],
        text=data["text"],
    )
    upload = data.get("attachment")
    stored = None
    if upload:
        kind = form.attachment_kind
        comment.attachment_kind = kind
        comment.attachment_name = pf.safe_download_name(upload.name, kind)
        stored = comment.attachment.field.storage.save(
            "consultations/" + pf.store_attachment(upload, kind), upload
        )
        comment.attachment.name = stored
    try:
        with transaction.atomic():
            comment.save()
    except DatabaseError:
        if stored:
            comment.attachment.field.storage.delete(stored)
        raise
    return comment
