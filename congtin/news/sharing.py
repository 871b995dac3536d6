"""Send an article's link to someone ("Gửi bài") and save it as a PDF ("Lưu PDF").

The article page links here (``/gui-bai/<id>/``, ``/luu-pdf/<id>/``), so the cached
article page stays the same for every reader. The send form is a page of its own
(it carries a CSRF token and, after a few sends, a challenge: never cached). The
mail it queues says only what the portal writes: the article's title, lead and
canonical address, and the name the reader gave; there is no message field, so the
portal cannot relay anyone's text. Nothing of the reader or the recipient is
stored; the address lives only in the queued mail until the worker sends it.
"""

import re
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.models import Site

from congtin.core import public_forms, vietnamese
from congtin.core.navigation import agency_for_request

from .models import ArticlePage

SCOPE = "news.share"
NAME_MAX_LENGTH = 60
# Anything that reads as an address, so the one free field cannot carry a link:
# a scheme, "www.", an e-mail address, or a domain name such as "ban.vn".
_LINK_RE = re.compile(
    r"(?:[a-z][a-z0-9+.-]*:/{0,2}\S|www\.|@|[\w-]+\.(?:[a-z]{2,})(?:\b|/))",
    re.IGNORECASE,
)


def shared_article(request, article_id: int) -> ArticlePage:
    """The live, public article ``article_id`` of the request's portal, or 404.

    A restricted article (password, sign-in, groups) is a 404 here: its text must
    not leave through a PDF or a mail, and these pages are shared by caches.
    """
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("Không có cổng thông tin ở địa chỉ này.")
    article = (
        ArticlePage.objects.live()
        .public()
        .filter(pk=article_id, path__startswith=site.root_page.path)
        .first()
    )
    if article is None:
        raise Http404("Không tìm thấy bài viết.")
    return article


def canonical_url(article, request) -> str:
    """The full address of the article, or of its original when it is an alias
    shown on another portal (as the page's ``rel=canonical``)."""
    original = article.alias_of or article
    return original.get_full_url(request) or article.get_full_url(request)


class ShareForm(public_forms.HoneypotMixin, public_forms.ChallengeMixin, forms.Form):
    email = public_forms.PublicCharField(
        label="Thư điện tử người nhận",
        max_length=254,
        help_text="Địa chỉ chỉ dùng để gửi thư này, cổng không lưu lại.",
    )
    name = public_forms.PublicCharField(
        label="Tên của bạn",
        max_length=NAME_MAX_LENGTH,
        required=False,
        help_text=(
            "Không bắt buộc; ghi trong thư để người nhận biết ai gửi "
            f"(tối đa {NAME_MAX_LENGTH} ký tự, không ghi địa chỉ trang web)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.input_type = "email"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].error_messages["required"] = (
            "Vui lòng ghi thư điện tử của người nhận."
        )

    def clean_email(self):
        email = self.cleaned_data.get("email", "")
        try:
            validate_email(email)
        except forms.ValidationError:
            raise forms.ValidationError(
                "Địa chỉ thư điện tử không hợp lệ (ví dụ đúng: ten@example.vn)."
            ) from None
        return email.lower() if email.isascii() else email

    def clean_name(self):
        name = self.cleaned_data.get("name", "")
        if _LINK_RE.search(name):
            raise forms.ValidationError(
                "Tên không được chứa địa chỉ trang web hay thư điện tử."
            )
        return name


def share_message(article, request, *, recipient: str, name: str) -> EmailMessage:
    """The one mail a reader can send: fixed text around the article's own words."""
    agency = agency_for_request(request)
    context = {
        "article": article,
        "url": canonical_url(article, request),
        "name": name,
        "portal_name": agency.portal_name or request.get_host(),
    }
    subject = " ".join(render_to_string("news/share_mail_subject.txt", context).split())
    body = vietnamese.nfc(render_to_string("news/share_mail.txt", context))
    return EmailMessage(
        subject=vietnamese.nfc(subject)[:250],
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
    )


def _send_page(request, article, form, status=200):
    return TemplateResponse(
        request,
        "news/share_form.html",
        {"article": article, "article_url": article.get_url(request), "form": form},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def send(request, article_id):
    article = shared_article(request, article_id)
    require_challenge = public_forms.challenge_required(request, SCOPE)
    if request.method != "POST":
        return _send_page(
            request, article, ShareForm(require_challenge=require_challenge)
        )
    form = ShareForm(request.POST, require_challenge=require_challenge)
    if form.honeypot_tripped:
        return public_forms.honeypot_response(request)
    if not form.is_valid():
        return _send_page(request, article, form, status=400)
    recipient = form.cleaned_data["email"]
    try:
        public_forms.consume(request, SCOPE, contacts=[recipient])
    except public_forms.RateLimited as limited:
        return public_forms.rate_limited_response(request, limited)
    # Queued, not sent: TaskEmailBackend writes a task row for the mail worker.
    share_message(
        article, request, recipient=recipient, name=form.cleaned_data["name"]
    ).send()
    # 303: reloading the confirmation never posts the form again.
    return HttpResponseRedirect(
        reverse("news_sharing:sent", args=[article.pk]), status=303
    )


@require_safe
def sent(request, article_id):
    # The same page for everyone (no address, no name): it may be cached.
    article = shared_article(request, article_id)
    return TemplateResponse(
        request,
        "news/share_sent.html",
        {"article": article, "article_url": article.get_url(request)},
    )


def download_name(title: str) -> str:
    """``Content-Disposition`` for the PDF: an ASCII name for every client and the
    Vietnamese one (RFC 6266 ``filename*``) for those that read it."""
    slug = vietnamese.slugify(re.sub(r"\W+", " ", title))[:80].strip("-") or "bai-viet"
    readable = re.sub(r'[\\/:*?"<>|;\x00-\x1f]+', " ", vietnamese.nfc(title))
    readable = " ".join(readable.split())[:100] or "Bài viết"
    return (
        f'attachment; filename="{slug}.pdf"; '
        f"filename*=utf-8''{quote(readable + '.pdf', safe='')}"
    )


@require_safe
def save_pdf(request, article_id):
    # fpdf2 and fontTools are 4 MB of every worker's memory: loaded by the first
    # PDF a worker makes (most are served from the cache), not at start.
    from .pdf import article_pdf

    article = shared_article(request, article_id)
    content = article_pdf(
        article,
        source_url=canonical_url(article, request),
        agency=agency_for_request(request),
        host=request.get_host(),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = download_name(article.title)
    response["X-Content-Type-Options"] = "nosniff"
    return response
