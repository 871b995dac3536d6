"""Sign-in lock-outs (django-axes): the answer to a locked client, the list of
current lock-outs and their lifting by an administrator.

django-axes counts failed sign-ins in the database (``AccessAttempt``, one row
per name, address and browser), so every app server sees the same counts. A
name is locked once its failures from any address reach ``AXES_FAILURE_LIMIT``
within ``AXES_COOLOFF_TIME``; an address likewise, whatever names it tried
(``AXES_LOCKOUT_PARAMETERS``). The lock lifts by itself after the cool-off.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

from congtin.portals.access import portals_for

from . import scope

TEMPLATE = "accounts/locked_out.html"


def cool_off_minutes(request=None) -> int:
    cool_off = get_cool_off(request)
    return math.ceil(cool_off.total_seconds() / 60) if cool_off else 0


def lockout_response(request, original_response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: 429 with the reason and when to try again, in
    Vietnamese; the same page for the admin, Django's admin and any other form."""
    minutes = cool_off_minutes(request)
    response = render(
        request,
        TEMPLATE,
        {
            "failure_limit": get_failure_limit(request, credentials),
            "minutes": minutes,
        },
        status=429,
    )
    if minutes:
        response["Retry-After"] = str(minutes * 60)
    return response


@dataclass
class Lockout:
    kind: str  # "username" or "ip_address"
    value: str
    failures: int
    last_attempt: datetime


def current(request=None) -> list[Lockout]:
    """Every name and address locked now, most recent first."""
    cool_off = get_cool_off(request)
    attempts = AccessAttempt.objects.all()
    if cool_off:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    limit = get_failure_limit(request, {})
    found: list[Lockout] = []
    for kind in ("username", "ip_address"):
        rows = (
            attempts.exclude(**{f"{kind}__isnull": True})
            .order_by()
            .values(kind)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=limit)
        )
        found.extend(
            Lockout(kind, row[kind], row["failures"], row["last"]) for row in rows
        )
    return sorted(found, key=lambda lockout: lockout.last_attempt, reverse=True)


def may_lift(user, lockout: Lockout) -> bool:
    """Names of the people ``user`` manages; addresses only for those who act on
    every portal (an address is shared by everyone behind it)."""
    if not scope.may_view(user):
        return False
    if lockout.kind == "ip_address":
        return user.is_superuser or portals_for(user) is None
    return scope.people(user).filter(username=lockout.value).exists()


def lift(lockout: Lockout) -> int:
    if lockout.kind == "ip_address":
        return reset(ip=lockout.value)
    return reset(username=lockout.value)


def attempted_username(request, credentials=None):
    """The user name a sign-in tried (django-axes's ``AXES_USERNAME_CALLABLE``), cut
    to the 255 characters axes stores: no account's name is longer (150), and a
    5,000-character one must end in a refused sign-in, not a database error."""
    field = settings.AXES_USERNAME_FORM_FIELD
    source = credentials if credentials else getattr(request, "data", request.POST)
    value = source.get(field)
    return value[:255] if isinstance(value, str) else value
