"""Menus and the portal map; their page lists are one query each, whatever their size."""

import functools

from django.conf import settings
from django.utils import translation
from django.utils.translation import pgettext_lazy
from wagtail.models import Page, Site

from . import chrome
from .models import AgencySettings, PortalMapPage


def main_menu(request):
    """Items of the main menu: home, pages shown in menus, online services, map.

    Returns dicts with ``title``, ``url``, ``external`` and ``page_id``. The online
    public services link (an agency setting) goes before the portal map page.
    """
    menu = getattr(request, "_congtin_main_menu", None)
    if menu is None:
        site = Site.find_for_request(request)
        if site is None:
            return []
        language = page_language()
        menu = chrome.cached(
            f"menu-{language}", site.pk, lambda: _build_menu(request, site, language)
        )
        request._congtin_main_menu = menu
    return menu


DEFAULT_LANGUAGE = "vi"
# The words of the page chrome (menu, skip link, footer). Vietnamese is the source
# language; other languages come from the message catalogues (locale/).
CHROME_WORDS = {
    "home": pgettext_lazy("page chrome", "Trang chủ"),
    "services": pgettext_lazy("page chrome", "Dịch vụ công trực tuyến"),
    "skip": pgettext_lazy("page chrome", "Bỏ qua, đến nội dung chính"),
    "main_menu": pgettext_lazy("page chrome", "Menu chính"),
    "managing_agency": pgettext_lazy("page chrome", "Cơ quan quản lý"),
    "editor_in_chief": pgettext_lazy("page chrome", "Trưởng Ban biên tập"),
    "address": pgettext_lazy("page chrome", "Địa chỉ"),
    "contact": pgettext_lazy("page chrome", "Liên hệ"),
    "standing_body": pgettext_lazy("page chrome", "Cơ quan thường trực"),
    "phone": pgettext_lazy("page chrome", "Điện thoại"),
    "spokesperson": pgettext_lazy("page chrome", "Người phát ngôn"),
    "footer_links": pgettext_lazy("page chrome", "Liên kết chân trang"),
    "catalogue": pgettext_lazy("page chrome", "Danh mục thông tin công khai"),
    "visits": pgettext_lazy("page chrome", "Lượt truy cập"),
    "menu": pgettext_lazy("page chrome", "Menu"),
    # The accessibility toolbar (templates/includes/a11y_toolbar.html).
    "a11y_tools": pgettext_lazy("page chrome", "Công cụ hỗ trợ tiếp cận"),
    "text_size": pgettext_lazy("page chrome", "Cỡ chữ"),
    "smaller": pgettext_lazy("page chrome", "Giảm cỡ chữ"),
    "larger": pgettext_lazy("page chrome", "Tăng cỡ chữ"),
    "contrast": pgettext_lazy("page chrome", "Tương phản cao"),
    "reset": pgettext_lazy("page chrome", "Mặc định"),
    "reset_help": pgettext_lazy("page chrome", "Cỡ chữ và màu mặc định"),
    "shortcuts": pgettext_lazy("page chrome", "Phím tắt"),
    "shortcuts_intro": pgettext_lazy(
        "page chrome",
        "Nhấn giữ Alt và Shift (trên máy Mac: Option và Shift), rồi nhấn:",
    ),
    "to_home": pgettext_lazy("page chrome", "Về trang chủ"),
    "to_content": pgettext_lazy("page chrome", "Đến nội dung chính"),
    "to_menu": pgettext_lazy("page chrome", "Đến menu chính"),
    "to_search": pgettext_lazy("page chrome", "Đến ô tìm kiếm"),
    "escape_help": pgettext_lazy("page chrome", "Đóng menu hoặc danh sách phím tắt"),
}


def page_language() -> str:
    """The language of the page being served: "en" under /en/, else Vietnamese."""
    language = (translation.get_language() or DEFAULT_LANGUAGE).split("-")[0]
    return language if language in dict(settings.LANGUAGES) else DEFAULT_LANGUAGE


def chrome_words(language: str | None = None) -> dict[str, str]:
    """The chrome's words in ``language`` (default: the page's), as plain strings
    (menus are cached)."""
    return dict(_chrome_words(language or page_language()))


@functools.cache
def _chrome_words(language: str) -> dict[str, str]:
    # Every page asks for these a few times; the catalogues do not change while
    # the process runs, so each language is translated once.
    with translation.override(language):
        return {key: str(word) for key, word in CHROME_WORDS.items()}


def _menu_root(site, language):
    """The portal's home page in ``language``; the Vietnamese one when it has none."""
    if language == DEFAULT_LANGUAGE:
        return site.root_page, DEFAULT_LANGUAGE
    from wagtail.models import Locale

    locale = Locale.objects.filter(language_code=language).first()
    root = site.root_page.get_translation_or_none(locale) if locale else None
    if root is None or not root.live:
        return site.root_page, DEFAULT_LANGUAGE
    return root, language


def _build_menu(request, site, language=DEFAULT_LANGUAGE):
    root, language = _menu_root(site, language)
    words = chrome_words(language)
    children = list(
        Page.objects.child_of(root)
        .live()
        .in_menu()
        .only("id", "title", "url_path", "path", "depth", "content_type_id", "slug")
    )
    items = [{"title": words["home"], "url": root.get_url(request), "page_id": root.pk}]
    map_items = []
    map_type_id = _content_type_id(PortalMapPage)
    for child in children:
        item = {
            "title": child.title,
            "url": child.get_url(request),
            "page_id": child.pk,
        }
        if child.content_type_id == map_type_id:
            item["is_map"] = True
            map_items.append(item)
        else:
            items.append(item)
    agency = agency_for_request(request)
    if agency.public_services_url:
        items.append(
            {
                "title": words["services"],
                "url": agency.public_services_url,
                "external": True,
            }
        )
    return items + map_items


def agency_for_request(request) -> AgencySettings:
    """The agency settings of the request's site (cached; blank if none saved)."""
    agency = getattr(request, "_congtin_agency", None)
    if agency is None:
        site = Site.find_for_request(request)
        agency = chrome.cached(
            "agency",
            site.pk if site else 0,
            lambda: (
                AgencySettings.objects.select_related("emblem")
                .filter(site=site)
                .first()
                or AgencySettings(site=site)
            ),
        )
        request._congtin_agency = agency
    return agency


def portal_map_url(request):
    """URL of the site's "Sơ đồ cổng" page if it is in the menu, else ""."""
    for item in main_menu(request):
        if item.get("is_map"):
            return item["url"]
    return ""


def _content_type_id(model):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


def portal_tree(root):
    """The live pages under ``root`` as nested dicts, without the items published
    over and over (``shown_in_portal_map = False``: articles, documents, ...)."""
    from wagtail.models import get_page_models

    hidden = [
        _content_type_id(model)
        for model in get_page_models()
        if not getattr(model, "shown_in_portal_map", True)
    ]
    pages = (
        Page.objects.descendant_of(root, inclusive=True)
        .live()
        .exclude(content_type_id__in=hidden)
        .only("id", "title", "url_path", "path", "depth")
        .order_by("path")
    )
    nodes = {}
    top = None
    for page in pages:
        node = {"page": page, "children": []}
        nodes[page.path] = node
        parent = nodes.get(page.path[: -Page.steplen])
        if parent is not None:
            parent["children"].append(node)
        elif top is None:
            top = node
    return top
