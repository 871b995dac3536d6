"""An article sent to someone ("Gửi bài") and saved as a PDF ("Lưu PDF")."""

import io
import unicodedata
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import PageViewRestriction

from congtin.core.tests.mail_servers import task_rows
from congtin.core.vietnamese import format_date
from congtin.news import pdf as article_pdf_module
from congtin.news.models import ArticlePage
from congtin.news.sharing import download_name
from congtin.pagecache import store
from congtin.settings import base as base_settings

pytestmark = pytest.mark.django_db

LECHAN = "lechan.localhost"


@pytest.fixture
def no_challenge(settings):
    settings.PUBLIC_FORMS_CHALLENGE_AFTER = None


def send_url(article):
    return f"/gui-bai/{article.pk}/"


def pdf_url(article):
    return f"/luu-pdf/{article.pk}/"


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def words(text: str) -> str:
    return " ".join(text.split())


def test_article_page_links_send_and_pdf(demo, city_client):
    article = demo["article"]
    page = BeautifulSoup(city_client.get(demo["url"]).content, "html.parser")
    tools = page.select_one(".article__tools")
    links = {a.get_text(strip=True): a["href"] for a in tools.find_all("a")}
    assert links["Gửi bài"] == send_url(article)
    assert links["Lưu PDF"] == pdf_url(article)
    # Links only: the cached article page carries no form.
    assert page.find("form", method="post") is None


def test_pdf_has_the_vietnamese_title_source_and_dates(demo, city_client):
    article, seed = demo["article"], demo["seed"]
    response = city_client.get(pdf_url(article))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    assert disposition.split('"')[1].isascii()
    assert "filename*=utf-8''" in disposition

    text = pdf_text(response.content)
    assert unicodedata.is_normalized("NFC", text)
    flat = words(text)
    title = unicodedata.normalize("NFC", seed.title)
    assert title in flat
    assert "Thời gian: 21/12/2021 18:00" in flat
    assert seed.lead[:60] in flat
    assert "Hoàng Tùng" in flat
    assert "Cổng thông tin điện tử thành phố Hải Phòng" in flat
    # The address may be wrapped across lines; it is all there, unbroken.
    assert f"Nguồn:http://localhost{demo['url']}" in "".join(text.split())
    assert f"Ngày lưu: {format_date(timezone.localdate())}" in flat
    # The font travels with the file: no reader needs DejaVu installed.
    assert b"/FontFile2" in response.content
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title == title
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
    ]
    assert f"http://localhost{demo['url']}" in links


def test_pdf_is_built_once_then_kept(demo, client):
    article = demo["article"]
    with mock.patch.object(
        article_pdf_module, "build_pdf", wraps=article_pdf_module.build_pdf
    ) as build:
        first = client.get(pdf_url(article), HTTP_HOST="localhost")
        second = client.get(pdf_url(article), HTTP_HOST="localhost")
    assert first.status_code == second.status_code == 200
    assert build.call_count == 1
    assert first.content == second.content


def test_pdf_is_kept_by_the_page_cache(demo, client, django_assert_num_queries):
    store.shared_cache().clear()
    with override_settings(PAGE_CACHE_SECONDS=600):
        first = client.get(pdf_url(demo["article"]), HTTP_HOST="localhost")
        assert first["X-Page-Cache"] == "miss"
        with django_assert_num_queries(0):
            second = client.get(pdf_url(demo["article"]), HTTP_HOST="localhost")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Disposition"] == first["Content-Disposition"]


def test_missing_image_file_leaves_the_image_out(demo, client):
    article = demo["article"]
    images = [b.value["image"] for b in article.body if b.block_type == "image"]
    assert images, "the seed article has images"
    for image in images:
        for rendition in image.renditions.all():
            rendition.file.storage.delete(rendition.file.name)
        image.renditions.all().delete()
        image.file.storage.delete(image.file.name)
    response = client.get(pdf_url(article), HTTP_HOST="localhost")
    assert response.status_code == 200
    assert demo["seed"].title in words(pdf_text(response.content))


