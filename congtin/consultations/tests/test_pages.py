"""The public pages: open, closed and not-yet-open drafts, the form, the list."""

import pytest
from bs4 import BeautifulSoup
from django.db import DatabaseError
from django.test import Client

from congtin.consultations.models import DraftComment
from congtin.core.tests.challenge_helpers import light, solve

from .conftest import form_data

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def textarea(soup):
    # Browsers drop the newline Django writes after <textarea>.
    return soup.select_one("textarea[name=text]").get_text().removeprefix("\n")


def url(page):
    return page.get_url(current_site=page.get_site())


@pytest.fixture
def http(client):
    client.defaults["HTTP_HOST"] = "localhost"
    return client


def test_open_draft_takes_a_comment_which_waits_for_moderation(portal, http):
    page = portal["open"]
    response = http.get(url(page))
    assert response.status_code == 200
    soup = soup_of(response)
    form = soup.select_one("form.comment-form")
    assert form is not None and form.select_one("[name=csrfmiddlewaretoken]")
    assert "Sở Tư pháp (thử)" in soup.select_one(".draft-meta").get_text()
    assert "Đang lấy ý kiến" in soup.get_text()

    response = http.post(url(page), form_data())
    assert response.status_code == 303
    assert response["Location"].startswith(url(page) + "?da-gui=1")
    comment = DraftComment.objects.get()
    assert comment.status == DraftComment.Status.PENDING
    assert comment.site == portal["site"]
    assert comment.contact == "thu@example.com"

    thanks = http.get(response["Location"])
    assert "Cảm ơn bạn đã góp ý" in thanks.content.decode()
    # Pending comments are not shown.
    assert "chiều rộng hè phố" not in thanks.content.decode()

    comment.status = DraftComment.Status.APPROVED
    comment.save()
    shown = http.get(url(page)).content.decode()
    assert "Đề nghị bổ sung quy định về chiều rộng hè phố tối thiểu." in shown
    assert "Nguyễn Văn Thử" in shown
    # Contact details never reach a public page.
    assert "thu@example.com" not in shown


def test_rejected_comment_is_not_shown(portal, http):
    page = portal["open"]
    DraftComment.objects.create(
        draft=page,
        name="A",
        contact="a@example.com",
        text="Ý kiến bị từ chối ở đây",
        status=DraftComment.Status.REJECTED,
    )
    assert "Ý kiến bị từ chối" not in http.get(url(page)).content.decode()


def test_closed_draft_has_no_form_refuses_posts_and_shows_the_summary(portal, http):
    page = portal["closed"]
    response = http.get(url(page))
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.select_one("form.comment-form") is None
    text = soup.get_text()
    assert "Đã hết thời gian lấy ý kiến" in text
    assert "Báo cáo tổng hợp, tiếp thu, giải trình" in text
    assert "Đã tiếp thu 2 ý kiến về cây bóng mát." in text

    response = http.post(url(page), form_data(text="Góp ý gửi sau khi đã hết hạn."))
    assert response.status_code == 410
    body = response.content.decode()
    assert "Đã hết thời gian lấy ý kiến" in body
    assert "không được ghi nhận" in body
    # Their text comes back so it is not lost, though nothing is saved.
    assert "Góp ý gửi sau khi đã hết hạn." in body
    assert DraftComment.objects.count() == 0


def test_not_yet_open_draft_says_when_it_opens_and_refuses_posts(portal, http):
    from congtin.core.vietnamese import format_datetime

    page = portal["upcoming"]
    response = http.get(url(page))
    soup = soup_of(response)
    assert soup.select_one("form.comment-form") is None
    assert f"bắt đầu từ {format_datetime(page.opens_at)}" in soup.get_text()
    assert "Báo cáo tổng hợp" not in soup.get_text()
    response = http.post(url(page), form_data())
    assert response.status_code == 403
    assert "chưa đến thời gian lấy ý kiến" in response.content.decode()
    assert DraftComment.objects.count() == 0


