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
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import logging
import math
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxLengthValidator
from django.http import FileResponse
from django.shortcuts import render

from congtin.core import shared_counters
from congtin.core.vietnamese import strip_spoofing_characters

logger = logging.getLogger(__name__)

# --- settings, read on every call so tests and deployments can change them --------

DEFAULTS = {
    "PUBLIC_FORMS_IP_LIMIT": 10,
    "PUBLIC_FORMS_CONTACT_LIMIT": 5,
    "PUBLIC_FORMS_WINDOW": 3600,
    "PUBLIC_FORMS_CHALLENGE_AFTER": 3,
    # Proof of work (congtin.core.challenge): PBKDF2 iterations per attempt, and
    # the most attempts a browser may need (a third of it at least).
    "PUBLIC_FORMS_POW_COST": 5000,
    "PUBLIC_FORMS_POW_ATTEMPTS": 300,
    # Time lock without JavaScript: seconds between serving the form and accepting it.
    "PUBLIC_FORMS_CHALLENGE_WAIT": 20,
    "PUBLIC_FORMS_CACHE": "default",
    "PUBLIC_FORMS_TRUST_X_FORWARDED_FOR": False,
    "PUBLIC_FORMS_MAX_ATTACHMENT_BYTES": 5 * 1024 * 1024,
    "PUBLIC_FORMS_MAX_ATTACHMENTS": 3,
    # Lookups by a code that does not exist (tracking codes), per IP and window.
    "PUBLIC_FORMS_FAILED_LOOKUP_LIMIT": 20,
}


def setting(name: str):
    """The value of a PUBLIC_FORMS_* setting, or its documented default."""
    return getattr(settings, name, DEFAULTS[name])


# --- client IP ----------------------------------------------------------------------


def client_ip(request) -> str:
    """The submitter's IP address as this server can trust it; "" if none.

    Without a proxy configured it is REMOTE_ADDR: headers are written by whoever
    sends the request. Behind proxies, set either

    - ``CLIENT_IP_PROXY_COUNT`` (N): how many proxies append the address they saw
      to X-Forwarded-For (nginx's ``$proxy_add_x_forwarded_for``); the N-th entry
      from the right is the client, and whatever the client wrote itself is to the
      left of it, never read; or
    - ``CLIENT_IP_HEADER``: a header the nearest proxy always overwrites with the
      client's address ("X-Real-IP"); when it holds a list, its last entry.

    The result is a normalised address (``ipaddress``; IPv4-mapped IPv6 as IPv4),
    so one client is one rate-limit bucket however it is written. A missing or
    malformed value falls back to REMOTE_ADDR. Never raises, whatever the
    request or the settings hold. The replaced ``PUBLIC_FORMS_TRUST_X_FORWARDED_FOR
    = True`` still reads as one proxy.
    """
    remote = _valid_ip(request.META.get("REMOTE_ADDR", ""))
    header = _client_ip_header()
    if header:
        forwarded = request.META.get(header, "")
        if isinstance(forwarded, str) and forwarded.strip():
            found = _valid_ip(forwarded.rsplit(",", 1)[-1])
            if found:
                return found
        return remote
    count = _proxy_count()
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not isinstance(forwarded, str):
        return remote
    if count:
        entries = forwarded.split(",")
        # Fewer entries than proxies: the outer ones were bypassed, and every
        # entry present was written by a proxy, so the left-most is the best known.
        found = _valid_ip(entries[max(len(entries) - count, 0)])
        return found or remote
    if forwarded and remote and _is_internal(remote):
        _warn_unconfigured_proxy(remote)
    return remote


# Longest textual IPv6 with a zone and port is well under this; longer is junk.
_MAX_IP_TEXT = 100


def _valid_ip(text) -> str:
    """``text`` as a normalised IP address, or ""; an optional port is dropped."""
    if not isinstance(text, str) or len(text) > _MAX_IP_TEXT:
        return ""
    text = text.strip()
    candidates = [text]
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        candidates = [text[1 : text.index("]")]]
    elif text.count(":") == 1:  # "198.51.100.7:51234"
        candidates.append(text.split(":", 1)[0])
    for candidate in candidates:
        try:
            address = ipaddress.ip_address(candidate)
        except ValueError:
            continue
        if address.version == 6 and address.ipv4_mapped:
            address = address.ipv4_mapped
        return str(address)
    return ""