def test_pdf_and_send_refuse_what_is_not_public(demo, client):
    article = demo["article"]
    section = article.get_parent()
    draft = ArticlePage(
        title="Bài chưa đăng (thử)", lead="Sapo.", body=[], slug="bai-chua-dang"
    )
    section.add_child(instance=draft)
    draft.unpublish()
    hidden = ArticlePage(title="Bài nội bộ (thử)", lead="Sapo.", body=[], slug="noi-bo")
    section.add_child(instance=hidden)
    hidden.save_revision().publish()
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.LOGIN
    )
    for url in (
        pdf_url(draft),
        send_url(draft),
        pdf_url(hidden),
        send_url(hidden),
        f"/gui-bai/{hidden.pk}/da-gui/",
        pdf_url(section),  # a section is no article
        "/luu-pdf/987654321/",
        "/gui-bai/987654321/",
        "/luu-pdf/99999999999999999999999/",  # past any database key
        "/luu-pdf/abc/",
    ):
        response = client.get(url, HTTP_HOST="localhost")
        assert response.status_code == 404, url
    # The city's article is not served by Lê Chân's portal.
    assert client.get(pdf_url(article), HTTP_HOST=LECHAN).status_code == 404
    assert client.get(send_url(article), HTTP_HOST=LECHAN).status_code == 404


def test_restricted_article_page_has_no_share_links(
    demo, city_client, django_user_model
):
    article = demo["article"]
    assert BeautifulSoup(city_client.get(demo["url"]).content, "html.parser").find(
        "a", string="Lưu PDF"
    )
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.LOGIN
    )
    city_client.force_login(django_user_model.objects.create_user("bandoc"))
    response = city_client.get(demo["url"])
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("h1").get_text(strip=True) == article.title
    assert page.find("a", string="Lưu PDF") is None
    assert page.find("a", string="Gửi bài") is None
    assert city_client.get(pdf_url(article)).status_code == 404
    assert city_client.get(send_url(article)).status_code == 404


def test_send_form_page(demo, city_client):
    article = demo["article"]
    response = city_client.get(send_url(article))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("h1").get_text(strip=True) == "Gửi bài viết cho người khác"
    form = page.find("form", method="post")
    names = {c.get("name") for c in form.find_all(["input", "textarea", "select"])}
    assert names == {"csrfmiddlewaretoken", "email", "name", "website"}
    assert form.find("textarea") is None
    assert page.find("a", href=demo["url"]).get_text(strip=True) == article.title
    for control in form.select("input[name=email], input[name=name]"):
        assert page.find("label", attrs={"for": control["id"]})


def test_send_queues_only_the_fixed_text(demo, city_client, no_challenge):
    article, seed = demo["article"], demo["seed"]
    response = city_client.post(
        send_url(article),
        {
            "email": "Nguoi.Nhan@Example.com",
            "name": "Nguyễn Văn An",
            "website": "",
            "message": "Mua hàng giá rẻ tại đây",  # no such field: ignored
            "subject": "Khuyến mãi",
        },
    )
    assert response.status_code == 303
    assert response["Location"] == f"/gui-bai/{article.pk}/da-gui/"
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["nguoi.nhan@example.com"]
    assert sent.subject == (
        f"Bài viết trên Cổng thông tin điện tử thành phố Hải Phòng: {seed.title}"
    )
    body = sent.body
    assert "Một bạn đọc tên “Nguyễn Văn An” đã gửi cho bạn bài viết sau" in body
    assert seed.title in body and article.lead in body
    assert f"Đọc toàn bài tại: http://localhost{demo['url']}" in body
    assert "Mua hàng" not in body and "Khuyến mãi" not in body
    assert not sent.attachments and not sent.reply_to
    confirmation = city_client.get(response["Location"])
    assert confirmation.status_code == 200
    text = BeautifulSoup(confirmation.content, "html.parser").get_text()
    assert "Đã nhận yêu cầu gửi bài" in text
    assert "nguoi.nhan" not in text and "Nguyễn Văn An" not in text


def test_send_without_a_name(demo, city_client, no_challenge):
    response = city_client.post(
        send_url(demo["article"]), {"email": "ban@example.vn", "website": ""}
    )
    assert response.status_code == 303
    assert "Một bạn đọc đã gửi cho bạn bài viết sau" in mail.outbox[0].body