def test_the_period_is_read_at_the_moment_of_the_request(portal, http):
    import time_machine

    page = portal["open"]
    with time_machine.travel(page.closes_at, tick=False):
        response = http.post(url(page), form_data())
    assert response.status_code == 410
    assert DraftComment.objects.count() == 0


def test_index_lists_drafts_and_filters_by_status(portal, http):
    index_url = url(portal["index"])

    def titles(response):
        return [
            a.get_text(strip=True) for a in soup_of(response).select(".draft-list a")
        ]

    everything = titles(http.get(index_url))
    assert set(everything) == {
        "Dự thảo quy định hè phố",
        "Dự thảo kế hoạch cây xanh",
        "Dự thảo quy chế chợ",
    }
    assert titles(http.get(index_url + "?trang-thai=dang-lay-y-kien")) == [
        "Dự thảo quy định hè phố"
    ]
    assert titles(http.get(index_url + "?trang-thai=da-ket-thuc")) == [
        "Dự thảo kế hoạch cây xanh"
    ]
    assert titles(http.get(index_url + "?trang-thai=sap-mo")) == ["Dự thảo quy chế chợ"]
    # A page number that is not one is the first page; an unknown filter is a 400
    # (docs/architecture.md, "Bad request parameters").
    assert len(titles(http.get(index_url + "?trang=abc"))) == 3
    assert http.get(index_url + "?trang-thai=<x>").status_code == 400
    # The footer links the section.
    footer = soup_of(http.get("/")).select_one(".site-footer")
    assert footer.find("a", string="Lấy ý kiến dự thảo")["href"] == index_url


def test_csrf_is_required(portal):
    strict = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
    page_url = url(portal["open"])
    assert strict.post(page_url, form_data()).status_code == 403
    # With the token from the form it goes through.
    strict.get(page_url)
    token = strict.cookies["csrftoken"].value
    data = form_data(csrfmiddlewaretoken=token)
    assert strict.post(page_url, data).status_code == 303
    assert DraftComment.objects.count() == 1


def test_invalid_input_gives_vietnamese_messages_and_keeps_the_text(portal, http):
    page_url = url(portal["open"])
    cases = [
        (form_data(name=""), "Vui lòng điền mục này."),
        (form_data(contact="không phải liên hệ"), "thư điện tử hoặc số điện thoại"),
        (form_data(contact="a@b"), "Địa chỉ thư điện tử không hợp lệ"),
        (form_data(text="ngắn"), "ít nhất 10 ký tự"),
        (form_data(text="x" * 10_001), "Tối đa 10000 ký tự"),
        (form_data(name="n" * 201), "Tối đa 200 ký tự"),
    ]
    for data, message in cases:
        response = http.post(page_url, data)
        assert response.status_code == 400, data
        body = response.content.decode()
        assert message in body, message
        soup = soup_of(response)
        # What was typed comes back in the form.
        assert textarea(soup) == data["text"]
    assert DraftComment.objects.count() == 0
    for contact in ("0912 345 678", "+84 912.345.678", "(0225) 3842 123"):
        assert http.post(page_url, form_data(contact=contact)).status_code == 303
    assert DraftComment.objects.count() == 3


def test_honeypot_refuses_and_saves_nothing(portal, http):
    response = http.post(url(portal["open"]), form_data(website="http://spam"))
    assert response.status_code == 400
    assert "ô ẩn" in response.content.decode()
    assert DraftComment.objects.count() == 0


def test_rate_limit_per_ip_and_per_contact(portal, http, settings):
    settings.PUBLIC_FORMS_IP_LIMIT = 2
    settings.PUBLIC_FORMS_CONTACT_LIMIT = 100
    page_url = url(portal["open"])
    for i in range(2):
        assert (
            http.post(page_url, form_data(text=f"Góp ý số {i} đủ dài.")).status_code
            == 303
        )
    response = http.post(page_url, form_data(text="Góp ý thứ ba bị chặn."))
    assert response.status_code == 429
    assert response["Retry-After"]
    body = response.content.decode()
    assert "Bạn đã gửi quá nhiều lần" in body
    assert "Góp ý thứ ba bị chặn." in body  # kept in the form
    assert DraftComment.objects.count() == 2

    # Another address, same contact: the per-contact limit applies.
    settings.PUBLIC_FORMS_IP_LIMIT = 100
    # The three posts above counted for the contact (the refused one too).
    settings.PUBLIC_FORMS_CONTACT_LIMIT = 4
    other = Client(HTTP_HOST="localhost", REMOTE_ADDR="10.0.0.9")
    assert other.post(page_url, form_data(contact="THU@example.com")).status_code == 303
    assert other.post(page_url, form_data(contact="thu@example.com")).status_code == 429
    assert DraftComment.objects.count() == 3


