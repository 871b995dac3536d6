"""The weekly e-mail to each portal's chief editors: what their portal still owes.

The scheduler calls ``send_weekly`` every minute; from Monday 07:00 (local time)
the first call of the week sends, and a row of ``WeeklyDigest`` keeps the week from
being sent twice. Messages go through ``EMAIL_BACKEND``, which queues them for the
task worker: no mail server is spoken to from the scheduler's round.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from congtin.portals.models import Role
from congtin.portals.sites import short_name

from . import access, status
from .models import WeeklyDigest

SEND_WEEKDAY = 0  # Monday
SEND_HOUR = 7


def week_key(moment: datetime) -> str:
    year, week, _ = timezone.localtime(moment).isocalendar()
    return f"{year}-W{week:02d}"


def chiefs_by_site() -> dict[int, list]:
    """{site id: active chief editors with an e-mail address}."""
    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__portal_role__role=Role.CHIEF,
            groups__portal_role__site__isnull=False,
        )
        .exclude(email="")
        .values_list("pk", "groups__portal_role__site_id")
    )
    found: dict[int, set[int]] = defaultdict(set)
    for user_id, site_id in users:
        found[site_id].add(user_id)
    people = get_user_model().objects.in_bulk(
        {pk for ids in found.values() for pk in ids}
    )
    return {site: [people[pk] for pk in sorted(ids)] for site, ids in found.items()}


def messages(now: datetime | None = None) -> list[EmailMessage]:
    """One message per chief editor whose portals owe something."""
    chiefs = chiefs_by_site()
    sites = [site for site in access.all_sites() if site.pk in chiefs]
    if not sites:
        return []
    rows = status.portal_status(sites, now)
    owed = {site.pk: status.overdue_or_missing(rows, site) for site in sites}
    per_person: dict[int, list] = defaultdict(list)
    people = {}
    for site in sites:
        if not owed[site.pk]:
            continue
        for person in chiefs[site.pk]:
            people[person.pk] = person
            per_person[person.pk].append((site, short_name(site), owed[site.pk]))
    report_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "disclosure_report"
    )
    result = []
    for pk, portals in per_person.items():
        person = people[pk]
        missing = sum(
            c.state == status.MISSING for _, _, cells in portals for c in cells
        )
        overdue = sum(
            c.state == status.OVERDUE for _, _, cells in portals for c in cells
        )
        subject = (
            f"Thông tin bắt buộc công khai: {overdue} loại quá hạn cập nhật, "
            f"{missing} loại chưa có"
        )
        body = render_to_string(
            "disclosure/digest.txt",
            {"person": person, "portals": portals, "report_url": report_url},
        )
        result.append(EmailMessage(subject, body, to=[person.email]))
    return result


def send_weekly(now: datetime | None = None) -> str | None:
    """The scheduler's per-minute hook; sends the week's digest once."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.weekday() != SEND_WEEKDAY or local.hour < SEND_HOUR:
        return None
    week = week_key(now)
    if WeeklyDigest.objects.filter(week=week).exists():
        return None
    try:
        with transaction.atomic():
            digest = WeeklyDigest.objects.create(week=week)
            outgoing = messages(now)
            for message in outgoing:
                message.send()
            digest.recipients = len(outgoing)
            digest.save(update_fields=["recipients"])
    except IntegrityError:
        return None  # another round sent it
    return (
        f"Đã gửi thư tổng hợp thông tin bắt buộc công khai cho {len(outgoing)} người."
    )