def _is_internal(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return ip.is_loopback or ip.is_private


def _proxy_count() -> int:
    count = getattr(settings, "CLIENT_IP_PROXY_COUNT", 0)
    try:
        count = max(int(count or 0), 0)
    except (TypeError, ValueError):
        count = 0
    if not count and setting("PUBLIC_FORMS_TRUST_X_FORWARDED_FOR"):
        # The old switch was meant for one nginx in front; it used to read the
        # first entry, which the client writes, so it now means one proxy.
        count = 1
    return count


def _client_ip_header() -> str:
    """``CLIENT_IP_HEADER`` as a request.META key ("X-Real-IP" -> HTTP_X_REAL_IP)."""
    name = getattr(settings, "CLIENT_IP_HEADER", "")
    if not isinstance(name, str) or not name.strip():
        return ""
    name = name.strip().upper().replace("-", "_")
    return name if name.startswith("HTTP_") else "HTTP_" + name


_warned_about_proxy = False


def _warn_unconfigured_proxy(remote: str) -> None:
    # Every citizen then shares the proxy's rate-limit bucket, which fails
    # silently; once per process is enough to be seen in the logs.
    global _warned_about_proxy
    if _warned_about_proxy:
        return
    _warned_about_proxy = True
    logger.warning(
        "Requests arrive from %s with X-Forwarded-For, but neither "
        "CLIENT_IP_PROXY_COUNT nor CLIENT_IP_HEADER is set: every client behind "
        "that proxy shares one rate limit (see docs/deployment.md).",
        remote,
    )


# --- text ---------------------------------------------------------------------------

# C0/C1 controls and the BOM; tab and newline are kept for multi-line text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Unicode's line and paragraph separators break lines as newlines do.
_NEWLINE = re.compile("\r\n|[\r\u2028\u2029]")


def clean_text(value, multiline: bool = False) -> str:
    """``value`` as text congtin can store and show: NFC, no control characters,
    nothing that shows other than it is (bidi overrides, zero-width and tag
    characters, stray or piled-up marks: see ``strip_spoofing_characters``).

    Markup is kept as typed (it is text; templates escape it). Single-line text has
    its line breaks and tabs turned into spaces.
    """
    if value is None:
        return ""
    text = str(value)
    text = _SURROGATE.sub("", text)
    text = _NEWLINE.sub("\n", text)
    text = _CONTROL.sub("", text)
    if not multiline:
        text = re.sub(r"[\n\t]+", " ", text)
    return strip_spoofing_characters(text).strip()


class PublicCharField(forms.CharField):
    """A CharField that cleans with :func:`clean_text` and then checks the length."""

    def __init__(self, *args, multiline: bool = False, **kwargs):
        self.multiline = multiline
        if multiline:
            kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8}))
        kwargs.setdefault("strip", False)
        super().__init__(*args, **kwargs)
        self.error_messages["required"] = "Vui lòng điền mục này."
        # Django's MaxLengthValidator would repeat validate()'s message in English.
        self.validators = [
            v for v in self.validators if not isinstance(v, MaxLengthValidator)
        ]

    def to_python(self, value):
        value = super().to_python(value)
        return clean_text(value, self.multiline)

    def validate(self, value):
        super().validate(value)
        if self.max_length is not None and len(value) > self.max_length:
            raise ValidationError(
                f"Tối đa {self.max_length} ký tự (đang có {len(value)}).",
                code="max_length",
            )

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # The browser limit would cut pasted text silently; the server says why.
        attrs.pop("maxlength", None)
        return attrs


# --- rejection pages ----------------------------------------------------------------

HONEYPOT_MESSAGE = (
    "Không thể nhận nội dung này: biểu mẫu có một ô ẩn đã bị điền, dấu hiệu của "
    "chương trình gửi tự động. Nếu bạn tự gửi, vui lòng tải lại trang và gửi lại."
)


