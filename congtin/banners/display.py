"""What the pages show, read with the page chrome: one cache read, no query, per page.

Each entry is plain data (rendition URLs and sizes worked out when it is built), so
a warm page touches neither the image nor the rendition tables. The chrome version
moves on at every save or delete of a banner, link block or alert (``apps.py``) and
when a banner's dates start or end one (``schedule.py``).
"""

import logging
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from congtin.core import chrome

from .models import RENDITIONS, Banner, EmergencyAlert, LinkBlock, Slot

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ShownBanner:
    href: str
    src: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class ShownLinkBlock:
    title: str
    links: list[tuple[str, str]] = field(default_factory=list)


def _banner(banner: Banner) -> ShownBanner | None:
    if banner.image is None:
        return None
    try:
        rendition = banner.image.get_rendition(RENDITIONS[Slot(banner.slot)])
    except Exception:
        # A missing or broken image file must not break every page of the portal.
        logger.exception("Banner %s: no rendition of its image", banner.pk)
        return None
    href = reverse("banner_click", args=[banner.pk]) if banner.has_link else ""
    return ShownBanner(
        href, rendition.url, rendition.width, rendition.height, banner.alt_text
    )


def _slots(site_id: int) -> dict[str, dict[str, list]]:
    now = timezone.now()
    slots: dict[str, dict[str, list]] = {}
    banners = (
        Banner.objects.showing(now)
        .filter(site_id=site_id)
        .select_related("image")
        .order_by("sort_order", "pk")
    )
    for banner in banners:
        shown = _banner(banner)
        if shown is not None:
            slot = slots.setdefault(banner.slot, {"banners": [], "link_blocks": []})
            slot["banners"].append(shown)
    blocks = (
        LinkBlock.objects.showing(now)
        .filter(site_id=site_id)
        .prefetch_related("items__link_page")
        .order_by("sort_order", "pk")
    )
    for block in blocks:
        links = [(item.title, item.target_url()) for item in block.items.all()]
        links = [(title, url) for title, url in links if url]
        if links:
            slot = slots.setdefault(block.slot, {"banners": [], "link_blocks": []})
            slot["link_blocks"].append(ShownLinkBlock(block.title, links))
    return slots


def slot_contents(site_id: int | None, slot: str) -> dict[str, list]:
    """The banners and link blocks showing now in ``slot`` of the portal."""
    if site_id is None:
        return {}
    return chrome.cached("banner-slots", site_id, lambda: _slots(site_id)).get(slot, {})


@dataclass(frozen=True)
class ShownAlert:
    kind: str
    kind_label: str
    level: str
    text: str
    link_url: str
    ends_at: object


def _alert() -> dict:
    alert = EmergencyAlert.objects.current().first()
    if alert is None:
        return {}  # not None: the cache would not keep it
    return {
        "alert": ShownAlert(
            alert.kind,
            alert.get_kind_display(),
            alert.level,
            alert.text,
            alert.link_url,
            alert.ends_at,
        )
    }


def current_alert() -> ShownAlert | None:
    """The emergency alert raised now, the same for every portal, or None."""
    return chrome.cached("emergency-alert", 0, _alert).get("alert")
