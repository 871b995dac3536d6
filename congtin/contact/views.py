"""The contact form page: the form, and the thank-you page with the reference.

Order of a POST, as the other public forms: honeypot (400), validation (400, the
form filled in again; a department of another portal is an invalid choice), rate
limit per address and contact (429), then one transaction storing the message and
queueing its two mails. Success redirects (POST, redirect, GET) to the same page
with ``?gui=<signed reference>``: the thank-you page reads the reference from the
signature, so nobody can make the portal say it received a message it did not.
"""

import logging

from django.core import signing
from django.db import DatabaseError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from wagtail.models import Site

from congtin.core import params, public_forms

from .forms import ContactForm
from .models import ContactMessage
from .notifications import queue_mails

logger = logging.getLogger(__name__)

SCOPE = "contact.send"
SENT_SALT = "congtin.contact.sent"
# The thank-you link works for an hour: long enough to read, print or reload it.
SENT_MAX_AGE = 3600
DEFAULT_PRIVACY_NOTICE = (
    "Họ tên, thư điện tử và số điện thoại của bạn chỉ dùng để phòng, ban nhận thư "
    "liên hệ lại với bạn; chỉ cán bộ của cơ quan được xem, không bao giờ công khai "
    "trên cổng. Thư được lưu có thời hạn rồi tự động xóa. Nếu ghi thư điện tử, bạn "
    "sẽ nhận một thư xác nhận kèm mã thư."
)


def contact_form(request, page):
    site = Site.find_for_request(request) or page.get_site()
    if request.method == "GET" and "gui" in request.GET:
        return _sent_page(request, page)
    require_challenge = public_forms.challenge_required(request, SCOPE)
    if request.method != "POST":
        form = ContactForm(site=site, require_challenge=require_challenge)
        return _form_page(request, page, form)
    form = ContactForm(request.POST, site=site, require_challenge=require_challenge)
    if form.honeypot_tripped:
        return public_forms.honeypot_response(request)
    if not form.is_valid():
        return _form_page(request, page, form, status=400)
    data = form.cleaned_data
    try:
        public_forms.consume(request, SCOPE, contacts=[data["email"], data["phone"]])
    except public_forms.RateLimited as limited:
        return public_forms.rate_limited_response(request, limited)
    try:
        with transaction.atomic():
            message = ContactMessage.objects.create(
                site=site,
                recipient=data["recipient"],
                department_name=data["recipient"].name,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                title=data["title"],
                text=data["text"],
            )
            queue_mails(message, request)
    except DatabaseError:
        logger.exception("contact message could not be saved")
        # The citizen keeps what they wrote: the same form, filled in, with an apology.
        return _form_page(request, page, form, status=503, database_error=True)
    token = signing.dumps(message.reference, salt=SENT_SALT)
    return redirect(f"{page.get_url(request)}?gui={token}")


def _context(request, page, **extra):
    return {**page.get_context(request), **extra}


def _form_page(request, page, form, status=200, database_error=False):
    context = _context(
        request,
        page,
        form=form,
        has_recipients=form.fields["recipient"].queryset.exists(),
        privacy_notice=page.privacy_notice or DEFAULT_PRIVACY_NOTICE,
        database_error=database_error,
    )
    return TemplateResponse(
        request, "contact/contact_form_page.html", context, status=status
    )


def _sent_page(request, page):
    raw = params.text(request.GET, "gui", "Mã thư", max_length=200)
    try:
        reference = signing.loads(raw, salt=SENT_SALT, max_age=SENT_MAX_AGE)
    except signing.SignatureExpired:
        raise params.BadParameter(
            "Trang xác nhận này đã hết hạn. Mã thư đã được gửi trong thư xác nhận "
            "(nếu bạn ghi thư điện tử).",
            "gui",
        ) from None
    except signing.BadSignature:
        raise params.BadParameter(
            "Đường dẫn xác nhận không đúng. Vui lòng kiểm tra lại đường dẫn.", "gui"
        ) from None
    message = (
        ContactMessage.objects.filter(reference=reference)
        .only("reference", "department_name", "email")
        .first()
    )
    response = TemplateResponse(
        request,
        "contact/contact_sent.html",
        _context(request, page, reference=reference, message=message),
    )
    # The reference is the sender's alone: never kept by the page cache or a proxy.
    patch_cache_control(response, no_store=True, private=True)
    return response