def rejected_response(request, message: str, status: int, headers=None):
    """A portal page with ``message`` (plain text) and ``status``."""
    response = render(
        request,
        "core/public_form_rejected.html",
        {"message": message, "status": status},
        status=status,
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def honeypot_response(request):
    """400 with :data:`HONEYPOT_MESSAGE`; the caller saves nothing."""
    logger.info("public form honeypot filled from %s", client_ip(request))
    return rejected_response(request, HONEYPOT_MESSAGE, 400)


# --- honeypot -----------------------------------------------------------------------


class HoneypotMixin:
    """Adds a hidden field that people never see nor fill (``honeypot_field``).

    Check ``form.honeypot_tripped`` before ``is_valid()`` and answer with
    :func:`honeypot_response`. The field is hidden with CSS and ``aria-hidden`` and
    skipped by keyboard navigation; its label tells screen-reader users to leave it.
    """

    honeypot_field = "website"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_field] = forms.CharField(
            label="Để trống ô này",
            required=False,
            widget=forms.TextInput(
                attrs={"tabindex": "-1", "autocomplete": "off", "class": "hp-field"}
            ),
        )

    @property
    def honeypot_tripped(self) -> bool:
        return bool(self.is_bound and str(self.data.get(self.honeypot_field, "")))


# --- rate limits --------------------------------------------------------------------


