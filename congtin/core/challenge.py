"""The anti-robot challenge of the public forms: proof of work, or a time lock.

Nothing here can be read off the page. With JavaScript the reader's browser pays a
small proof of work (ALTCHA, https://altcha.org: the ``altcha`` library on the
server, the widget vendored in ``core/static/core/vendor/altcha/``): the page holds a
signed challenge, and the browser must find by trial the one counter whose
PBKDF2-SHA-256 key starts with the given prefix. Without JavaScript (or where the
widget cannot run) the form carries a signed time lock: it is accepted only once
``PUBLIC_FORMS_CHALLENGE_WAIT`` seconds have passed since the page was served, from
the same address. Either proof is accepted once; replays are refused through
:func:`congtin.core.public_forms.claim`, which every app-server process shares.

What a caller may rely on:

- :func:`new_pow_challenge` - the challenge for the widget (a dict, JSON-ready),
  signed with a key derived from SECRET_KEY, expiring after :data:`MAX_AGE`.
- :func:`check_pow` - None when the base64 payload the widget posted solves an
  unexpired challenge of this ``scope`` for the first time, else a Vietnamese
  message.
- :func:`new_wait_token` / :func:`check_wait_token` - the time lock (see there).

Difficulty: ``PUBLIC_FORMS_POW_COST`` PBKDF2 iterations per attempt (5000) and a
solution somewhere between a third of ``PUBLIC_FORMS_POW_ATTEMPTS`` (300) and all
of it, about 1 million iterations on average: well under a second on a current
phone with the widget's Web Workers, one derivation (a few milliseconds) for the
server to check.
"""

from __future__ import annotations

import logging
import math
import secrets
import time
from dataclasses import dataclass

import altcha
from django.core.signing import BadSignature, Signer
from django.utils.crypto import constant_time_compare, salted_hmac

from congtin.core import public_forms

logger = logging.getLogger(__name__)

ALGORITHM = "PBKDF2/SHA-256"
#: Seconds a challenge or a time-lock token stays valid.
MAX_AGE = 3600
#: A real payload is about 700 characters; anything much longer is not one.
MAX_PAYLOAD_CHARS = 4000
_SALT = "congtin.core.challenge"

POW_INVALID = (
    "Không xác nhận được bước kiểm tra chống gửi tự động. Vui lòng bấm nút gửi lần "
    "nữa; nội dung bạn đã viết vẫn được giữ."
)
POW_EXPIRED = (
    "Bước kiểm tra chống gửi tự động đã hết hạn. Vui lòng bấm nút gửi lần nữa; nội "
    "dung bạn đã viết vẫn được giữ."
)
ALREADY_USED = (
    "Bước kiểm tra này đã được dùng cho một lần gửi khác. Vui lòng bấm nút gửi lần "
    "nữa; nội dung bạn đã viết vẫn được giữ."
)


def _secret(purpose: str) -> str:
    # Keys of their own, derived from SECRET_KEY: nothing signed here can stand in
    # for a session, a password reset or another form's token.
    return salted_hmac(_SALT, purpose).hexdigest()


def wait_seconds() -> int:
    return int(public_forms.setting("PUBLIC_FORMS_CHALLENGE_WAIT"))


# --- proof of work (ALTCHA) -----------------------------------------------------------


def new_pow_challenge(scope: str) -> dict:
    """A signed ALTCHA challenge for one form of ``scope``, as the widget reads it."""
    cost = int(public_forms.setting("PUBLIC_FORMS_POW_COST"))
    attempts = max(1, int(public_forms.setting("PUBLIC_FORMS_POW_ATTEMPTS")))
    lowest = attempts // 3
    # A known counter (altcha's deterministic mode) bounds the work: the browser
    # tries 0, 1, 2, ... and never more than ``attempts`` derivations.
    counter = lowest + secrets.randbelow(attempts - lowest + 1)
    challenge = altcha.create_challenge(
        ALGORITHM,
        cost,
        counter=counter,
        expires_at=int(time.time()) + MAX_AGE,
        data={"scope": scope},
        hmac_secret=_secret("altcha"),
    )
    return challenge.to_dict()


