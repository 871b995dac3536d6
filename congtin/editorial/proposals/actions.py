"""The steps of a proposal as they change the data, with their notices and history.

Each step checks the status it starts from again inside its own write, so two
people acting at once cannot both succeed; the loser gets a ``Refusal``.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.actions.create_alias import CreatePageAliasAction
from wagtail.log_actions import log
from wagtail.models import Page, Site
from wagtail.signals import page_published

from congtin.core.vietnamese import nfc
from congtin.portals.models import PortalGroup, Role

from ..models import Notice, Proposal
from .refusals import ALREADY_PROPOSED, WRONG_STATUS, Refusal

Status = Proposal.Status

LOG_PROPOSE = "congtin.proposal.propose"
LOG_ACCEPT = "congtin.proposal.accept"
LOG_PUBLISH = "congtin.proposal.publish"
LOG_DECLINE = "congtin.proposal.decline"


def leave_notice(users, message: str, url: str = "") -> None:
    message = nfc(message)
    recipients = {
        user.pk: user for user in users if user is not None and user.is_active
    }
    Notice.objects.bulk_create(
        Notice(recipient=user, message=message, url=url) for user in recipients.values()
    )


def city_role_members(city: Site, role: str):
    groups = PortalGroup.objects.filter(site=city, role=role).values("group")
    return get_user_model().objects.filter(groups__in=groups, is_active=True)


def index_url() -> str:
    return reverse("editorial_proposals:index")


def article_admin_url(article: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[article.pk])


def describe(proposal: Proposal) -> str:
    return f"“{proposal.article.title}” của {proposal.source_site.site_name}"


def log_step(proposal: Proposal, action: str, user, **data) -> None:
    log(
        instance=proposal.article.specific,
        action=action,
        user=user,
        data={
            "proposal": proposal.pk,
            "target": proposal.target_site.site_name,
            **data,
        },
    )


def free_slug(section: Page, slug: str) -> str:
    """``slug``, or ``slug-2``, ``slug-3``… if a page of the section has it."""
    taken = set(section.get_children().values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def propose(page: Page, city: Site, source_site: Site, user, note: str) -> Proposal:
    """Offer ``page`` of ``source_site`` to the city; the city's editors are told."""
    try:
        with transaction.atomic():
            proposal = _save_proposal(page, city, source_site, user, note)
    except IntegrityError:
        # Someone proposed the same article a moment ago.
        raise Refusal(
            409, ALREADY_PROPOSED.format(status=Status.PENDING.label)
        ) from None
    log_step(proposal, LOG_PROPOSE, user, note=proposal.note)
    leave_notice(
        city_role_members(city, Role.EDITOR),
        f"{source_site.site_name} đề xuất bài “{page.title}” lên cổng thành phố.",
        index_url(),
    )
    return proposal


def _save_proposal(page, city, source_site, user, note) -> Proposal:
    fresh = {
        "source_site": source_site,
        "section": None,
        "alias": None,
        "status": Status.PENDING,
        "note": note,
        "reply": "",
        "proposed_by": user,
        "proposed_at": timezone.now(),
        "accepted_by": None,
        "accepted_at": None,
        "decided_by": None,
        "decided_at": None,
    }
    earlier = (
        Proposal.objects.select_for_update()
        .filter(article=page, target_site=city)
        .first()
    )
    if earlier is None:
        return Proposal.objects.create(article=page, target_site=city, **fresh)
    # A declined (or no longer shown) proposal is offered again in its place.
    for name, value in fresh.items():
        setattr(earlier, name, value)
    earlier.save()
    return earlier


def _move(proposal, allowed, **fields) -> None:
    """Write ``fields`` only while ``proposal`` is still in one of the ``allowed``
    statuses, then reload it; Refusal (409) when someone moved it first."""
    changed = Proposal.objects.filter(pk=proposal.pk, status__in=allowed).update(
        **fields
    )
    proposal.refresh_from_db()
    if not changed:
        raise Refusal(409, WRONG_STATUS[proposal.status])


def accept(proposal, city: Site, section: Page, reply: str, user, *, allowed):
    """Take ``proposal`` into ``section``; it waits for a city chief's approval."""
    _move(
        proposal,
        allowed,
        status=Status.ACCEPTED,
        section=section,
        reply=reply,
        accepted_by=user,
        accepted_at=timezone.now(),
    )
    log_step(proposal, LOG_ACCEPT, user, section=section.title, reply=proposal.reply)
    title = proposal.article.title
    leave_notice(
        [proposal.proposed_by],
        f"{city.site_name} đã tiếp nhận bài “{title}” vào chuyên mục "
        f"“{section.title}”, đang chờ phê duyệt.",
        article_admin_url(proposal.article),
    )
    leave_notice(
        city_role_members(city, Role.CHIEF),
        f"Bài {describe(proposal)} đã được tiếp nhận vào chuyên mục "
        f"“{section.title}”, chờ phê duyệt.",
        index_url(),
    )
    return proposal


def approve(proposal, article: Page, section: Page, city: Site, user, *, allowed):
    """Show ``article`` in ``section`` as a live alias of the original."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status not in allowed:
            raise Refusal(409, WRONG_STATUS[proposal.status])
        alias = CreatePageAliasAction(
            article,
            parent=section,
            update_slug=free_slug(section, article.slug),
            user=user,
        ).execute(skip_permission_checks=True)
        proposal.alias = alias
        proposal.status = Status.PUBLISHED
        proposal.decided_by = user
        proposal.decided_at = timezone.now()
        proposal.save()
    alias = Page.objects.get(pk=alias.pk).specific
    # Wagtail announces an alias it refreshes as published; a new one is
    # announced the same way so caches and listeners see it.
    page_published.send(
        sender=alias.specific_class, instance=alias, revision=None, alias=True
    )
    url = alias.get_full_url() or ""
    log_step(proposal, LOG_PUBLISH, user, section=section.title, url=url)
    leave_notice(
        [proposal.proposed_by],
        f"Bài “{article.title}” đã được đăng trên {city.site_name}, "
        f"chuyên mục “{section.title}”.",
        url,
    )
    return proposal


def decline(proposal, city: Site, reply: str, user, *, allowed):
    """Refuse ``proposal`` with ``reply``; the proposing portal may offer it again."""
    _move(
        proposal,
        allowed,
        status=Status.DECLINED,
        reply=reply,
        decided_by=user,
        decided_at=timezone.now(),
    )
    log_step(proposal, LOG_DECLINE, user, reply=reply)
    title = proposal.article.title
    leave_notice(
        [proposal.proposed_by],
        f"{city.site_name} không tiếp nhận bài “{title}”. Lý do: {reply}",
        article_admin_url(proposal.article),
    )
    return proposal
