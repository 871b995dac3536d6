"""The citizen's side: sending a question, the receipt, tracking, failures."""

import base64
import json
from unittest import mock

import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.db import OperationalError

from congtin.core.tests.challenge_helpers import challenge_of, light, solve, wait_token
from congtin.questions.models import Attachment, Question, normalize_tracking_code

from .conftest import (
    ASK_URL,
    image_bytes,
    pdf_bytes,
    shared_portals,
    upload,
    valid_data,
)
from .factories import QuestionFactory


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@shared_portals
def test_form_shows_privacy_notice_csrf_and_fields(portals, lechan_client):
    response = lechan_client.get(ASK_URL)
    assert response.status_code == 200
    page = soup(response)
    assert "Về dữ liệu cá nhân của bạn" in page.get_text()
    assert "không bao giờ đăng thông tin liên hệ" in page.get_text()
    form = page.find("form", class_="question-form")
    assert form["enctype"] == "multipart/form-data"
    names = {
        field.get("name") for field in form.find_all(["input", "select", "textarea"])
    }
    assert {"csrfmiddlewaretoken", "name", "email", "phone", "address", "site"} <= names
    assert {"topic", "title", "text", "attachments", "website"} <= names
    # The portal being visited is the default recipient.
    selected = form.find("select", attrs={"name": "site"}).find("option", selected=True)
    assert selected["value"] == str(portals.lechan.pk)


