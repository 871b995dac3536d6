"""Each portal's "Công khai ngân sách" and "Thông tin thống kê" pages.

They are made outside the main menu, which each portal's chief editors arrange
(Wagtail's "Hiển thị trong menu"); readers reach them from the portal map and the search
(and from the catalogue of mandatory information, once its kinds name these page
types)."""

from wagtail.models import Site

from congtin.portals.setup import ensure_child

from .models import BudgetIndexPage, StatisticsIndexPage

BUDGET_SLUG = "cong-khai-ngan-sach"
STATISTICS_SLUG = "thong-tin-thong-ke"


def ensure_budget_index(site: Site) -> BudgetIndexPage:
    """The portal's "Công khai ngân sách" page, created and published if missing."""
    return ensure_child(
        site.root_page,
        BudgetIndexPage,
        BUDGET_SLUG,
        title="Công khai ngân sách",
        show_in_menus=False,
        intro="Dự toán, tình hình thực hiện và quyết toán ngân sách được công khai "
        "theo quy định.",
    ).specific


def ensure_statistics_index(site: Site) -> StatisticsIndexPage:
    """The portal's "Thông tin thống kê" page, created and published if missing."""
    return ensure_child(
        site.root_page,
        StatisticsIndexPage,
        STATISTICS_SLUG,
        title="Thông tin thống kê",
        show_in_menus=False,
        intro="Số liệu thống kê chủ yếu theo lĩnh vực, kèm nguồn số liệu.",
    ).specific
