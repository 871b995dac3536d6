"""Fixed words of the agency pages in each content language (pages hold the rest)."""

from congtin.portals.wagtail_compat import language_of

LABELS = {
    "vi": {
        "units": "Các đơn vị",
        "functions": "Chức năng, nhiệm vụ",
        "head": "Người đứng đầu",
        "address": "Địa chỉ",
        "phone": "Điện thoại",
        "fax": "Fax",
        "email": "Email",
        "website": "Trang thông tin điện tử",
        "duties": "Nhiệm vụ được phân công",
        "position": "Chức vụ",
        "spokesperson": "Người phát ngôn",
        "name": "Họ tên",
        "map": "Xem bản đồ",
        "contact": "Thông tin liên hệ",
        "agency": "Cơ quan",
        "no_units": "Chưa có đơn vị nào.",
        "no_leaders": "Chưa có thông tin lãnh đạo.",
        "leaders": "Lãnh đạo",
        "breadcrumb": "Đường dẫn",
    },
    "en": {
        "units": "Units",
        "functions": "Functions and duties",
        "head": "Head",
        "address": "Address",
        "phone": "Phone",
        "fax": "Fax",
        "email": "Email",
        "website": "Website",
        "duties": "Assigned duties",
        "position": "Position",
        "spokesperson": "Spokesperson",
        "name": "Name",
        "map": "View map",
        "contact": "Contact details",
        "agency": "Agency",
        "no_units": "No units yet.",
        "no_leaders": "No leaders listed yet.",
        "leaders": "Leaders",
        "breadcrumb": "Breadcrumb",
    },
}


def labels_for(page) -> dict:
    code = language_of(page.locale_id) or "vi"
    return LABELS.get(code.split("-")[0], LABELS["vi"])