def test_challenge_after_several_submissions(portal, http, settings):
    light(settings)
    settings.PUBLIC_FORMS_CHALLENGE_AFTER = 1
    page_url = url(portal["open"])
    assert http.post(page_url, form_data()).status_code == 303
    page = http.get(page_url)
    assert soup_of(page).select_one("form.comment-form altcha-widget") is not None
    text = "Góp ý lần hai: đề nghị ghi rõ thời hạn cấp phép."
    # A made-up solution: refused, the comment kept in the form, nothing saved.
    response = http.post(page_url, form_data(text=text, altcha="bWFkZSB1cA=="))
    assert response.status_code == 400
    assert "Không xác nhận được bước kiểm tra" in response.content.decode()
    assert textarea(soup_of(response)) == text
    assert DraftComment.objects.count() == 1
    # The proof of work the widget would post is accepted, once.
    payload = solve(response)
    assert http.post(page_url, form_data(text=text, altcha=payload)).status_code == 303
    replay = http.post(page_url, form_data(text=text, altcha=payload))
    assert replay.status_code == 400
    assert "đã được dùng cho một lần gửi khác" in replay.content.decode()
    assert DraftComment.objects.count() == 2


def test_database_failure_keeps_the_text_and_apologises(portal, http, monkeypatch):
    def broken_save(self, *args, **kwargs):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(DraftComment, "save", broken_save)
    text = "Góp ý quan trọng không được mất khi cơ sở dữ liệu lỗi."
    response = http.post(url(portal["open"]), form_data(text=text))
    assert response.status_code == 503
    body = response.content.decode()
    assert "Xin lỗi, hệ thống đang gặp sự cố" in body
    assert textarea(soup_of(response)) == text
    monkeypatch.undo()
    assert DraftComment.objects.count() == 0


def test_draft_is_found_by_the_portal_search(portal, http):
    from congtin.search.registry import source_for_kind

    portal["open"].save_revision().publish()  # the index follows publishing
    source = source_for_kind("consultations.draft")
    assert source.label == "Dự thảo"
    assert source.is_published(portal["open"])
    response = http.get("/tim-kiem/", {"q": "quy dinh he pho"})
    assert response.status_code == 200
    hits = [
        h.get_text(" ", strip=True) for h in soup_of(response).select(".search-hit")
    ]
    assert len(hits) == 1
    assert "Dự thảo quy định hè phố" in hits[0] and "Dự thảo" in hits[0]


def test_editors_can_create_sections_and_drafts(portal, client, django_user_model):
    from datetime import timedelta

    from django.core.exceptions import ValidationError

    from congtin.consultations.models import DraftDocumentPage, DraftIndexPage
    from congtin.core.models import HomePage

    assert DraftIndexPage in HomePage.allowed_subpage_models()
    assert DraftIndexPage.allowed_subpage_models() == [DraftDocumentPage]
    admin = django_user_model.objects.create_superuser("qt", "qt@example.com", "x")
    client.force_login(admin)
    add_url = f"/admin/pages/add/consultations/draftdocumentpage/{portal['index'].pk}/"
    response = client.get(add_url)
    assert response.status_code == 200
    assert "Cơ quan lấy ý kiến" in response.content.decode()
    draft = portal["open"]
    draft.closes_at = draft.opens_at - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        draft.full_clean()
    assert "Thời điểm kết thúc phải sau thời điểm bắt đầu." in str(error.value)
