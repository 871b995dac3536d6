"""Create a portal: a Wagtail Site with its home page, sections and settings.

Idempotent: what exists is left as it is, only what is missing is created. The
home page type, the sections and the other steps come from the apps' declarations
(:mod:`congtin.portals.registry`).
"""

from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Page, Site

from . import registry
from .sites import SITE_NAME_PREFIX, Portal


@dataclass
class PortalSetup:
    """A portal just made sure of, with the section pages it starts with."""

    portal: Portal
    sections: dict[str, Page] = field(default_factory=dict)  # by slug

    @property
    def site(self) -> Site:
        return self.portal.site

    @property
    def home(self) -> Page:
        return self.portal.home


def ensure_child(parent: Page, model, slug: str, **fields) -> Page:
    """The live child of ``parent`` with ``slug``, created and published if missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def ensure_portal(
    *,
    name: str,
    hostname: str,
    port: int | None = None,
    is_default: bool = False,
    **options,
) -> PortalSetup:
    """Make sure the portal ``name`` ("Quận Lê Chân") exists at ``hostname``.

    ``options`` (``agency``, ``about``, ...) go to the apps' sections and steps.
    """
    home_model = registry.home_page_model()
    site = Site.objects.filter(hostname=hostname).select_related("root_page").first()
    root = Page.get_first_root_node()
    if site is not None and isinstance(site.root_page.specific, home_model):
        home = site.root_page.specific
    else:
        slug = hostname.split(".")[0] if hostname != "localhost" else "trang-chu"
        home = ensure_child(root, home_model, slug, title=f"{SITE_NAME_PREFIX}{name}")
        if site is None and is_default:
            site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname=hostname)
        site.hostname, site.root_page = hostname, home
    site.site_name = f"{SITE_NAME_PREFIX}{name}"
    if port is not None or site.pk is None:
        site.port = port or 80
    site.is_default_site = is_default or site.is_default_site
    site.save()

    result = PortalSetup(Portal(site))
    for step in registry.setup_steps():
        step(result.portal, name=name, **options)
    for create in registry.sections():
        page = create(home, **options)
        if page is not None:
            result.sections[page.slug] = page
    _remove_welcome_page(root)
    return result


def _remove_welcome_page(root: Page) -> None:
    """Wagtail's own "Welcome to your new Wagtail site!" page, once no site uses it."""
    for page in Page.objects.child_of(root).filter(content_type__model="page"):
        if not page.sites_rooted_here.exists() and not page.get_children().exists():
            page.delete()
