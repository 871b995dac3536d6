"""Text is stored in NFC whatever form it arrives in; slugs come out ASCII."""

import json
import unicodedata

import pytest
from wagtail.models import Revision

from congtin.core.tests.factories import SiteFactory
from congtin.news.models import ArticlePage
from congtin.news.tests.factories import NewsIndexPageFactory

NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731


def news_section():
    return NewsIndexPageFactory(parent=SiteFactory().root_page, slug="quan-huyen")


@pytest.mark.django_db
def test_page_fields_body_and_revisions_are_stored_nfc():
    section = news_section()
    article = ArticlePage(
        title=NFD("Đẩy mạnh quản lý đất đai"),
        lead=NFD("Sapo có dấu: thuỷ lợi, hoà bình."),
        body=[("paragraph", NFD("<p>Giải phóng mặt bằng</p>"))],
        author=NFD("Hoàng Tùng"),
    )
    section.add_child(instance=article)
    revision = article.save_revision()
    revision.publish()

    stored = ArticlePage.objects.get(pk=article.pk)
    assert stored.title == "Đẩy mạnh quản lý đất đai"
    assert unicodedata.is_normalized("NFC", stored.lead)
    assert stored.author == "Hoàng Tùng"
    assert stored.body.raw_data[0]["value"] == "<p>Giải phóng mặt bằng</p>"
    assert stored.slug == "day-manh-quan-ly-dat-dai"
    content = Revision.objects.get(pk=revision.pk).content
    assert content["title"] == "Đẩy mạnh quản lý đất đai"
    assert json.loads(content["body"])[0]["value"] == "<p>Giải phóng mặt bằng</p>"


@pytest.mark.django_db
def test_duplicate_titles_get_numbered_slugs():
    section = news_section()
    slugs = []
    for _ in range(2):
        article = ArticlePage(title="Đẩy mạnh quản lý đất đai", lead="x", body=[])
        section.add_child(instance=article)
        slugs.append(article.slug)
    assert slugs == ["day-manh-quan-ly-dat-dai", "day-manh-quan-ly-dat-dai-2"]


@pytest.mark.django_db
def test_admin_create_form_slugs_vietnamese_and_stores_nfc(admin_client):
    section = news_section()
    url = f"/admin/pages/add/news/articlepage/{section.pk}/"
    form_page = admin_client.get(url)
    assert form_page.status_code == 200
    # The admin slug widget turns đ into d before Wagtail transliterates.
    assert "data-w-slug-formatters-value" in form_page.content.decode()
    assert "\\u0111" in form_page.content.decode() or "đ" in form_page.content.decode()

    data = {
        "title": NFD("Đẩy mạnh quản lý đất đai, đô thị"),
        "slug": "",
        "date": "21/12/2021 18:00",
        "lead": NFD("Sapo thử nghiệm"),
        "author": "",
        "tags": "",
        "body-count": "0",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
        "related_links-MIN_NUM_FORMS": "0",
        "related_links-MAX_NUM_FORMS": "1000",
        "comment_notifications": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = ArticlePage.objects.get(lead="Sapo thử nghiệm")
    assert page.title == "Đẩy mạnh quản lý đất đai, đô thị"
    assert page.slug == "day-manh-quan-ly-dat-dai-do-thi"
