"""Create a portal (a Wagtail Site with its home page, sections and settings).

Idempotent: what exists is left as it is, only what is missing is created.
"""

from dataclasses import dataclass

from django.db import transaction
from wagtail.models import Page, Site

from .models import AgencySettings, HomePage, PortalMapPage, StandardPage


@dataclass
class Portal:
    site: Site
    home: HomePage
    news: Page


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
    agency: dict | None = None,
    about: str = "",
) -> Portal:
    """Make sure the portal ``name`` ("Quận Lê Chân") exists at ``hostname``."""
    site = Site.objects.filter(hostname=hostname).select_related("root_page").first()
    root = Page.get_first_root_node()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        home = site.root_page.specific
    else:
        slug = hostname.split(".")[0] if hostname != "localhost" else "trang-chu"
        home = ensure_child(
            root, HomePage, slug, title=f"Cổng thông tin điện tử {name}"
        )
        if site is None and is_default:
            site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname=hostname)
        site.hostname, site.root_page = hostname, home
    site.site_name = f"Cổng thông tin điện tử {name}"
    if port is not None or site.pk is None:
        site.port = port or 80
    site.is_default_site = is_default or site.is_default_site
    site.save()

    if not AgencySettings.objects.filter(site=site).exists():
        AgencySettings.objects.create(site=site, **(agency or {"agency_name": name}))

    ensure_child(
        home,
        StandardPage,
        "gioi-thieu",
        title="Giới thiệu",
        show_in_menus=True,
        lead=about,
    )
    from congtin.news.models import NewsIndexPage

    news = ensure_child(
        home, NewsIndexPage, "tin-tuc", title="Tin tức", show_in_menus=True
    )
    ensure_child(
        news,
        NewsIndexPage,
        "tin-tuc-su-kien",
        title="Tin tức - Sự kiện",
        show_in_menus=True,
    )
    ensure_child(
        home, PortalMapPage, "so-do-cong", title="Sơ đồ cổng", show_in_menus=True
    )
    _remove_welcome_page(root)
    return Portal(site=site, home=home, news=news)


def _remove_welcome_page(root: Page) -> None:
    """Wagtail's own "Welcome to your new Wagtail site!" page, once no site uses it."""
    for page in Page.objects.child_of(root).filter(content_type__model="page"):
        if not page.sites_rooted_here.exists() and not page.get_children().exists():
            page.delete()
