"""Each portal's "Thông cáo báo chí" page."""

from wagtail.models import Site

from congtin.portals.setup import ensure_child

from .models import PressReleaseIndexPage

INDEX_SLUG = "thong-cao-bao-chi"
INDEX_TITLE = "Thông cáo báo chí"


def ensure_press_index(site: Site) -> PressReleaseIndexPage:
    """The portal's "Thông cáo báo chí" page, created and published if missing."""
    return ensure_child(
        site.root_page,
        PressReleaseIndexPage,
        INDEX_SLUG,
        title=INDEX_TITLE,
        # Linked from the footer and the portal map; the main menu stays as it is.
        show_in_menus=False,
        intro="Thông cáo báo chí và nội dung phát ngôn của cơ quan.",
    ).specific
