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

- :func:`client_ip` - REMOTE_ADDR; the first X-Forwarded-For entry only when
  ``PUBLIC_FORMS_TRUST_X_FORWARDED_FOR`` is true (the app runs behind a proxy that
  sets it). Never raises; "" when nothing usable.
- :func:`clean_text` / :class:`PublicCharField` - NFC, no NUL or other control
  characters (PostgreSQL refuses NUL), no lone surrogates, unified newlines, single
  line unless ``multiline``; length is checked after cleaning, Vietnamese messages.
- :class:`HoneypotMixin` - a hidden "website" field people never see; a filled one
  sets ``form.honeypot_tripped``; answer with :func:`honeypot_response` (400, a
  clear Vietnamese message, nothing saved).
- :func:`consume` - counts one submission per IP and per contact (email/phone) for a
  ``scope`` in the Django cache with ``cache.add`` + ``cache.incr`` (atomic on Redis,
  so the limit holds across app servers); raises :class:`RateLimited` when a count
  passes its limit. :func:`rate_limited_response` renders it (429, Retry-After).
  Settings: ``PUBLIC_FORMS_IP_LIMIT`` (10), ``PUBLIC_FORMS_CONTACT_LIMIT`` (5),
  ``PUBLIC_FORMS_WINDOW`` seconds (3600), ``PUBLIC_FORMS_CACHE`` ("default").
- :func:`challenge_required` + :class:`ChallengeMixin` - after
  ``PUBLIC_FORMS_CHALLENGE_AFTER`` (3) submissions from one IP in the window, the
  form asks a small arithmetic question in Vietnamese. The question travels signed
  in a hidden field (no session) and each one can be answered once.
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
from django.core.signing import BadSignature, TimestampSigner
from django.core.validators import MaxLengthValidator
from django.http import FileResponse
from django.shortcuts import render
from django.utils.crypto import constant_time_compare, salted_hmac

from congtin.core.vietnamese import nfc

logger = logging.getLogger(__name__)

# --- settings, read on every call so tests and deployments can change them --------