class RateLimited(Exception):
    """Too many submissions; ``message`` is Vietnamese, ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


def _cache():
    return caches[setting("PUBLIC_FORMS_CACHE")]


# Modules of the cache backends whose add/incr are atomic and shared by every
# app-server process (django-redis, Django's Redis and memcached backends).
_SHARED_CACHE_MODULES = ("redis", "memcached")


def _shared_cache():
    """The ``PUBLIC_FORMS_CACHE`` cache when all processes share it (Redis,
    memcached); None for a per-process one (local memory, the default), whose
    counts would double with every worker: those go to the database instead."""
    cache = _cache()
    module = type(cache).__module__.lower()
    return cache if any(name in module for name in _SHARED_CACHE_MODULES) else None


def _key(scope: str, kind: str, value: str) -> str:
    # Hashing keeps keys short and valid for memcached whatever the value holds.
    digest = hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()[:32]
    return f"public_forms:{scope}:{kind}:{digest}"


def hit(key: str, window: int, cache=None) -> int:
    """Add one to the counter ``key`` (created for ``window`` seconds); new value.

    Every app-server process sees the same count: with a shared cache through
    ``cache.add`` + ``cache.incr`` (atomic on Redis and memcached), otherwise in
    the database (:mod:`congtin.core.shared_counters`, one atomic statement).
    """
    cache = cache or _shared_cache()
    if cache is None:
        return shared_counters.hit(key, window)
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:
        # Expired between add and incr: this hit starts a new window.
        cache.add(key, 1, timeout=window)
        return 1


def count(key: str, cache=None) -> int:
    cache = cache or _shared_cache()
    if cache is None:
        return shared_counters.value(key)
    return int(cache.get(key) or 0)


def claim(key: str, ttl: int, cache=None) -> bool:
    """True for the first caller of ``key`` within ``ttl`` seconds, in any
    process; the "used once" marker of a challenge solution."""
    cache = cache or _shared_cache()
    if cache is None:
        return shared_counters.claim(key, ttl)
    return bool(cache.add(key, 1, timeout=ttl))


def normalize_contact(value: str) -> str:
    """Emails lowercased; phone numbers reduced to digits (+84 → 0)."""
    value = clean_text(value).lower()
    if "@" in value:
        return value
    digits = re.sub(r"\D", "", value)
    if digits.startswith("84") and len(digits) > 9:
        digits = "0" + digits[2:]
    return digits


def _minutes(seconds: int) -> int:
    return max(1, math.ceil(seconds / 60))


def consume(request, scope: str, contacts=(), cache=None) -> None:
    """Count one submission for ``scope`` from this IP and each non-empty contact.

    Raises :class:`RateLimited` when the IP passed ``PUBLIC_FORMS_IP_LIMIT`` or a
    contact passed ``PUBLIC_FORMS_CONTACT_LIMIT`` within ``PUBLIC_FORMS_WINDOW``.
    Call it once the form is valid and before saving.
    """
    window = int(setting("PUBLIC_FORMS_WINDOW"))
    over = False
    ip = client_ip(request)
    if ip:
        over |= hit(_key(scope, "ip", ip), window, cache) > setting(
            "PUBLIC_FORMS_IP_LIMIT"
        )
    for contact in {normalize_contact(c) for c in contacts if c}:
        if contact:
            over |= hit(_key(scope, "contact", contact), window, cache) > setting(
                "PUBLIC_FORMS_CONTACT_LIMIT"
            )
    if over:
        raise RateLimited(
            "Bạn đã gửi quá nhiều lần trong thời gian ngắn. Nội dung lần này chưa "
            f"được nhận; vui lòng thử lại sau khoảng {_minutes(window)} phút.",
            retry_after=window,
        )


def check_lookups(request, scope: str, cache=None) -> None:
    """Raise :class:`RateLimited` when this IP has looked up too many codes that do
    not exist within ``PUBLIC_FORMS_WINDOW``: guessing codes stops long before it
    could find one, while a reader who types their own code is never held back."""
    ip = client_ip(request)
    if ip and count(_key(scope, "miss", ip), cache) >= setting(
        "PUBLIC_FORMS_FAILED_LOOKUP_LIMIT"
    ):
        window = int(setting("PUBLIC_FORMS_WINDOW"))
        raise RateLimited(
            "Bạn đã tra cứu quá nhiều mã không đúng trong thời gian ngắn. Vui lòng "
            f"kiểm tra lại mã và thử lại sau khoảng {_minutes(window)} phút.",
            retry_after=window,
        )


def record_failed_lookup(request, scope: str, cache=None) -> None:
    ip = client_ip(request)
    if ip:
        hit(_key(scope, "miss", ip), int(setting("PUBLIC_FORMS_WINDOW")), cache)


def submissions_from_ip(request, scope: str, cache=None) -> int:
    """How many submissions this IP made for ``scope`` in the current window."""
    ip = client_ip(request)
    return count(_key(scope, "ip", ip), cache) if ip else 0


def rate_limited_response(request, limited: RateLimited):
    """429 with the Vietnamese message and a Retry-After header."""
    return rejected_response(
        request, limited.message, 429, {"Retry-After": str(limited.retry_after)}
    )


# --- challenge ----------------------------------------------------------------------


@dataclass
class RequiredChallenge:
    """A challenge is due on this form: for whom (the request) and which form."""

    request: object
    scope: str


def challenge_required(request, scope: str) -> RequiredChallenge | None:
    """A :class:`RequiredChallenge` (true) once this IP made
    ``PUBLIC_FORMS_CHALLENGE_AFTER`` submissions for ``scope``, else None; pass it
    to the form as ``require_challenge``."""
    after = setting("PUBLIC_FORMS_CHALLENGE_AFTER")
    if after is not None and submissions_from_ip(request, scope) >= after:
        return RequiredChallenge(request, scope)
    return None


class ChallengeWidget(forms.Widget):
    """The ALTCHA widget with its challenge, and the time lock explained for
    readers without JavaScript; the widget posts its own hidden input."""

    template_name = "core/widgets/challenge.html"

    def __init__(self, challenge: dict, wait: int, attrs=None):
        super().__init__(attrs)
        self.challenge, self.wait = challenge, wait

    def get_context(self, name, value, attrs):
        context = super().get_context(name, None, attrs)
        context["widget"]["challenge_json"] = json.dumps(
            self.challenge, separators=(",", ":")
        )
        context["widget"]["wait"] = self.wait
        return context

    def value_from_datadict(self, data, files, name):
        return str(data.get(name, ""))


class ChallengeMixin:
    """Adds the challenge of :mod:`congtin.core.challenge` when built with
    ``require_challenge=challenge_required(request, scope)``.

    Two fields: ``altcha`` (the widget; the browser's proof of work) and
    ``challenge_wait`` (hidden; the time lock for readers without JavaScript). The
    challenge is checked only once every other field is valid, so a form refused
    for another reason spends nothing; a refused challenge is an error on
    ``altcha``, the page shown again carries a new challenge, and the reader's
    time lock keeps counting from the first page while it is still good.
    """

    challenge_field = "altcha"
    wait_field = "challenge_wait"

    def __init__(self, *args, require_challenge=None, **kwargs):
        super().__init__(*args, **kwargs)
        if require_challenge is True:
            raise TypeError(
                "Pass the value of challenge_required(request, scope) as "
                "require_challenge: the challenge is bound to the request."
            )
        self.challenge_active = bool(require_challenge)
        if not self.challenge_active:
            return
        # Imported here: congtin.core.challenge builds on this module.
        from congtin.core import challenge

        self._required = require_challenge
        request, scope = require_challenge.request, require_challenge.scope
        self.fields[self.challenge_field] = forms.CharField(
            label="Kiểm tra chống gửi tự động",
            required=False,
            help_text="Khi bạn bấm nút gửi, trình duyệt tự làm một phép tính nhỏ "
            "(khoảng một giây) để chứng tỏ người gửi không phải chương trình tự "
            "động; bạn không phải làm gì thêm.",
            widget=ChallengeWidget(
                challenge.new_pow_challenge(scope), challenge.wait_seconds()
            ),
        )
        self.fields[self.wait_field] = forms.CharField(
            required=False, widget=forms.HiddenInput
        )
        if not self.is_bound:
            self.initial[self.wait_field] = challenge.new_wait_token(request, scope)
            return
        self._submitted_proof = str(self.data.get(self.challenge_field, ""))
        self._submitted_token = str(self.data.get(self.wait_field, ""))
        self._had_challenge = (
            self.challenge_field in self.data or self.wait_field in self.data
        )
        # The page shown after this request keeps the reader's time lock while it
        # is good, so their wait counts from the first page they were given.
        self.data = self.data.copy()
        if not challenge.reusable_wait_token(self._submitted_token, request, scope):
            self.data[self.wait_field] = challenge.new_wait_token(request, scope)

    def _post_clean(self):
        super()._post_clean()
        if not self.challenge_active or not self.is_bound or self._errors:
            return
        from congtin.core import challenge

        request, scope = self._required.request, self._required.scope
        if not self._had_challenge:
            # The page had no challenge: it became due since (others at this
            # address sent forms meanwhile). The page shown again has one.
            self.add_error(self.challenge_field, challenge.newly_required_message())
            return
        if self._submitted_proof:
            message = challenge.check_pow(self._submitted_proof, scope)
        else:
            message = challenge.check_wait_token(
                self._submitted_token, request, scope
            ).message
        if message is None:
            # Spent: a page shown again (a refusal after this) needs a new token.
            self.data[self.wait_field] = challenge.new_wait_token(request, scope)
            return
        self.add_error(self.challenge_field, message)


# --- attachments --------------------------------------------------------------------

ATTACHMENT_KINDS = {
    "pdf": ("application/pdf", ".pdf"),
    "jpeg": ("image/jpeg", ".jpg"),
    "png": ("image/png", ".png"),
}
ATTACHMENT_HELP = "Tệp PDF hoặc ảnh JPEG, PNG"


def _size_text(size: int) -> str:
    from congtin.core.vietnamese import format_number

    return f"{format_number(round(size / (1024 * 1024), 1))} MB"


def check_attachment(upload) -> str:
    """The kind of ``upload`` ("pdf", "jpeg", "png") read from its bytes.

    Raises ValidationError (Vietnamese) when it is empty, too large, or anything
    else - whatever its name or declared content type says.
    """
    name = clean_text(getattr(upload, "name", "") or "tệp")[:100]
    size = upload.size or 0
    limit = setting("PUBLIC_FORMS_MAX_ATTACHMENT_BYTES")
    if size == 0:
        raise ValidationError(f"Tệp “{name}” rỗng.", code="empty")
    if size > limit:
        raise ValidationError(
            f"Tệp “{name}” lớn {_size_text(size)}, vượt giới hạn {_size_text(limit)}.",
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    try:
        from PIL import Image

        with Image.open(upload) as image:
            kind = (image.format or "").lower()
            image.verify()
    except Exception:
        kind = ""
    finally:
        upload.seek(0)
    if kind in ("jpeg", "png"):
        return kind
    raise ValidationError(
        f"Tệp “{name}” không phải PDF hoặc ảnh JPEG, PNG hợp lệ "
        "(hệ thống đọc nội dung tệp, không dựa vào tên tệp).",
        code="bad_kind",
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files, each checked by :func:`check_attachment`; at most
    ``PUBLIC_FORMS_MAX_ATTACHMENTS``. ``cleaned_data`` holds ``[(upload, kind)]``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        )
        kwargs.setdefault("help_text", self.default_help())
        super().__init__(*args, **kwargs)

    @staticmethod
    def default_help() -> str:
        return (
            f"{ATTACHMENT_HELP}; tối đa {setting('PUBLIC_FORMS_MAX_ATTACHMENTS')} tệp, "
            f"mỗi tệp không quá "
            f"{_size_text(setting('PUBLIC_FORMS_MAX_ATTACHMENT_BYTES'))}."
        )

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        files = [f for f in files if f]
        if not files:
            if self.required:
                raise ValidationError("Vui lòng đính kèm tệp.", code="required")
            return []
        limit = setting("PUBLIC_FORMS_MAX_ATTACHMENTS")
        if len(files) > limit:
            raise ValidationError(
                f"Chỉ được đính kèm tối đa {limit} tệp (đã chọn {len(files)}).",
                code="too_many",
            )
        errors, checked = [], []
        for upload in files:
            try:
                checked.append((upload, check_attachment(upload)))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return checked


# --- private storage ----------------------------------------------------------------


def private_root() -> Path:
    root = Path(
        getattr(settings, "PRIVATE_MEDIA_ROOT", None)
        or Path(settings.BASE_DIR) / "private_media"
    ).resolve()
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if public and root.is_relative_to(Path(public).resolve()):
            raise ImproperlyConfigured(
                f"PRIVATE_MEDIA_ROOT ({root}) must not be inside {name} ({public})."
            )
    return root


class PrivateStorage(FileSystemStorage):
    """Files outside the web root, with no public URL."""

    def __init__(self):
        super().__init__(location=str(private_root()), base_url=None)

    def url(self, name):
        raise ValueError("Private files have no public URL.")


def private_storage() -> PrivateStorage:
    """For ``FileField(storage=private_storage)``: evaluated at use, so settings
    (tests' temporary directory) apply and migrations never record a path."""
    return PrivateStorage()


def store_attachment(upload, kind: str) -> str:
    """A random file name for ``upload`` with the detected kind's extension; the
    citizen's own name is never used as a path."""
    return f"{secrets.token_hex(16)}{ATTACHMENT_KINDS[kind][1]}"


def safe_download_name(name: str, kind: str) -> str:
    """The citizen's file name, cleaned for a Content-Disposition header."""
    stem = Path(clean_text(name)).stem
    stem = unicodedata.normalize("NFC", stem)
    stem = re.sub(r'[\\/:*?"<>|;]+', "_", stem).strip(" ._") or "tep-dinh-kem"
    return f"{stem[:80]}{ATTACHMENT_KINDS[kind][1]}"


def private_file_response(fieldfile, download_name: str, kind: str):
    """Serve a private file as a download; the caller has checked permissions.

    Always an attachment with the content type of the detected kind, ``nosniff``
    and a sandboxing CSP, so a hostile file cannot run in the portal's origin.
    """
    response = FileResponse(
        fieldfile.open("rb"),
        as_attachment=True,
        filename=safe_download_name(download_name, kind),
        content_type=ATTACHMENT_KINDS[kind][0],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
