"""Fixed words of the agency pages (pages hold the rest), in the page's language.

Vietnamese is the source language; other languages come from the message
catalogues (locale/).
"""

from django.utils import translation
from django.utils.translation import pgettext_lazy

from congtin.portals.wagtail_compat import language_of

LABELS = {
    "units": pgettext_lazy("agency page", "Các đơn vị"),
    "functions": pgettext_lazy("agency page", "Chức năng, nhiệm vụ"),
    "head": pgettext_lazy("agency page", "Người đứng đầu"),
    "address": pgettext_lazy("agency page", "Địa chỉ"),
    "phone": pgettext_lazy("agency page", "Điện thoại"),
    "fax": pgettext_lazy("agency page", "Fax"),
    "email": pgettext_lazy("agency page", "Email"),
    "website": pgettext_lazy("agency page", "Trang thông tin điện tử"),
    "duties": pgettext_lazy("agency page", "Nhiệm vụ được phân công"),
    "position": pgettext_lazy("agency page", "Chức vụ"),
    "spokesperson": pgettext_lazy("agency page", "Người phát ngôn"),
    "appointment": pgettext_lazy("agency page", "Quyết định giao nhiệm vụ"),
    "name": pgettext_lazy("agency page", "Họ tên"),
    "map": pgettext_lazy("agency page", "Xem bản đồ"),
    "contact": pgettext_lazy("agency page", "Thông tin liên hệ"),
    "agency": pgettext_lazy("agency page", "Cơ quan"),
    "no_units": pgettext_lazy("agency page", "Chưa có đơn vị nào."),
    "no_leaders": pgettext_lazy("agency page", "Chưa có thông tin lãnh đạo."),
    "leaders": pgettext_lazy("agency page", "Lãnh đạo"),
    "breadcrumb": pgettext_lazy("agency page", "Đường dẫn"),
}


def labels_for(page) -> dict[str, str]:
    """The labels in the language of ``page``'s locale (not the request's: an
    English page reached without /en/ still reads in English)."""
    code = (language_of(page.locale_id) or "vi").split("-")[0]
    with translation.override(code):
        return {key: str(label) for key, label in LABELS.items()}
