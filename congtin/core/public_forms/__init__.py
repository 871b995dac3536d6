"""Safety for forms anyone on the internet may submit (questions, comments, ...).

Django only, no outside service. An app's public view uses these pieces::

    from congtin.core import public_forms as pf

    class CommentForm(pf.HoneypotMixin, pf.ChallengeMixin, forms.Form):
        name = pf.PublicCharField(label="Họ và tên", max_length=200)
        text = pf.PublicCharField(label="Nội dung", max_length=5000, multiline=True)
        files = pf.AttachmentsField(label="Tệp đính kèm", required=False)

    def submit(request):
        scope = "consultations.comment"
        form = CommentForm(request.POST or None, request.FILES or None,
                           require_challenge=pf.challenge_required(request, scope))
        if request.method == "POST":
            if form.honeypot_tripped:
                return pf.honeypot_response(request)
            if form.is_valid():
                try:
                    pf.consume(request, scope, contacts=[form.cleaned_data["email"]])
                except pf.RateLimited as limited:
                    return pf.rate_limited_response(request, limited)
                ...save in a transaction; store files with pf.store_attachment()...

What a caller may rely on:

- :func:`client_ip` - the address the trusted proxy saw: REMOTE_ADDR, or with
  ``CLIENT_IP_PROXY_COUNT`` (N proxies) the N-th X-Forwarded-For entry from the
  right, or with ``CLIENT_IP_HEADER`` ("X-Real-IP") that header. Validated and
  normalised with ``ipaddress``; never raises; "" when nothing usable.
- :func:`clean_text` / :class:`PublicCharField` - NFC, no NUL or other control
  characters (PostgreSQL refuses NUL), no lone surrogates, no spoofing characters
  (bidi overrides, zero-width, tags, stray marks; the rule is in
  ``congtin.core.vietnamese``), unified newlines, single line unless ``multiline``;
  length is checked after cleaning, Vietnamese messages.
- :class:`HoneypotMixin` - a hidden "website" field people never see; a filled one
  sets ``form.honeypot_tripped``; answer with :func:`honeypot_response` (400, a
  clear Vietnamese message, nothing saved).
- :func:`consume` - counts one submission per IP and per contact (email/phone) for a
  ``scope`` with :func:`hit`, so the limit holds across processes and app servers;
  raises :class:`RateLimited` when a count passes its limit. :func:`rate_limited_response` renders it (429, Retry-After).
  Settings: ``PUBLIC_FORMS_IP_LIMIT`` (10), ``PUBLIC_FORMS_CONTACT_LIMIT`` (5),
  ``PUBLIC_FORMS_WINDOW`` seconds (3600), ``PUBLIC_FORMS_CACHE`` ("default").
- :func:`hit` / :func:`count` / :func:`claim` - counters and "used once" markers
  that every app-server process shares: in ``PUBLIC_FORMS_CACHE`` when that is
  Redis or memcached, otherwise in the database (:mod:`.shared_counters`), never
  in one process's memory.
- :func:`challenge_required` + :class:`ChallengeMixin` - after
  ``PUBLIC_FORMS_CHALLENGE_AFTER`` (3) submissions from one IP in the window, the
  form carries a challenge no script can read off the page
  (:mod:`congtin.core.challenge`): a proof of work that the browser solves when
  the reader presses the send button (ALTCHA widget, served from our own static
  files), or, without JavaScript, a signed time lock that opens
  ``PUBLIC_FORMS_CHALLENGE_WAIT`` (20) seconds after the page was served. Each
  proof is accepted once.
- :func:`check_attachment` / :class:`AttachmentsField` - files judged by content,
  never by name: PDF (``%PDF-``), JPEG and PNG verified by Pillow. Settings
  ``PUBLIC_FORMS_MAX_ATTACHMENT_BYTES`` (5 MB), ``PUBLIC_FORMS_MAX_ATTACHMENTS`` (3).
- :func:`private_storage` - a FileSystemStorage at ``PRIVATE_MEDIA_ROOT`` (default
  BASE_DIR/"private_media"), refused when inside MEDIA_ROOT or STATIC_ROOT; no URL.
  Use it as ``FileField(storage=private_storage)``; :func:`store_attachment` gives a
  random name with the extension of the detected kind.
  :func:`private_file_response` serves one file as a download; the calling view
  checks who may see it (staff of the portal concerned).

The package is split by concern (config, addresses, text, rejections, honeypot,
ratelimits, challenges, uploads, storage); every name above is re-exported here, so
``from congtin.core import public_forms as pf`` is all a caller needs.
"""

from congtin.core.vietnamese import clean_text

from .addresses import (
    client_ip,
)
from .challenges import (
    ChallengeMixin,
    ChallengeWidget,
    RequiredChallenge,
    challenge_required,
)
from .config import (
    DEFAULTS,
    setting,
)
from .honeypot import (
    HoneypotMixin,
)
from .ratelimits import (
    RateLimited,
    check_lookups,
    claim,
    consume,
    count,
    hit,
    normalize_contact,
    rate_limited_response,
    record_failed_lookup,
    submissions_from_ip,
)
from .rejections import (
    HONEYPOT_MESSAGE,
    honeypot_response,
    rejected_response,
)
from .storage import (
    PrivateStorage,
    private_file_response,
    private_root,
    private_storage,
    safe_download_name,
    store_attachment,
)
from .text import (
    PublicCharField,
)
from .uploads import (
    ATTACHMENT_HELP,
    ATTACHMENT_KINDS,
    AttachmentsField,
    MultipleFileInput,
    check_attachment,
)

__all__ = [
    "DEFAULTS",
    "setting",
    "client_ip",
    "clean_text",
    "PublicCharField",
    "HONEYPOT_MESSAGE",
    "rejected_response",
    "honeypot_response",
    "HoneypotMixin",
    "RateLimited",
    "hit",
    "count",
    "claim",
    "normalize_contact",
    "consume",
    "check_lookups",
    "record_failed_lookup",
    "submissions_from_ip",
    "rate_limited_response",
    "RequiredChallenge",
    "challenge_required",
    "ChallengeWidget",
    "ChallengeMixin",
    "ATTACHMENT_KINDS",
    "ATTACHMENT_HELP",
    "check_attachment",
    "MultipleFileInput",
    "AttachmentsField",
    "private_root",
    "PrivateStorage",
    "private_storage",
    "store_attachment",
    "safe_download_name",
    "private_file_response",
]
