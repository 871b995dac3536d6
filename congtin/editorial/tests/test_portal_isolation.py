"""People of one portal see, choose and upload only within their own portal."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Site

from congtin.demo.placeholders import placeholder_emblem
from congtin.news.models import ArticlePage

from .admin_actions import add_article, client_for, news_section

pytestmark = pytest.mark.django_db

CITY_DRAFT = "Dự thảo tin thành phố chưa duyệt"
LECHAN_DRAFT = "Dự thảo tin Lê Chân chưa duyệt"


@pytest.fixture
def drafts(demo):
    add_article(
        client_for("haiphong.phongvien"), news_section("localhost"), title=CITY_DRAFT
    )
    add_article(
        client_for("lechan.phongvien"),
        news_section("lechan.localhost"),
        title=LECHAN_DRAFT,
    )
    return {
        "city": ArticlePage.objects.get(title=CITY_DRAFT),
        "lechan": ArticlePage.objects.get(title=LECHAN_DRAFT),
    }


def shows(response, text: str) -> bool:
    body = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        body = json.dumps(response.json(), ensure_ascii=False)
    return response.status_code == 200 and text in body


@pytest.mark.parametrize(
    "username", ["lechan.phongvien", "lechan.bientap", "lechan.truongban"]
)
def test_another_portals_draft_stays_hidden(drafts, username):
    client = client_for(username)
    city = drafts["city"]
    for url in (
        f"/admin/pages/{city.pk}/edit/",
        f"/admin/pages/{city.pk}/view_draft/",
        f"/admin/pages/{city.pk}/revisions/",
        f"/admin/pages/{city.get_parent().pk}/",
    ):
        assert not shows(client.get(url), CITY_DRAFT), url
    search = client.get("/admin/pages/search/", {"q": "Dự thảo"})
    assert not shows(search, CITY_DRAFT)
    # Their own portal's drafts are there for them.
    own = client.get(f"/admin/pages/{drafts['lechan'].get_parent().pk}/")
    assert shows(own, LECHAN_DRAFT)


def test_page_chooser_offers_only_own_portal(drafts):
    call_command("update_index", stdout=io.StringIO())
    client = client_for("lechan.bientap")
    city_home = Site.objects.get(hostname="localhost").root_page
    lechan_home = Site.objects.get(hostname="lechan.localhost").root_page
    root = client.get(reverse("wagtailadmin_choose_page"))
    assert shows(root, lechan_home.title)
    assert not shows(root, city_home.title)
    inside_city = client.get(
        reverse("wagtailadmin_choose_page_child", args=[city_home.pk])
    )
    assert not shows(inside_city, "Tin tức - Sự kiện")
    found = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Quận"})
    assert not shows(found, "Quận Lê Chân xác định Chủ đề năm 2022")
    # The seed article is a city page; the city's editors can choose it.
    city_found = client_for("haiphong.bientap").get(
        reverse("wagtailadmin_choose_page_search"), {"q": "chủ đề năm 2022"}
    )
    assert shows(city_found, "Quận Lê Chân xác định Chủ đề năm 2022")


@pytest.mark.parametrize("kind", ["image", "document"])
def test_upload_only_into_own_collection(demo, kind):
    client = client_for("lechan.phongvien")
    model = get_image_model() if kind == "image" else get_document_model()
    url = "/admin/images/add/" if kind == "image" else "/admin/documents/add/"
    content = placeholder_emblem()
    name = "anh.png" if kind == "image" else "van-ban.pdf"
    for portal in ("Thành phố Hải Phòng", "Quận Lê Chân"):
        collection = Collection.objects.get(name=portal)
        client.post(
            url,
            {
                "title": f"Tệp của {portal}",
                "collection": collection.pk,
                "tags": "",
                "file": SimpleUploadedFile(name, content),
            },
        )
    # With one collection allowed, Wagtail drops the field and files go there.
    assert model.objects.filter(collection__name="Quận Lê Chân").count() == 2
    assert not model.objects.filter(collection__name="Thành phố Hải Phòng").exists()


def test_image_chooser_lists_own_collection_only(demo):
    Image = get_image_model()
    for portal in ("Thành phố Hải Phòng", "Quận Lê Chân"):
        Image.objects.create(
            title=f"Ảnh riêng của {portal}",
            collection=Collection.objects.get(name=portal),
            file=SimpleUploadedFile("a.png", placeholder_emblem()),
        )
    listing = client_for("lechan.phongvien").get("/admin/images/chooser/")
    assert shows(listing, "Ảnh riêng của Quận Lê Chân")
    assert not shows(listing, "Ảnh riêng của Thành phố Hải Phòng")


def test_administrators_see_every_portal(drafts):
    client = client_for("quantri")
    for draft in drafts.values():
        assert shows(client.get(f"/admin/pages/{draft.pk}/edit/"), draft.title)
    root = client.get(reverse("wagtailadmin_choose_page"))
    assert shows(root, "Cổng thông tin điện tử Quận Lê Chân")
    assert shows(root, "Cổng thông tin điện tử Thành phố Hải Phòng")
