"""Each portal's "Thủ tục hành chính" page."""

from wagtail.models import Site

from congtin.core.models import HomePage
from congtin.portals.setup import ensure_child

from .models import ProcedureIndexPage

INDEX_SLUG = "thu-tuc-hanh-chinh"
INDEX_TITLE = "Thủ tục hành chính"


def ensure_procedure_index(site: Site) -> ProcedureIndexPage:
    """The portal's "Thủ tục hành chính" page, created and published if missing.

    New portals get it from ``manage.py ensure_procedure_indexes`` (every portal)
    or by calling this after ``create_portal``."""
    return ensure_child(
        site.root_page,
        ProcedureIndexPage,
        INDEX_SLUG,
        title=INDEX_TITLE,
        show_in_menus=True,
        intro="Thủ tục hành chính do cơ quan tiếp nhận và giải quyết: thành phần hồ "
        "sơ, thời hạn, phí, lệ phí và nơi nộp hồ sơ trực tuyến.",
    ).specific


def ensure_procedure_indexes() -> list[ProcedureIndexPage]:
    """Every portal (a Site rooted at a HomePage) gets its "Thủ tục hành chính" page."""
    return [
        ensure_procedure_index(site)
        for site in Site.objects.select_related("root_page").order_by("pk")
        if isinstance(site.root_page.specific, HomePage)
    ]
