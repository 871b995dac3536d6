"""Each portal's "Văn bản" page."""

from wagtail.models import Site

from congtin.core.models import HomePage
from congtin.portals.setup import ensure_child

from .models import DocumentIndexPage

INDEX_SLUG = "van-ban"
INDEX_TITLE = "Văn bản"


def ensure_document_index(site: Site) -> DocumentIndexPage:
    """The portal's "Văn bản" page, created and published if missing.

    New portals get it from ``manage.py ensure_document_indexes`` (every portal)
    or by calling this after ``create_portal``."""
    home = site.root_page
    return ensure_child(
        home,
        DocumentIndexPage,
        INDEX_SLUG,
        title=INDEX_TITLE,
        show_in_menus=True,
        intro="Cơ sở dữ liệu văn bản do cơ quan ban hành hoặc đăng tải trên cổng.",
    ).specific


def ensure_document_indexes() -> list[DocumentIndexPage]:
    """Every portal (a Site rooted at a HomePage) gets its "Văn bản" page."""
    return [
        ensure_document_index(site)
        for site in Site.objects.select_related("root_page").order_by("pk")
        if isinstance(site.root_page.specific, HomePage)
    ]
