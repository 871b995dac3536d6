"""Each portal's "Đối thoại trực tuyến" page."""

from wagtail.models import Site

from congtin.portals.setup import ensure_child

from .models import DialogueIndexPage

INDEX_SLUG = "doi-thoai-truc-tuyen"
INDEX_TITLE = "Đối thoại trực tuyến"


def ensure_dialogue_index(site: Site) -> DialogueIndexPage:
    """The portal's "Đối thoại trực tuyến" page, created and published if missing."""
    return ensure_child(
        site.root_page,
        DialogueIndexPage,
        INDEX_SLUG,
        title=INDEX_TITLE,
        show_in_menus=False,
        intro="Lãnh đạo trao đổi trực tuyến với người dân, doanh nghiệp về những "
        "vấn đề được quan tâm; nội dung các buổi đối thoại được lưu lại tại đây.",
    ).specific