def test_send_is_queued_for_the_worker(demo, city_client, settings, no_challenge):
    settings.EMAIL_BACKEND = base_settings.EMAIL_BACKEND
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "mail"],
        }
    }
    response = city_client.post(
        send_url(demo["article"]), {"email": "ban@example.vn", "website": ""}
    )
    assert response.status_code == 303
    assert not mail.outbox
    assert task_rows(queue_name="mail", status="READY").count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": ""}, "Vui lòng ghi thư điện tử của người nhận."),
        ({"email": "khong-phai-thu"}, "Địa chỉ thư điện tử không hợp lệ"),
        (
            {"email": "a@example.vn", "name": "Xem http://spam.example"},
            "Tên không được chứa địa chỉ",
        ),
        ({"email": "a@example.vn", "name": "ghé www.ban"}, "Tên không được chứa"),
        ({"email": "a@example.vn", "name": "mua-ngay.vn"}, "Tên không được chứa"),
        ({"email": "a@example.vn", "name": "a@b"}, "Tên không được chứa"),
        ({"email": "a@example.vn", "name": "Ă" * 61}, "60"),
    ],
)
def test_bad_input_is_a_400_in_vietnamese(
    demo, city_client, no_challenge, data, message
):
    response = city_client.post(send_url(demo["article"]), {**data, "website": ""})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not mail.outbox


def test_honeypot_sends_nothing(demo, city_client, no_challenge):
    response = city_client.post(
        send_url(demo["article"]),
        {"email": "a@example.vn", "website": "http://spam.example"},
    )
    assert response.status_code == 400
    assert not mail.outbox


def test_recipient_and_address_limits(demo, client, settings, no_challenge):
    settings.PUBLIC_FORMS_CONTACT_LIMIT = 2
    settings.PUBLIC_FORMS_IP_LIMIT = 3
    url = send_url(demo["article"])

    def post(email, ip):
        return client.post(
            url,
            {"email": email, "website": ""},
            HTTP_HOST="localhost",
            REMOTE_ADDR=ip,
        )

    assert post("a@example.vn", "10.0.0.1").status_code == 303
    assert post("A@Example.vn", "10.0.0.2").status_code == 303
    limited = post("a@example.vn", "10.0.0.3")
    assert limited.status_code == 429
    assert "Retry-After" in limited
    assert "quá nhiều lần" in limited.content.decode()
    for email in ("b@example.vn", "c@example.vn"):
        assert post(email, "10.0.0.9").status_code == 303
    assert post("d@example.vn", "10.0.0.9").status_code == 303
    assert post("e@example.vn", "10.0.0.9").status_code == 429
    assert len(mail.outbox) == 5


def test_challenge_after_a_few_sends(demo, city_client, settings):
    settings.PUBLIC_FORMS_CHALLENGE_AFTER = 1
    url = send_url(demo["article"])
    city_client.post(url, {"email": "a@example.vn", "website": ""})
    page = BeautifulSoup(city_client.get(url).content, "html.parser")
    assert page.find("legend", string="Kiểm tra chống gửi tự động")
    refused = city_client.post(url, {"email": "b@example.vn", "website": ""})
    assert refused.status_code == 400
    assert len(mail.outbox) == 1


def test_download_name_is_ascii_with_the_vietnamese_name_beside():
    header = download_name('Quận Lê Chân: "kỷ niệm" 2022/ngày 1')
    ascii_part, utf8_part = header.split("; filename*=")
    assert ascii_part.isascii()
    assert 'filename="quan-le-chan-ky-niem-2022-ngay-1.pdf"' in ascii_part
    assert utf8_part.startswith("utf-8''Qu%E1%BA%ADn%20L%C3%AA%20Ch%C3%A2n")
    assert "%2F" not in utf8_part and "%22" not in utf8_part


def test_an_alias_names_its_original_as_the_source(demo, client, no_challenge):
    from wagtail.models import Site

    from congtin.news.models import NewsIndexPage

    lechan = Site.objects.get(hostname=LECHAN)
    section = NewsIndexPage.objects.live().descendant_of(lechan.root_page).first()
    alias = demo["article"].create_alias(parent=section, update_slug="ban-sao-thu")
    original = f"http://localhost{demo['url']}"
    response = client.get(pdf_url(alias), HTTP_HOST=LECHAN)
    assert response.status_code == 200
    assert f"Nguồn:{original}" in "".join(pdf_text(response.content).split())
    sent = client.post(
        send_url(alias), {"email": "ban@example.vn", "website": ""}, HTTP_HOST=LECHAN
    )
    assert sent.status_code == 303
    assert f"Đọc toàn bài tại: {original}" in mail.outbox[0].body
