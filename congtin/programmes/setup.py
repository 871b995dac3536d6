"""Each portal's three lists, created on demand (the demo, or an editor in the admin)."""

from wagtail.models import Site

from congtin.core.models import HomePage
from congtin.portals.setup import ensure_child

from .models import PlanningIndexPage, ProjectIndexPage, ResearchIndexPage

INDEXES = (
    (
        ProjectIndexPage,
        "du-an-dau-tu-dau-thau",
        "Dự án, đầu tư, đấu thầu",
        "Dự án đầu tư công, đấu thầu và mua sắm công: chủ đầu tư, nguồn vốn, "
        "tiến độ, các gói thầu và kết quả lựa chọn nhà thầu.",
    ),
    (
        ResearchIndexPage,
        "chuong-trinh-de-tai-khoa-hoc",
        "Chương trình, đề tài khoa học",
        "Chương trình, đề tài nghiên cứu khoa học: tổ chức chủ trì, kinh phí, "
        "tình trạng và kết quả.",
    ),
    (
        PlanningIndexPage,
        "chien-luoc-quy-hoach-ke-hoach",
        "Chiến lược, quy hoạch, kế hoạch",
        "Chiến lược, quy hoạch, kế hoạch phát triển đã được phê duyệt.",
    ),
)


def ensure_indexes(site: Site) -> dict:
    """The portal's three list pages by model, created and published if missing."""
    home = site.root_page
    return {
        model: ensure_child(
            home, model, slug, title=title, show_in_menus=False, intro=intro
        ).specific
        for model, slug, title, intro in INDEXES
    }


def ensure_all_indexes() -> list:
    """Every portal (a Site rooted at a HomePage) gets its three lists."""
    made: list = []
    for site in Site.objects.select_related("root_page").order_by("pk"):
        if isinstance(site.root_page.specific, HomePage):
            made += ensure_indexes(site).values()
    return made
