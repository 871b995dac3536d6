"""What the poll pages compute: counting a vote, who has voted, the home poll,
the results, and the purge when the clock opens or closes a poll.

Nothing here records who voted. A browser that voted holds a signed cookie per
poll; an address is counted, hashed, in the shared rate-limit counters for the
window only (``POLLS_VOTES_PER_ADDRESS`` votes per poll per
``POLLS_VOTE_WINDOW`` seconds), so an office behind one address can still vote.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from congtin.core import chrome, params
from congtin.core import public_forms as pf

from .models import Poll, PollOption, PollState

DEFAULTS = {
    "POLLS_VOTES_PER_ADDRESS": 200,
    "POLLS_VOTE_WINDOW": 3600,
}
COOKIE_PREFIX = "tdyk-"
COOKIE_MAX_AGE = int(timedelta(days=365).total_seconds())
# A request naming more options than a poll may hold is refused before any query.
MAX_OPTIONS = 20


def setting(name: str) -> int:
    return int(getattr(settings, name, DEFAULTS[name]))


class VoteRefused(Exception):
    """A vote that cannot be counted; ``message`` is Vietnamese, ``status`` 4xx."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


# -- Who has voted: a signed cookie per poll ----------------------------------------


def cookie_name(poll_id: int) -> str:
    return f"{COOKIE_PREFIX}{poll_id}"


def _salt(poll_id: int) -> str:
    # Per poll: a cookie copied from one poll's name to another's does not verify.
    return f"congtin.polls.vote.{poll_id}"


def has_voted(request, poll_id: int) -> bool:
    value = request.get_signed_cookie(
        cookie_name(poll_id), default=None, salt=_salt(poll_id)
    )
    return value == "1"


