"""Demo departments and contact form pages for Hải Phòng and Lê Chân.

The departments are real kinds of offices with invented, non-deliverable
addresses (``@example.gov.vn``, a domain that receives no mail) and "(Minh họa)"
in their names; Lê Chân's queue holds one illustrative message. Loaded once:
running the demo again finds everything and changes nothing.
"""

from django.db import transaction

from congtin.agency.models import ContactPage
from congtin.portals.setup import ensure_child

from .models import ContactFormPage, ContactMessage, ContactRecipient

MARK = "Minh họa"

CITY_RECIPIENTS = [
    (
        "Văn phòng Ủy ban nhân dân thành phố",
        "vanphong.hp@example.gov.vn",
        "Tiếp nhận chung, chuyển đến cơ quan có thẩm quyền",
    ),
    (
        "Trung tâm Thông tin - Tin học",
        "congthongtin.hp@example.gov.vn",
        "Cổng thông tin điện tử, góp ý về trang",
    ),
    (
        "Sở Tư pháp",
        "sotuphap.hp@example.gov.vn",
        "Hộ tịch, lý lịch tư pháp, chứng thực",
    ),
]
LECHAN_RECIPIENTS = [
    (
        "Văn phòng HĐND và UBND quận",
        "vanphong.lechan@example.gov.vn",
        "Tiếp nhận chung",
    ),
    (
        "Phòng Tư pháp quận",
        "tuphap.lechan@example.gov.vn",
        "Hộ tịch, chứng thực",
    ),
    (
        "Phòng Tài nguyên và Môi trường quận",
        "tnmt.lechan@example.gov.vn",
        "Đất đai, môi trường",
    ),
]


def _recipients(site, rows) -> list[ContactRecipient]:
    if ContactRecipient.objects.filter(site=site).exists():
        return list(ContactRecipient.objects.filter(site=site))
    return [
        ContactRecipient.objects.create(
            site=site,
            name=f"{name} ({MARK})",
            email=email,
            description=description,
            sort_order=order,
        )
        for order, (name, email, description) in enumerate(rows)
    ]


def _form_page(site) -> ContactFormPage | None:
    home = site.root_page
    contact = ContactPage.objects.child_of(home).filter(slug="lien-he").first()
    parent = contact or home.specific
    return ensure_child(
        parent,
        ContactFormPage,
        "gui",
        title="Gửi thư liên hệ",
        intro="Gửi câu hỏi, góp ý hoặc đề nghị đến phòng, ban phụ trách. Bạn nhận "
        "mã thư ngay khi gửi; phòng, ban liên hệ lại với bạn qua thư điện tử hoặc "
        "số điện thoại bạn ghi.",
    )


@transaction.atomic
def load_contact_demo(city_site, lechan_site):
    """Departments and the form page on both portals; one message at Lê Chân."""
    _recipients(city_site, CITY_RECIPIENTS)
    lechan = _recipients(lechan_site, LECHAN_RECIPIENTS)
    pages = {site.pk: _form_page(site) for site in (city_site, lechan_site)}
    if not ContactMessage.objects.filter(site=lechan_site).exists():
        ContactMessage.objects.create(
            site=lechan_site,
            recipient=lechan[1],
            department_name=lechan[1].name,
            name=f"Người gửi ({MARK})",
            email="nguoigui@example.com",
            title=f"Hỏi giờ tiếp công dân của bộ phận một cửa ({MARK})",
            text="Xin cho biết bộ phận một cửa của quận tiếp công dân vào những "
            f"giờ nào trong tuần. (Nội dung {MARK.lower()}.)",
        )
    return pages