@shared_portals
def test_submission_is_saved_then_tracked_and_receipt_mailed(
    portals, lechan_client, django_capture_on_commit_callbacks
):
    data = valid_data(portals)
    data["attachments"] = [
        upload("giay-chung-sinh.pdf", pdf_bytes()),
        upload("anh.png", image_bytes("PNG")),
        upload("anh.jpg", image_bytes("JPEG")),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = lechan_client.post(ASK_URL, data)
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.site == portals.lechan
    assert question.status == "received"
    assert normalize_tracking_code(question.tracking_code) == question.tracking_code
    assert question.tracking_code in response["Location"]
    kinds = sorted(Attachment.objects.values_list("kind", flat=True))
    assert kinds == ["jpeg", "pdf", "png"]
    for attachment in Attachment.objects.all():
        # Stored under the private root with a random name, never the citizen's.
        assert attachment.file.name.startswith("questions/")
        assert "giay-chung-sinh" not in attachment.file.name
        assert attachment.file.storage.exists(attachment.file.name)
    page = lechan_client.get(response["Location"])
    assert page.status_code == 200
    text = soup(page).get_text()
    assert question.tracking_code in text and "Đã tiếp nhận" in text
    assert "an.nguyen@example.com" not in text
    assert len(mail.outbox) == 1
    receipt = mail.outbox[0]
    assert receipt.to == ["an.nguyen@example.com"]
    assert question.tracking_code in receipt.body
    assert "/hoi-dap/theo-doi/" in receipt.body
    assert receipt.content_subtype == "plain"


@shared_portals
def test_tracking_code_typed_loosely_and_unknown(portals, lechan_client):
    question = QuestionFactory(site=portals.lechan)
    loose = question.tracking_code.lower().replace("-", " ")
    response = lechan_client.get("/hoi-dap/theo-doi/", {"ma": loose})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/theo-doi/{question.tracking_code}/")
    assert (
        lechan_client.get("/hoi-dap/theo-doi/", {"ma": "<script>"}).status_code == 400
    )
    missing = lechan_client.get("/hoi-dap/theo-doi/HD-2222-2222/")
    assert missing.status_code == 404
    assert "Không tìm thấy câu hỏi" in missing.content.decode()


@shared_portals
def test_guessing_tracking_codes_is_stopped(portals, lechan_client, settings):
    settings.PUBLIC_FORMS_FAILED_LOOKUP_LIMIT = 3
    question = QuestionFactory(site=portals.lechan)
    own = f"/hoi-dap/theo-doi/{question.tracking_code}/"
    # Looking up one's own code again and again is never held back.
    for _ in range(5):
        assert lechan_client.get(own).status_code == 200
    for guess in ("HD-2222-2222", "HD-3333-3333", "HD-4444-4444"):
        assert lechan_client.get(f"/hoi-dap/theo-doi/{guess}/").status_code == 404
    stopped = lechan_client.get("/hoi-dap/theo-doi/HD-5555-5555/")
    assert stopped.status_code == 429
    assert int(stopped["Retry-After"]) > 0
    assert "tra cứu quá nhiều mã không đúng" in stopped.content.decode()
    # From then on even a right code waits: a guesser cannot tell it found one.
    assert lechan_client.get(own).status_code == 429
    # Another address is not affected.
    other = lechan_client.get(own, REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 200


@shared_portals
def test_invalid_input_gets_vietnamese_messages_and_keeps_text(portals, lechan_client):
    cases = [
        ({"email": "", "phone": ""}, "thư điện tử hoặc số điện thoại"),
        ({"email": "khong-phai-email"}, "thư điện tử không hợp lệ"),
        ({"email": "", "phone": "12345"}, "Số điện thoại không hợp lệ"),
        ({"name": "   "}, "Vui lòng điền mục này"),
        ({"title": "x" * 301}, "Tối đa 300 ký tự"),
        ({"topic": "999999"}, "chủ đề trong danh sách"),
        ({"site": "abc"}, "cơ quan trong danh sách"),
    ]
    for overrides, message in cases:
        data = valid_data(portals, text="Nội dung phải được giữ lại", **overrides)
        response = lechan_client.post(ASK_URL, data)
        assert response.status_code == 400, overrides
        body = response.content.decode()
        assert message.lower() in body.lower(), (overrides, message)
        assert "Nội dung phải được giữ lại" in body
    assert not Question.objects.exists()


@shared_portals
def test_phone_only_is_enough_and_normalized(portals, lechan_client):
    data = valid_data(portals, email="", phone="+84 912.345.678")
    assert lechan_client.post(ASK_URL, data).status_code == 302
    assert Question.objects.get().phone == "0912345678"
    assert not mail.outbox


@shared_portals
def test_failing_mail_server_keeps_submission(
    portals, lechan_client, settings, django_capture_on_commit_callbacks, caplog
):
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=ConnectionRefusedError("SMTP down"),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = lechan_client.post(ASK_URL, valid_data(portals))
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.title == "Hỏi về thủ tục đăng ký khai sinh"
    follow = lechan_client.get(response["Location"])
    assert (
        follow.status_code == 200 and question.tracking_code in follow.content.decode()
    )
    assert "receipt e-mail" in caplog.text


@shared_portals
def test_database_failure_apologizes_and_keeps_form_text(portals, lechan_client):
    data = valid_data(portals, text="Câu hỏi dài tôi đã mất công viết")
    with mock.patch(
        "congtin.questions.models.Question.save",
        side_effect=OperationalError("database is locked"),
    ):
        response = lechan_client.post(ASK_URL, data)
    assert response.status_code == 503
    page = soup(response)
    assert "Xin lỗi" in page.get_text()
    assert page.find("textarea", attrs={"name": "text"}).get_text().strip() == (
        "Câu hỏi dài tôi đã mất công viết"
    )
    assert page.find("input", attrs={"name": "name"})["value"] == "Nguyễn Văn An"
    assert not Question.objects.exists()


@shared_portals
def test_honeypot_rejects_with_400_and_saves_nothing(portals, lechan_client):
    response = lechan_client.post(ASK_URL, valid_data(portals, website="http://spam"))
    assert response.status_code == 400
    assert "ô ẩn" in response.content.decode()
    assert not Question.objects.exists()


@shared_portals
def test_rate_limit_per_ip_and_per_contact(portals, lechan_client, settings):
    settings.PUBLIC_FORMS_IP_LIMIT = 3
    settings.PUBLIC_FORMS_CONTACT_LIMIT = 2
    settings.PUBLIC_FORMS_CHALLENGE_AFTER = None
    # The same contact from different addresses: the contact limit stops the third.
    for n, ip in enumerate(["10.0.0.1", "10.0.0.2", "10.0.0.3"]):
        response = lechan_client.post(ASK_URL, valid_data(portals), REMOTE_ADDR=ip)
        assert response.status_code == (302 if n < 2 else 429)
    assert "thử lại sau" in response.content.decode()
    assert response["Retry-After"]
    # Different contacts from one address: the IP limit stops the fourth.
    codes = [
        lechan_client.post(
            ASK_URL,
            valid_data(portals, email=f"nguoi{n}@example.com"),
            REMOTE_ADDR="10.9.9.9",
        ).status_code
        for n in range(4)
    ]
    assert codes == [302, 302, 302, 429]
    assert Question.objects.count() == 5


@shared_portals
def test_challenge_after_repeated_submissions_is_a_proof_of_work(
    portals, lechan_client, settings
):
    light(settings)
    settings.PUBLIC_FORMS_CHALLENGE_AFTER = 1
    assert lechan_client.post(ASK_URL, valid_data(portals)).status_code == 302
    page = lechan_client.get(ASK_URL)
    form = soup(page).find("form", class_="question-form")
    # Nothing a script could read off the page and answer: no question, only a
    # signed challenge that costs work to solve.
    assert form.find(attrs={"name": "challenge_answer"}) is None
    assert "bằng bao nhiêu" not in form.get_text()
    widget = form.find("altcha-widget")
    assert (widget["name"], widget["language"], widget["auto"]) == (
        "altcha",
        "vi",
        "onsubmit",
    )
    assert form.find("legend").get_text() == "Kiểm tra chống gửi tự động"
    assert "không chạy JavaScript" in form.find("noscript").get_text()
    scripts = [tag["src"] for tag in form.find_all("script")]
    assert all(src.startswith("/static/core/") for src in scripts), scripts
    data = valid_data(portals, email="b@example.com", challenge_wait=wait_token(page))
    response = lechan_client.post(ASK_URL, {**data, "altcha": solve(page)})
    assert response.status_code == 302
    assert Question.objects.count() == 2


@shared_portals
def test_a_challenge_that_became_due_meanwhile_is_asked_for(
    portals, lechan_client, settings
):
    light(settings)
    settings.PUBLIC_FORMS_CHALLENGE_AFTER = 1
    # Two forms shown before anyone at this address sent one: neither has a challenge.
    assert soup(lechan_client.get(ASK_URL)).find("altcha-widget") is None
    assert lechan_client.post(ASK_URL, valid_data(portals)).status_code == 302
    data = valid_data(portals, email="e@example.com", title="Câu hỏi của người thứ hai")
    response = lechan_client.post(ASK_URL, data)
    assert response.status_code == 400
    assert "cần thêm một bước kiểm tra chống gửi tự động" in response.content.decode()
    _assert_kept(response, data)
    sent = lechan_client.post(
        ASK_URL,
        {**data, "altcha": solve(response), "challenge_wait": wait_token(response)},
    )
    assert sent.status_code == 302
    assert Question.objects.count() == 2


def _assert_kept(response, data):
    page = soup(response)
    assert page.find("input", attrs={"name": "title"})["value"] == data["title"]
    assert (
        page.find("textarea", attrs={"name": "text"}).get_text().strip()
        == (data["text"])
    )
    assert page.find("input", attrs={"name": "email"})["value"] == data["email"]


@shared_portals
def test_made_up_or_replayed_solutions_are_refused_and_the_form_kept(
    portals, lechan_client, settings
):
    light(settings)
    settings.PUBLIC_FORMS_CHALLENGE_AFTER = 0
    page = lechan_client.get(ASK_URL)
    payload = solve(page)
    data = valid_data(portals, challenge_wait=wait_token(page))
    assert lechan_client.post(ASK_URL, {**data, "altcha": payload}).status_code == 302

    second = {**data, "email": "c@example.com", "title": "Câu hỏi thứ hai <b>x</b>"}
    forged = json.loads(base64.b64decode(payload))
    forged["solution"]["counter"] += 1
    attempts = [
        (payload, "đã được dùng cho một lần gửi khác"),  # replayed
        ("bWFkZSB1cA==", "Không xác nhận được bước kiểm tra"),  # made up
        (
            base64.b64encode(json.dumps(forged).encode()).decode(),
            "Không xác nhận được bước kiểm tra",
        ),
    ]
    for value, message in attempts:
        response = lechan_client.post(ASK_URL, {**second, "altcha": value})
        assert response.status_code == 400
        assert message in response.content.decode()
        _assert_kept(response, second)
        # A new challenge to solve for the next try.
        assert challenge_of(response) != challenge_of(page)
    assert Question.objects.count() == 1


@shared_portals
def test_without_javascript_the_time_lock_lets_the_reader_send(
    portals, lechan_client, settings
):
    settings.PUBLIC_FORMS_CHALLENGE_AFTER = 0
    settings.PUBLIC_FORMS_CHALLENGE_WAIT = 20
    with time_machine.travel("2026-12-01 09:00:00+07:00", tick=False) as traveller:
        page = lechan_client.get(ASK_URL)
        token = wait_token(page)
        # No "altcha" field: the widget never ran.
        data = valid_data(portals, challenge_wait=token)
        traveller.shift(8)
        early = lechan_client.post(ASK_URL, data)
        assert early.status_code == 400
        assert "Vui lòng chờ thêm 12 giây rồi bấm nút gửi lần nữa" in (
            early.content.decode()
        )
        _assert_kept(early, data)
        # The page shown again keeps the token: the wait counts from the first page.
        assert wait_token(early) == token
        assert Question.objects.count() == 0

        traveller.shift(12)
        sent = lechan_client.post(
            ASK_URL, {**data, "challenge_wait": wait_token(early)}
        )
        assert sent.status_code == 302
        # Spent: the same token cannot send a second question.
        again = lechan_client.post(ASK_URL, {**data, "email": "d@example.com"})
        assert again.status_code == 400
        assert "đã được dùng cho một lần gửi khác" in again.content.decode()
        assert wait_token(again) != token
    assert Question.objects.count() == 1


BAD_FILES = [
    ("to-khai.pdf", b"<html><script>alert(1)</script></html>", "không phải PDF"),
    ("anh.png", b"GIF89a" + b"\x00" * 40, "không phải PDF"),
    ("anh.jpg", b"\xff\xd8\xff\xe0" + b"hong" * 20, "không phải PDF"),
    ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 30, "không phải PDF"),
    ("trong.pdf", b"", "rỗng"),
]


@shared_portals
def test_attachments_judged_by_content(portals, lechan_client):
    for name, content, message in BAD_FILES:
        data = valid_data(
            portals, attachments=[upload(name, content, "application/pdf")]
        )
        response = lechan_client.post(ASK_URL, data)
        assert response.status_code == 400, name
        assert message in response.content.decode(), name
    assert not Question.objects.exists()


@shared_portals
def test_attachment_size_and_count_limits(portals, lechan_client, settings):
    settings.PUBLIC_FORMS_MAX_ATTACHMENT_BYTES = 1000
    big = upload("lon.pdf", pdf_bytes() + b"0" * 2000)
    response = lechan_client.post(ASK_URL, valid_data(portals, attachments=[big]))
    assert response.status_code == 400 and "vượt giới hạn" in response.content.decode()
    settings.PUBLIC_FORMS_MAX_ATTACHMENT_BYTES = 10_000
    many = [upload(f"t{n}.pdf", pdf_bytes()) for n in range(4)]
    response = lechan_client.post(ASK_URL, valid_data(portals, attachments=many))
    assert response.status_code == 400
    assert "tối đa 3 tệp" in response.content.decode()
    assert not Question.objects.exists()