def mark_voted(response, poll: Poll) -> None:
    response.set_signed_cookie(
        cookie_name(poll.pk),
        "1",
        salt=_salt(poll.pk),
        max_age=COOKIE_MAX_AGE,
        path="/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


# -- Checks before counting ---------------------------------------------------------


def check_origin(request) -> None:
    """Refuse a vote posted from another site's page.

    The vote form carries no CSRF token (it sits in pages shared by every reader
    through the page cache), so a browser's Origin, or failing that its Referer,
    must name the host the vote is sent to. A request with neither (old browsers,
    privacy tools) is let through: anything that is not a browser can write both
    headers anyway, and the per-address limit and the cookie still hold.
    """
    host = request.get_host()
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        if origin == "null" or urlsplit(origin).netloc != host:
            raise VoteRefused(
                "Phiếu bình chọn phải được gửi từ chính trang của cổng thông tin. "
                "Vui lòng mở trang thăm dò ý kiến trên cổng và bình chọn lại.",
                403,
            )
        return
    referer = request.META.get("HTTP_REFERER")
    if referer and urlsplit(referer).netloc != host:
        raise VoteRefused(
            "Phiếu bình chọn phải được gửi từ chính trang của cổng thông tin. "
            "Vui lòng mở trang thăm dò ý kiến trên cổng và bình chọn lại.",
            403,
        )


def chosen_option_ids(values: list[str]) -> list[int]:
    """The option ids of the form, each once; VoteRefused for anything else."""
    if not values:
        raise VoteRefused("Vui lòng chọn ít nhất một phương án trước khi gửi.")
    if len(values) > MAX_OPTIONS:
        raise VoteRefused("Phiếu bình chọn có quá nhiều phương án.")
    ids = []
    for value in values:
        number = params.digits(value.strip(), max_digits=18)
        if number is None:
            raise VoteRefused("Phương án đã chọn không có trong cuộc thăm dò này.")
        if number not in ids:
            ids.append(number)
    return ids


def check_address(request, poll: Poll) -> None:
    """Count this vote against the address's allowance for the poll."""
    ip = pf.client_ip(request)
    if not ip:
        return
    window = setting("POLLS_VOTE_WINDOW")
    digest = hashlib.sha256(ip.encode()).hexdigest()[:32]
    if pf.hit(f"polls:vote:{poll.pk}:{digest}", window) > setting(
        "POLLS_VOTES_PER_ADDRESS"
    ):
        minutes = max(1, math.ceil(window / 60))
        raise pf.RateLimited(
            "Đã có quá nhiều phiếu bình chọn gửi từ địa chỉ mạng của bạn cho cuộc "
            f"thăm dò này. Vui lòng thử lại sau khoảng {minutes} phút.",
            retry_after=window,
        )


# -- Counting -----------------------------------------------------------------------


def check_vote(poll: Poll, option_ids: list[int]) -> None:
    """VoteRefused unless the poll is open and takes this many options."""
    state = poll.state()
    if state == PollState.UPCOMING:
        raise VoteRefused("Cuộc thăm dò này chưa bắt đầu, chưa nhận phiếu bình chọn.")
    if state == PollState.CLOSED:
        raise VoteRefused("Cuộc thăm dò này đã kết thúc, không nhận thêm phiếu.")
    if not poll.is_multiple and len(option_ids) > 1:
        raise VoteRefused("Cuộc thăm dò này chỉ cho chọn một phương án.")


def cast_vote(poll: Poll, option_ids: list[int], using: str | None = None) -> None:
    """Add one vote to each chosen option and one voter to the poll, atomically.

    The counts are raised by the database (``F() + 1``), never read and written
    back, so concurrent votes cannot overwrite each other; the chosen options are
    checked against the poll inside the same transaction.
    """
    check_vote(poll, option_ids)
    with transaction.atomic(using=using):
        updated = (
            PollOption.objects.using(using)
            .filter(poll_id=poll.pk, pk__in=option_ids)
            .update(votes=F("votes") + 1)
        )
        if updated != len(option_ids):
            # An unknown option, or one of another poll: nothing is counted.
            transaction.set_rollback(True, using=using)
            raise VoteRefused("Phương án đã chọn không có trong cuộc thăm dò này.")
        Poll.objects.using(using).filter(pk=poll.pk).update(voters=F("voters") + 1)


# -- What the pages show ------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    text: str
    votes: int
    percent: int  # of the voters (a multiple-choice poll's add up to more than 100)


def results(poll: Poll) -> list[Tally]:
    options = list(poll.options.all())
    voters = poll.voters
    return [
        Tally(
            option.text,
            option.votes,
            round(100 * option.votes / voters) if voters else 0,
        )
        for option in options
    ]


def public_polls(site):
    """The portal's polls readers may see: shown, and opened already."""
    return Poll.objects.filter(site=site, live=True, opens_at__lte=timezone.now())


def poll_summary(poll: Poll) -> dict:
    """What a cached page shows of a poll: never its counts, never per reader."""
    return {
        "id": poll.pk,
        "url": poll.get_url(),
        "question": poll.question,
        "intro": poll.intro,
        "multiple": poll.is_multiple,
        "closes_at": poll.closes_at,
        "options": [(option.pk, option.text) for option in poll.options.all()],
    }


def home_poll(site) -> dict:
    """The newest open poll of ``site`` placed on the home page; {} when none.

    Kept with the page chrome: the home page spends no query on it once warm.
    A save of a poll moves the chrome on; the scheduler does when a poll opens or
    closes (:func:`announce_state_changes`); an entry lives 60 s at most anyway.
    """

    def build():
        now = timezone.now()
        poll = (
            Poll.objects.filter(
                site=site,
                live=True,
                on_home_page=True,
                opens_at__lte=now,
                closes_at__gt=now,
            )
            .order_by("-opens_at", "-pk")
            .first()
        )
        return poll_summary(poll) if poll else {}

    return chrome.cached("polls-home", site.pk, build)


def embedded_poll(poll_id: int, site_id: int | None) -> dict:
    """An article's poll as its kept body shows it; {} when it is not shown."""
    poll = Poll.objects.filter(pk=poll_id, live=True).first()
    if poll is None or (site_id is not None and poll.site_id != site_id):
        return {}
    summary = poll_summary(poll)
    summary["state"] = poll.state()
    return summary


def announce_state_changes(now=None) -> int:
    """Purge the cached pages when the clock has opened or closed a shown poll.

    Called every minute by the scheduler. Returns how many polls moved on.
    """
    from congtin.pagecache.purge import public_content_changed

    now = now or timezone.now()
    moved = 0
    candidates = Poll.objects.exclude(announced_state=PollState.CLOSED).filter(
        opens_at__lte=now
    )
    for poll in candidates.only("pk", "opens_at", "closes_at", "announced_state"):
        state = poll.state(now)
        if state != poll.announced_state:
            Poll.objects.filter(pk=poll.pk).update(announced_state=state)
            moved += 1
    if moved:
        chrome.invalidate()
        public_content_changed()
    return moved
