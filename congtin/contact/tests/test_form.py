"""The public contact form: the page, a message sent, bad input, limits, mails."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail, signing
from django.test import Client

from congtin.contact.models import ContactMessage, Status
from congtin.core.tests.hostile_inputs import HOSTILE_INPUTS, assert_inert

from .conftest import CITY, FORM_URL, OTHER, shared_portals, valid_data

pytestmark = [pytest.mark.django_db, shared_portals]


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split())


def client_for(host=CITY):
    return Client(HTTP_HOST=host)


def send(client, data):
    response = client.post(FORM_URL, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def test_form_offers_only_the_active_departments_of_its_portal(portals):
    response = client_for().get(FORM_URL)
    assert response.status_code == 200
    # A form with a CSRF token sets its cookie: the page cache never keeps it.
    assert "csrftoken" in response.cookies
    html = soup(response)
    options = [text(o) for o in html.select("select[name=recipient] option")]
    assert options == [
        "-- Chọn phòng, ban --",
        "Văn phòng Thành phố Thử",
        "Phòng Tư pháp Thành phố Thử",
    ]
    labels = [text(label) for label in html.select("form label")]
    assert "Gửi đến phòng, ban" in " ".join(labels)
    assert html.select_one("input[name=website]") is not None  # honeypot
    assert "You may write in Vietnamese or English." in text(html)


def test_sending_stores_the_message_queues_both_mails_and_shows_the_reference(
    portals,
):
    client = client_for()
    response = send(client, valid_data(portals["city_justice"]))
    message = ContactMessage.objects.get()
    assert message.site == portals["city"].site
    assert message.recipient == portals["city_justice"]
    assert message.department_name == "Phòng Tư pháp Thành phố Thử"
    assert message.status == Status.NEW
    assert re.fullmatch(r"LH-[A-Z2-9]{4}-[A-Z2-9]{4}", message.reference)

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "no-store" in thanks["Cache-Control"]
    assert "private" in thanks["Cache-Control"]
    page_text = text(soup(thanks))
    assert message.reference in page_text
    assert "Phòng Tư pháp Thành phố Thử" in page_text
    assert "thư xác nhận" in page_text

    to_department, receipt = mail.outbox
    assert to_department.to == ["tuphap@localhost.example.gov.vn"]
    assert to_department.reply_to == ["an.nguyen@example.com"]
    assert message.reference in to_department.subject
    assert "Xin cho biết bộ phận một cửa" in to_department.body
    assert f"/admin/snippets/contact/contactmessage/edit/{message.pk}/" in (
        to_department.body
    )
    assert receipt.to == ["an.nguyen@example.com"]
    assert message.reference in receipt.subject + receipt.body
    assert "Phòng Tư pháp Thành phố Thử" in receipt.body
    # Nothing the sender typed reaches the address given: no relay for spam.
    for typed in ("Nguyễn Văn An", "Hỏi giờ làm việc", "Xin cho biết"):
        assert typed not in receipt.subject + receipt.body


def test_without_an_email_no_receipt_and_no_reply_to(portals):
    send(
        client_for(),
        valid_data(portals["city_office"], email="", phone="0912 345 678"),
    )
    message = ContactMessage.objects.get()
    assert message.phone == "0912345678"
    (only,) = mail.outbox
    assert only.to == ["vanphong@localhost.example.gov.vn"]
    assert not only.reply_to


def test_text_is_stored_nfc_and_one_line_where_it_must_be(portals):
    decomposed = "Hỏi ve\u0302̀ thủ tục\r\nBcc: ai@example.com"
    send(client_for(), valid_data(portals["city_office"], title=decomposed))
    message = ContactMessage.objects.get()
    assert "\n" not in message.title and "\r" not in message.title
    assert "về" in message.title
    assert "\n" not in mail.outbox[0].subject


def test_a_department_of_another_portal_is_refused(portals):
    response = client_for().post(FORM_URL, valid_data(portals["other_office"]))
    assert response.status_code == 400
    assert "Vui lòng chọn phòng, ban trong danh sách." in text(soup(response))
    retired = client_for().post(FORM_URL, valid_data(portals["city_retired"]))
    assert retired.status_code == 400
    assert not ContactMessage.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"name": "   "}, "Vui lòng điền mục này."),
        ({"email": "", "phone": ""}, "Vui lòng ghi thư điện tử hoặc số điện thoại"),
        ({"email": "khong-phai-thu"}, "Địa chỉ thư điện tử không hợp lệ"),
        ({"phone": "12"}, "Số điện thoại không hợp lệ"),
        ({"text": "x" * 5001}, "5000"),
        ({"recipient": ""}, "Vui lòng chọn phòng, ban nhận thư."),
        ({"recipient": "9" * 30}, "Vui lòng chọn phòng, ban trong danh sách."),
    ],
)
def test_bad_input_is_a_400_with_the_form_filled_in(portals, overrides, message):
    data = valid_data(portals["city_office"], **overrides)
    response = client_for().post(FORM_URL, data)
    assert response.status_code == 400
    html = soup(response)
    assert message in text(html)
    if "name" not in overrides:
        assert html.select_one("input[name=name]")["value"] == "Nguyễn Văn An"
    assert not ContactMessage.objects.exists()


def test_hostile_text_is_kept_as_text_and_never_a_5xx(portals, settings):
    settings.PUBLIC_FORMS_IP_LIMIT = settings.PUBLIC_FORMS_CONTACT_LIMIT = 10**6
    settings.PUBLIC_FORMS_CHALLENGE_AFTER = None
    client = client_for()
    for value in HOSTILE_INPUTS:
        data = valid_data(portals["city_office"], name=value, title=value, text=value)
        response = client.post(FORM_URL, data)
        assert response.status_code in (302, 400), value
        assert_inert(response.content.decode())


def test_honeypot_saves_nothing(portals):
    response = client_for().post(
        FORM_URL, valid_data(portals["city_office"], website="http://spam.example")
    )
    assert response.status_code == 400
    assert not ContactMessage.objects.exists()
    assert not mail.outbox


def test_rate_limit_per_address_then_429(portals, settings):
    settings.PUBLIC_FORMS_CHALLENGE_AFTER = None
    settings.PUBLIC_FORMS_CONTACT_LIMIT = 2
    client = client_for()
    for _ in range(2):
        send(client, valid_data(portals["city_office"]))
    response = client.post(FORM_URL, valid_data(portals["city_office"]))
    assert response.status_code == 429
    assert response["Retry-After"]
    assert ContactMessage.objects.count() == 2
    # The receipts to one address are bounded by the same limit.
    assert sum(m.to == ["an.nguyen@example.com"] for m in mail.outbox) == 2


def test_challenge_after_a_few_messages(portals, settings):
    settings.PUBLIC_FORMS_CHALLENGE_AFTER = 1
    client = client_for()
    send(client, valid_data(portals["city_office"]))
    html = soup(client.get(FORM_URL))
    assert "Kiểm tra chống gửi tự động" in text(html)
    response = client.post(
        FORM_URL, valid_data(portals["city_office"], email="b@example.com")
    )
    assert response.status_code == 400
    assert ContactMessage.objects.count() == 1


def test_thank_you_page_refuses_forged_or_expired_links(portals):
    client = client_for()
    forged = client.get(FORM_URL + "?gui=LH-AAAA-BBBB")
    assert forged.status_code == 400
    assert "Đường dẫn xác nhận không đúng" in forged.content.decode()
    old = signing.dumps("LH-AAAA-BBBB", salt="congtin.contact.sent")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("congtin.contact.views.SENT_MAX_AGE", -1)
        expired = client.get(FORM_URL + f"?gui={old}")
    assert expired.status_code == 400
    assert "đã hết hạn" in expired.content.decode()


def test_each_portal_has_its_own_form(portals):
    send(client_for(OTHER), valid_data(portals["other_justice"]))
    message = ContactMessage.objects.get()
    assert message.site == portals["other"].site
    assert mail.outbox[0].to == ["tuphap@khac.localhost.example.gov.vn"]


def test_contact_page_links_to_the_form(portals):
    response = client_for().get("/lien-he/")
    assert response.status_code == 200
    link = soup(response).select_one(".contact-form-link a")
    assert link is not None and link["href"] == FORM_URL