def check_pow(payload: str, scope: str) -> str | None:
    """None when ``payload`` solves a challenge of ``scope`` for the first time;
    otherwise the Vietnamese message saying why it is refused."""
    if not payload or len(payload) > MAX_PAYLOAD_CHARS:
        return POW_INVALID
    try:
        parsed = altcha.Payload.from_base64(payload)
        result = altcha.verify_solution(parsed, _secret("altcha"))
    except Exception:
        # Whatever a client sends, the answer is a refusal, never a server error.
        logger.info("unreadable proof-of-work payload", exc_info=True)
        return POW_INVALID
    if result.expired:
        return POW_EXPIRED
    if not result.verified:
        return POW_INVALID
    parameters = parsed.challenge.parameters
    data = parameters.data if isinstance(parameters.data, dict) else {}
    if data.get("scope") != scope:
        return POW_INVALID
    remaining = max(0, int(parameters.expires_at or 0) - int(time.time()))
    # The marker outlives the challenge, so a solution can never be used twice.
    if not public_forms.claim(f"public_forms:pow:{parameters.nonce}", remaining + 60):
        return ALREADY_USED
    return None


# --- time lock (no JavaScript) --------------------------------------------------------


@dataclass
class WaitCheck:
    """The outcome of :func:`check_wait_token`: ``message`` is None when accepted;
    ``keep`` says whether the token may go back into the page shown again (the
    reader's wait still counts from the first page)."""

    message: str | None
    keep: bool = False


def _binding(request, scope: str) -> str:
    # The token only works from the address it was given to, for its own form:
    # tokens gathered elsewhere cannot be spent here.
    ip = public_forms.client_ip(request)
    return salted_hmac(_SALT, f"{scope}\n{ip}").hexdigest()[:20]


def _signer() -> Signer:
    return Signer(key=_secret("wait"), salt=_SALT)


def new_wait_token(request, scope: str) -> str:
    """A signed token saying when this page was served, to whom and for which form."""
    nonce = secrets.token_urlsafe(12)
    return _signer().sign(f"{nonce}:{int(time.time())}:{_binding(request, scope)}")


def _read_wait_token(token: str, request, scope: str):
    """(nonce, issued) of a genuine token for this address and form, else None."""
    try:
        nonce, issued_text, binding = _signer().unsign(str(token)[:200]).split(":")
        issued = int(issued_text)
    except (BadSignature, ValueError):
        return None
    if not constant_time_compare(binding, _binding(request, scope)):
        return None
    if time.time() - issued > MAX_AGE:
        return None
    return nonce, issued


def newly_required_message() -> str:
    return (
        "Vì địa chỉ mạng của bạn vừa gửi nhiều biểu mẫu, cần thêm một bước kiểm tra "
        "chống gửi tự động. Vui lòng bấm nút gửi lần nữa (nếu trình duyệt không chạy "
        f"JavaScript: chờ {wait_seconds()} giây rồi bấm); nội dung bạn đã viết vẫn "
        "được giữ."
    )


def _wait_again_message() -> str:
    return (
        "Bước kiểm tra dành cho trình duyệt không chạy JavaScript đã hết hạn hoặc "
        "không còn hợp lệ (chẳng hạn do địa chỉ mạng của bạn vừa thay đổi). Vui lòng "
        f"chờ {wait_seconds()} giây rồi bấm nút gửi lần nữa; nội dung bạn đã viết "
        "vẫn được giữ."
    )


def check_wait_token(token: str, request, scope: str, claim: bool = True) -> WaitCheck:
    """Whether the time lock ``token`` is open for this request.

    Refused when forged, expired, from another address or form, used already, or
    younger than ``PUBLIC_FORMS_CHALLENGE_WAIT`` seconds (then ``keep`` is true
    and the message says how many seconds are left). Accepted at most once: with
    ``claim`` the token is then spent.
    """
    read = _read_wait_token(token, request, scope)
    if read is None:
        return WaitCheck(_wait_again_message())
    nonce, issued = read
    left = wait_seconds() - (time.time() - issued)
    if left > 0:
        return WaitCheck(
            "Biểu mẫu được gửi quá nhanh sau khi mở trang. Vui lòng chờ thêm "
            f"{math.ceil(left)} giây rồi bấm nút gửi lần nữa; nội dung bạn đã viết "
            "vẫn được giữ.",
            keep=True,
        )
    if claim and not public_forms.claim(
        f"public_forms:wait:{nonce}", int(issued + MAX_AGE - time.time()) + 60
    ):
        return WaitCheck(ALREADY_USED)
    return WaitCheck(None)


def reusable_wait_token(token: str, request, scope: str) -> bool:
    """True when ``token`` may be shown again: genuine, for this address and form,
    not expired and not spent."""
    read = _read_wait_token(token, request, scope)
    if read is None:
        return False
    return public_forms.count(f"public_forms:wait:{read[0]}") == 0
