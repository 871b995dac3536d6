"""Whether each portal carries each kind of information, and since when.

``portal_status(sites)`` answers for any number of portals in a fixed number of
queries (one or two per content type, whatever the number of portals): pages are
counted by the first characters of their tree path, which name the deepest portal
home they sit under (a district's home may sit inside the city's tree).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.apps import apps
from django.db.models import Count, Max
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from .kinds import ENGLISH, KINDS, Kind

OK, OVERDUE, MISSING = "ok", "overdue", "missing"

STATE_LABELS = {
    OK: "Đã cập nhật",
    OVERDUE: "Quá hạn cập nhật",
    MISSING: "Chưa có",
}


@dataclass
class Cell:
    kind: Kind
    site: Site
    count: int = 0
    last: datetime | None = None
    # Where on the portal: a path on the portal's own host ("" when nowhere).
    path: str = ""
    # The name of that place, as the portal shows it (a section's title).
    place: str = ""
    now: datetime = field(default_factory=timezone.now)

    @property
    def state(self) -> str:
        if not self.count:
            return MISSING
        days = self.kind.update_days
        if days and self.last is not None and self.last < self.now - timedelta(days):
            return OVERDUE
        return OK

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def due(self) -> datetime | None:
        """When the newest item stops being recent enough (None: never)."""
        days = self.kind.update_days
        if not days or self.last is None:
            return None
        return self.last + timedelta(days)

    @property
    def url(self) -> str:
        return f"{self.site.root_url}{self.path}" if self.path else ""


@dataclass
class Row:
    kind: Kind
    cells: list[Cell]


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


class _Roots:
    """The portals' home paths; a path belongs to the deepest home it starts with."""

    def __init__(self, roots: dict[str, Site]):
        self.by_path = roots
        self.longest = max((len(path) for path in roots), default=0)
        self._deepest_first = sorted(roots, key=len, reverse=True)

    def site_of(self, path: str) -> Site | None:
        for root in self._deepest_first:
            if path.startswith(root):
                return self.by_path[root]
        return None

    def pages_by_site(self, queryset) -> dict[int, tuple[int, datetime | None]]:
        """{site id: (number of live pages, newest publication)} of ``queryset``."""
        found: dict[int, tuple[int, datetime | None]] = {}
        if not self.by_path:
            return found
        groups = (
            queryset.live()
            .annotate(prefix=Substr("path", 1, self.longest))
            .values("prefix")
            .annotate(n=Count("pk"), last=Max("last_published_at"))
            .order_by()
        )
        for group in groups:
            site = self.site_of(group["prefix"])
            if site is None:
                continue
            _add(found, site.pk, group["n"], group["last"])
        return found

    def first_pages(self, queryset) -> dict[int, Page]:
        """Each portal's first live page of ``queryset`` (in tree order)."""
        found: dict[int, Page] = {}
        if not self.by_path:
            return found
        for page in (
            queryset.live().only("pk", "path", "url_path", "title").order_by("path")
        ):
            site = self.site_of(page.path)
            if site is not None:
                found.setdefault(site.pk, page)
        return found


def _add(totals: dict, site_id: int, count: int, last: datetime | None) -> None:
    """Add ``count`` items, the newest published at ``last``, to a portal's total."""
    old_count, old_last = totals.get(site_id, (0, None))
    newest = max((d for d in (old_last, last) if d), default=None)
    totals[site_id] = (old_count + count, newest)


def _relative(page: Page, site: Site) -> str:
    """The page's path on its portal's host."""
    root = site.root_page.url_path
    return "/" + page.url_path[len(root) :] if page.url_path.startswith(root) else ""


def _content(kind: Kind, roots: _Roots):
    """{site id: (count, newest)} for one kind, over all its content types."""
    totals: dict[int, tuple[int, datetime | None]] = {}
    for label in kind.sources:
        model = _model(label)
        if model is None:
            continue
        if issubclass(model, Page):
            found = roots.pages_by_site(model.objects.all())
        else:
            # A snippet of one portal (``site``), dated by its latest revision.
            groups = (
                model.objects.values("site_id")
                .annotate(n=Count("pk"), last=Max("latest_revision__created_at"))
                .order_by()
            )
            found = {g["site_id"]: (g["n"], g["last"]) for g in groups}
        for site_id, (count, last) in found.items():
            _add(totals, site_id, count, last)
    return totals


def _english(sites: list[Site]) -> tuple[dict, dict]:
    """English pages: the translations of each portal's home and what is under it."""
    english = Locale.objects.filter(language_code__startswith="en").first()
    if english is None:
        return {}, {}
    homes = {site.root_page.translation_key: site for site in sites}
    translated = Page.objects.filter(
        translation_key__in=list(homes), locale=english
    ).only("pk", "path", "url_path", "translation_key")
    roots = _Roots({page.path: homes[page.translation_key] for page in translated})
    paths = {homes[page.translation_key].pk: page.url_path for page in translated}
    return roots.pages_by_site(Page.objects.filter(locale=english)), paths


def portal_status(sites: list[Site], now: datetime | None = None) -> list[Row]:
    """One row per kind of information, one cell per site, in the given order."""
    now = now or timezone.now()
    sites = list(sites)
    roots = _Roots({site.root_page.path: site for site in sites})
    by_id = {site.pk: site for site in sites}
    english_found, english_paths = _english(sites)
    rows = []
    for kind in KINDS:
        found = english_found if kind.key == ENGLISH else _content(kind, roots)
        listing: dict[int, tuple[str, str]] = {}
        for label in kind.listing:
            model = _model(label)
            if model is None:
                continue
            for site_id, page in roots.first_pages(model.objects.all()).items():
                site = by_id[site_id]
                listing.setdefault(site_id, (_relative(page, site), page.title))
        cells = []
        for site in sites:
            count, last = found.get(site.pk, (0, None))
            path, place = listing.get(site.pk, ("", ""))
            if kind.key == ENGLISH and count:
                home = site.root_page.url_path
                english_home = english_paths.get(site.pk, "")
                # Wagtail serves the English tree under /en/ (i18n_patterns).
                path = "/en/" if english_home and english_home != home else ""
                place = "English" if path else ""
            elif kind.listing_url and count and not path:
                path = reverse(kind.listing_url)
                place = kind.listing_name
            cells.append(Cell(kind, site, count, last, path, place=place, now=now))
        rows.append(Row(kind, cells))
    return rows


def overdue_or_missing(rows: list[Row], site: Site) -> list[Cell]:
    """The cells of ``site`` that are not up to date, missing first."""
    cells = [
        cell
        for row in rows
        for cell in row.cells
        if cell.site.pk == site.pk and cell.state != OK
    ]
    return sorted(cells, key=lambda cell: cell.state != MISSING)
