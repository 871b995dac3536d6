"""What core adds to every portal: its home page, "Giới thiệu", "Sơ đồ cổng", settings."""

from congtin.portals.registry import PortalPart, register
from congtin.portals.setup import ensure_child

from .models import AgencySettings, PortalMapPage, StandardPage


def agency_settings(portal, *, name: str, agency: dict | None = None, **options):
    if not AgencySettings.objects.filter(site=portal.site).exists():
        AgencySettings.objects.create(
            site=portal.site, **(agency or {"agency_name": name})
        )


def about_page(home, *, about: str = "", **options):
    return ensure_child(
        home,
        StandardPage,
        "gioi-thieu",
        title="Giới thiệu",
        show_in_menus=True,
        lead=about,
    )


def portal_map(home, **options):
    return ensure_child(
        home, PortalMapPage, "so-do-cong", title="Sơ đồ cổng", show_in_menus=True
    )


register(
    PortalPart(
        "core",
        home_page="core.HomePage",
        home_children=["core.StandardPage", "core.PortalMapPage"],
        permissions={"admin": ["core.change_agencysettings"]},
        sections=[(10, about_page), (90, portal_map)],
        setup=[agency_settings],
    )
)
