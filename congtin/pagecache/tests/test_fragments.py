"""Kept page parts (``pagecache.fragments``): survive a publish elsewhere, go
stale with what they show."""

import re

import pytest
from django.test import Client
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from congtin.core.models import AgencySettings
from congtin.core.tests.factories import SiteFactory
from congtin.news.tests.factories import ArticlePageFactory, NewsIndexPageFactory
from congtin.pagecache import fragments, store

from .helpers import commit_pending_purges

pytestmark = pytest.mark.django_db

HOST = "phan.localhost"


@pytest.fixture
def portal():
    site = SiteFactory(hostname=HOST)
    section = NewsIndexPageFactory(parent=site.root_page, publish=True)
    return site, section


def show(page) -> str:
    response = Client().get(page.get_url_parts()[2], HTTP_HOST=HOST)
    assert response.status_code == 200
    return response.content.decode()


def link_to(html: str, text: str) -> str:
    found = re.search(rf'<a href="([^"]*)">{text}</a>', html)
    assert found, f"no link {text!r}"
    return found.group(1)


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    commit_pending_purges()


def test_a_publish_elsewhere_keeps_the_parts_and_empties_the_page_cache(
    portal, django_capture_on_commit_callbacks
):
    site, section = portal
    commit_pending_purges()
    parts, pages = fragments.version(), store.current_version()
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=section, publish=True)
    assert fragments.version() == parts
    assert store.current_version() > pages


@pytest.mark.parametrize("change", ["agency", "image", "slug", "move"])
def test_what_the_parts_show_moves_their_version_on(
    portal, change, django_capture_on_commit_callbacks
):
    site, section = portal
    article = ArticlePageFactory(parent=section, publish=True)
    commit_pending_purges()
    before = fragments.version()
    with django_capture_on_commit_callbacks(execute=True):
        if change == "agency":
            AgencySettings.for_site(site).save()
        elif change == "image":
            get_image_model().objects.create(title="Ảnh", file=get_test_image_file())
        elif change == "slug":
            publish(section, slug="chuyen-muc-moi")
        else:
            other = NewsIndexPageFactory(parent=site.root_page, publish=True)
            article.move(other, pos="last-child")
    assert fragments.version() > before


def test_the_article_shows_its_new_revision_and_its_source_tag(portal):
    site, section = portal
    article = ArticlePageFactory(
        parent=section, publish=True, body=[("paragraph", "<p>Bản đầu tiên.</p>")]
    )
    assert "Bản đầu tiên." in show(article)
    assert "Bản đầu tiên." in show(article)  # from the kept part

    publish(article, body=[("paragraph", "<p>Bản thứ hai.</p>")])
    html = show(article)
    assert "Bản thứ hai." in html and "Bản đầu tiên." not in html

    agency = AgencySettings.for_site(site)
    agency.source_tag = "TTĐT Phấn"
    agency.save()
    commit_pending_purges()
    assert "TTĐT Phấn -" in show(article)


def test_a_link_follows_the_page_it_names(portal):
    site, section = portal
    target = ArticlePageFactory(parent=section, publish=True, slug="bai-dich")
    article = ArticlePageFactory(
        parent=section,
        publish=True,
        body=[
            (
                "paragraph",
                f'<p><a linktype="page" id="{target.pk}">Xem thêm</a></p>',
            )
        ],
    )
    assert link_to(show(article), "Xem thêm").endswith(f"/{section.slug}/bai-dich/")
    publish(target, slug="bai-dich-moi")
    assert link_to(show(article), "Xem thêm").endswith(f"/{section.slug}/bai-dich-moi/")


def test_a_preview_never_uses_or_fills_the_kept_parts(portal, admin_client):
    site, section = portal
    article = ArticlePageFactory(
        parent=section, publish=True, body=[("paragraph", "<p>Bản công khai.</p>")]
    )
    assert "Bản công khai." in show(article)
    article.body = [("paragraph", "<p>Bản nháp chưa duyệt.</p>")]
    article.save_revision()
    preview = admin_client.get(f"/admin/pages/{article.pk}/view_draft/")
    assert preview.status_code == 200
    assert "Bản nháp chưa duyệt." in preview.content.decode()
    assert "Bản công khai." in show(article)


def test_a_card_in_a_list_follows_its_article(portal):
    site, section = portal
    article = ArticlePageFactory(parent=section, publish=True, title="Tin cũ")
    assert ">Tin cũ</a>" in show(section)
    assert ">Tin cũ</a>" in show(section)  # the card from the kept part
    publish(article, title="Tin đã sửa")
    html = show(section)
    assert ">Tin đã sửa</a>" in html and ">Tin cũ</a>" not in html
