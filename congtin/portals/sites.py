"""Which portal: a portal is a Wagtail ``Site``, the city portal its default site.

Every "which portal is this page / request / site" question is answered here.
"""

from dataclasses import dataclass

from wagtail.models import Page, Site

SITE_NAME_PREFIX = "Cổng thông tin điện tử "


def short_name(site: Site) -> str:
    """ "Quận Lê Chân" for the site named "Cổng thông tin điện tử Quận Lê Chân"."""
    return site.site_name.removeprefix(SITE_NAME_PREFIX).strip() or str(site)


@dataclass(frozen=True)
class Portal:
    """One portal, over its Wagtail ``Site``."""

    site: Site

    @property
    def name(self) -> str:
        return self.site.site_name or self.site.hostname

    @property
    def short_name(self) -> str:
        return short_name(self.site)

    @property
    def is_city(self) -> bool:
        return self.site.is_default_site

    @property
    def home(self) -> Page:
        return self.site.root_page

    @property
    def pk(self) -> int:
        return self.site.pk


def city_site(user=None) -> Site | None:
    """The city portal's site; looked up once per request when ``user`` carries it."""
    if user is not None and hasattr(user, "_congtin_city_site"):
        return user._congtin_city_site
    site = Site.objects.filter(is_default_site=True).select_related("root_page")
    site = site.first()
    if user is not None:
        user._congtin_city_site = site
    return site


def city_portal(user=None) -> Portal | None:
    site = city_site(user)
    return Portal(site) if site is not None else None


def portal_for_request(request) -> Portal | None:
    """The portal a request is for (Wagtail's own site lookup), or None."""
    site = Site.find_for_request(request) if request is not None else None
    return Portal(site) if site is not None else None


def site_roots() -> list[tuple[str, int]]:
    """(root page path, site id), deepest root first, so a path finds its portal."""
    roots = [
        (site.root_page.path, site.pk)
        for site in Site.objects.select_related("root_page")
    ]
    return sorted(roots, key=lambda item: len(item[0]), reverse=True)


def root_of(path: str, roots) -> tuple[str, int] | None:
    """The (root path, site id) of ``roots`` a page ``path`` lives under, deepest first.

    A portal's tree could sit inside another's: the deepest root wins.
    """
    found = [root for root in roots if path.startswith(root[0])]
    return max(found, key=lambda root: len(root[0]), default=None)


def portal_site_id(page: Page, roots=None) -> int | None:
    """The id of the site whose home page ``page`` lives under (the deepest one).

    Without ``roots`` this reads Wagtail's cached list of site root paths (no
    query once cached); ``roots`` from :func:`site_roots` serve many pages at once.
    """
    if roots is not None:
        root = root_of(page.path, roots)
        return root[1] if root is not None else None
    for root in Site.get_site_root_paths():
        if page.url_path.startswith(root.root_path):
            return root.site_id
    return None


def portal_of(page: Page) -> Portal | None:
    site_id = portal_site_id(page)
    if site_id is None:
        return None
    return Portal(Site.objects.select_related("root_page").get(pk=site_id))
