"""Each portal's "Thư viện ảnh, video" page."""

from wagtail.models import Site

from congtin.portals.setup import ensure_child

from .models import GalleryIndexPage

INDEX_SLUG = "thu-vien-anh-video"
INDEX_TITLE = "Thư viện ảnh, video"


def ensure_gallery_index(site: Site) -> GalleryIndexPage:
    """The portal's "Thư viện ảnh, video" page, created and published if missing."""
    return ensure_child(
        site.root_page,
        GalleryIndexPage,
        INDEX_SLUG,
        title=INDEX_TITLE,
        # Linked from the footer and the portal map; the main menu stays as it is.
        show_in_menus=False,
        intro="Ảnh và video về hoạt động của cơ quan.",
    ).specific
