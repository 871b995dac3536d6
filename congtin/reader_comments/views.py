"""The form page of an article's reader comments: ``<article url>y-kien/``.

The article itself is a cached public page, so the form, which carries a CSRF token,
lives on this page of its own, never kept by any cache. Order of a submission:
CSRF (middleware), comments still open on the article (else 403, nothing saved, the
text given back read-only), honeypot (400), validation (400, the form filled in
again), rate limit (429, the form filled in again), then the comment is saved. A
database failure gives 503 with the text still in the form. A saved comment
redirects (303) to ``?da-gui=1``, a thank-you notice saying it appears after
moderation, so reloading cannot send it twice.
"""

import logging

from django.conf import settings
from django.db import DatabaseError, transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from wagtail.models import Site
from wagtail.views import serve as wagtail_serve

from congtin.core import params
from congtin.core import public_forms as pf
from congtin.core.models import page_at
from congtin.news.models import ArticlePage

from .forms import ReaderCommentForm
from .models import ReaderComment
from .services import FORM_SEGMENT, comments_open, form_url

logger = logging.getLogger(__name__)

SCOPE = "reader_comments.comment"
SENT_PARAM = "da-gui"
SENT_NOTICE = (
    "Cảm ơn bạn đã gửi ý kiến. Ý kiến đã được ghi nhận và sẽ hiển thị dưới bài viết "
    "sau khi cán bộ của cổng duyệt."
)
INVALID_NOTICE = "Ý kiến chưa được gửi: vui lòng sửa các mục được đánh dấu bên dưới."
CLOSED_NOTICE = (
    "Bài viết này hiện không nhận ý kiến bạn đọc. Ý kiến vừa gửi không được ghi nhận."
)
DB_FAILURE_NOTICE = (
    "Xin lỗi, hệ thống đang gặp sự cố nên chưa lưu được ý kiến của bạn. Nội dung bạn "
    "đã viết vẫn còn trong biểu mẫu bên dưới; vui lòng gửi lại sau ít phút."
)


def _article_at(request, article_path: str):
    """The live, public article of the reader's portal at ``article_path``, or None."""
    site = Site.find_for_request(request)
    if site is None:
        return None, None
    page = page_at(f"{site.root_page.url_path}{article_path}")
    if not isinstance(page, ArticlePage) or not page.live:
        return None, site
    # A restricted article (password, sign-in, groups) takes no comments: its
    # readers are not the public this form is for.
    if not ArticlePage.objects.filter(pk=page.pk).public().exists():
        return None, site
    return page, site


def comment_page(request, article_path: str):
    """Answer ``<article_path>y-kien/``; any other page with that path is served
    by Wagtail as usual (a page may well be called "Ý kiến")."""
    article, site = None, None
    if translation.get_language() == settings.LANGUAGE_CODE:
        article, site = _article_at(request, article_path)
    if article is None or not (
        comments_open(article, site) or request.method == "POST"
    ):
        return wagtail_serve(request, f"{article_path}{FORM_SEGMENT}/")
    if request.method == "POST":
        response = _submit(request, article, site)
    elif request.method in ("GET", "HEAD"):
        sent = params.flag(request.GET, SENT_PARAM, "Đã gửi")
        form = None
        if not sent:
            form = ReaderCommentForm(
                require_challenge=pf.challenge_required(request, SCOPE)
            )
        response = _render(
            request, article, form=form, notice=SENT_NOTICE if sent else "", sent=sent
        )
    else:
        response = HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    # Per reader (a token, the reader's own text): never kept by any cache.
    add_never_cache_headers(response)
    return response


def _render(request, article, status=200, **extra):
    article_url = article.get_url(request)
    context = {
        # The article's own context: breadcrumbs, section (kept with the chrome).
        **article.get_context(request),
        "article": article,
        "article_url": article_url,
        "form_url": form_url(article_url),
        "form": None,
        "notice": "",
        "sent": False,
        **extra,
    }
    return TemplateResponse(
        request, "reader_comments/comment_form_page.html", context, status=status
    )


def _submit(request, article, site):
    if not comments_open(article, site):
        # The reader's text is shown back (read-only) so it is not lost.
        text = pf.clean_text(request.POST.get("text", ""), multiline=True)[:20_000]
        return _render(request, article, 403, notice=CLOSED_NOTICE, returned_text=text)
    form = ReaderCommentForm(
        request.POST, require_challenge=pf.challenge_required(request, SCOPE)
    )
    if form.honeypot_tripped:
        return pf.honeypot_response(request)
    if not form.is_valid():
        return _render(request, article, 400, form=form, notice=INVALID_NOTICE)
    try:
        pf.consume(request, SCOPE, contacts=[form.cleaned_data["email"]])
    except pf.RateLimited as limited:
        response = _render(request, article, 429, form=form, notice=limited.message)
        response["Retry-After"] = str(limited.retry_after)
        return response
    data = form.cleaned_data
    try:
        with transaction.atomic():
            ReaderComment.objects.create(
                article=article,
                site=site,
                name=data["name"],
                email=data["email"],
                text=data["text"],
            )
    except DatabaseError:
        logger.exception("reader comment on article %s could not be saved", article.pk)
        return _render(request, article, 503, form=form, notice=DB_FAILURE_NOTICE)
    url = form_url(article.get_url(request))
    return HttpResponseRedirect(f"{url}?{SENT_PARAM}=1", status=303)