DEFAULTS = {
    "PUBLIC_FORMS_IP_LIMIT": 10,
    "PUBLIC_FORMS_CONTACT_LIMIT": 5,
    "PUBLIC_FORMS_WINDOW": 3600,
    "PUBLIC_FORMS_CHALLENGE_AFTER": 3,
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
    """The submitter's IP address as this server can trust it.

    X-Forwarded-For is set by whoever sends the request, so it is read only when
    ``PUBLIC_FORMS_TRUST_X_FORWARDED_FOR`` says a proxy in front rewrites it.
    """
    if setting("PUBLIC_FORMS_TRUST_X_FORWARDED_FOR"):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        first = forwarded.split(",")[0].strip()
        if first and len(first) <= 45:
            return first
    return request.META.get("REMOTE_ADDR", "")[:45]


# --- text ---------------------------------------------------------------------------

# C0/C1 controls and the BOM; tab and newline are kept for multi-line text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(value, multiline: bool = False) -> str:
    """``value`` as text congtin can store and show: NFC, no control characters.

    Markup is kept as typed (it is text; templates escape it). Single-line text has
    its line breaks and tabs turned into spaces.
    """
    if value is None:
        return ""
    text = str(value)
    text = _SURROGATE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if not multiline:
        text = re.sub(r"[\n\t]+", " ", text)
    return nfc(text).strip()


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


def _key(scope: str, kind: str, value: str) -> str:
    # Hashing keeps keys short and valid for memcached whatever the value holds.
    digest = hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()[:32]
    return f"public_forms:{scope}:{kind}:{digest}"


def hit(key: str, window: int, cache=None) -> int:
    """Add one to the counter ``key`` (created for ``window`` seconds); new value.

    ``cache.add`` creates the counter only when missing and ``cache.incr`` is atomic
    on Redis and memcached, so two servers counting at once never lose a hit.
    """
    cache = cache or _cache()
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:
        # Expired between add and incr: this hit starts a new window.
        cache.add(key, 1, timeout=window)
        return 1


def count(key: str, cache=None) -> int:
    return int((cache or _cache()).get(key) or 0)


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

_NUMBERS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_CHALLENGE_SALT = "congtin.public_forms.challenge"
CHALLENGE_MAX_AGE = 3600


def challenge_required(request, scope: str) -> bool:
    """True once this IP made ``PUBLIC_FORMS_CHALLENGE_AFTER`` submissions."""
    after = setting("PUBLIC_FORMS_CHALLENGE_AFTER")
    return after is not None and submissions_from_ip(request, scope) >= after


@dataclass
class Challenge:
    question: str
    token: str


def _answer_mac(nonce: str, answer: int) -> str:
    return salted_hmac(_CHALLENGE_SALT, f"{nonce}:{answer}").hexdigest()[:20]


def new_challenge() -> Challenge:
    """A small sum written in words ("Bảy cộng hai bằng bao nhiêu?")."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    nonce = secrets.token_urlsafe(12)
    # The token carries a keyed hash of the answer, never the answer itself.
    token = TimestampSigner(salt=_CHALLENGE_SALT).sign(
        f"{nonce}:{_answer_mac(nonce, a + b)}"
    )
    question = f"{_NUMBERS[a].capitalize()} cộng {_NUMBERS[b]} bằng bao nhiêu?"
    return Challenge(question, token)


def check_challenge(token: str, answer) -> bool:
    """True when ``answer`` solves the signed question, once per question."""
    try:
        payload = TimestampSigner(salt=_CHALLENGE_SALT).unsign(
            str(token), max_age=CHALLENGE_MAX_AGE
        )
        nonce, expected = payload.rsplit(":", 1)
    except (BadSignature, ValueError):
        return False
    given = clean_text(answer)
    # isascii: str.isdigit() also accepts "²", which int() refuses.
    if not (given.isascii() and given.isdigit()) or len(given) > 3:
        return False
    if not constant_time_compare(_answer_mac(nonce, int(given)), expected):
        return False
    # The first correct use wins; replaying a solved question fails.
    return _cache().add(f"public_forms:challenge-used:{nonce}", 1, CHALLENGE_MAX_AGE)


class ChallengeMixin:
    """Adds the arithmetic question when built with ``require_challenge=True``.

    A wrong or replayed answer is a field error, and the form shows a new question.
    """

    def __init__(self, *args, require_challenge: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.challenge_active = require_challenge
        if require_challenge:
            challenge = new_challenge()
            self.fields["challenge_token"] = forms.CharField(
                required=False, widget=forms.HiddenInput
            )
            self.fields["challenge_answer"] = forms.CharField(
                label=f"Câu hỏi kiểm tra: {challenge.question} (trả lời bằng số)",
                max_length=10,
                required=True,
                error_messages={"required": "Vui lòng trả lời câu hỏi kiểm tra."},
                help_text="Vì địa chỉ của bạn vừa gửi nhiều lần, vui lòng trả lời "
                "câu hỏi này để chúng tôi biết người gửi không phải máy.",
            )
            self._challenge = challenge
            if self.is_bound:
                self._submitted_token = self.data.get("challenge_token", "")
                self._submitted_answer = self.data.get("challenge_answer", "")
                # The page shown after this request carries a fresh question; the
                # answer is checked from the values kept above.
                self.data = self.data.copy()
                self.data["challenge_token"] = challenge.token
                self.data["challenge_answer"] = self._submitted_answer
            else:
                self.initial["challenge_token"] = challenge.token

    def clean(self):
        cleaned = super().clean()
        if self.challenge_active and self.is_bound:
            # Any page shown again asks the new question, with an empty answer.
            self.data["challenge_answer"] = ""
            if not check_challenge(self._submitted_token, self._submitted_answer):
                self.add_error(
                    "challenge_answer",
                    "Câu trả lời kiểm tra chưa đúng hoặc đã hết hạn; vui lòng trả lời "
                    "câu hỏi mới.",
                )
        return cleaned


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
