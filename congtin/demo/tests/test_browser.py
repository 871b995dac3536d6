"""The demo seen through a real Chromium: what a reader sees, what an editor types.

Runs Debian's Chromium (/usr/bin/chromium) through Playwright's sync API; no
browser is ever downloaded. Without Chromium the tests skip, except under CI=true.
"""

import re

import pytest
from django.conf import settings as django_settings
from django.urls import re_path
from django.views.static import serve

from congtin import urls as project_urls
from congtin.conftest import launch_chromium

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread: the data must be committed.
    # Serialized rollback puts back what the migrations created (the root page).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


# The project serves uploads only with DEBUG (in production the web server does);
# the live server runs with DEBUG=False, so this test URLconf adds /media/ in
# front of the project's own patterns, for the photos to load as for a reader.
urlpatterns = [
    re_path(
        r"^media/(?P<path>.*)$", serve, {"document_root": django_settings.MEDIA_ROOT}
    ),
    *project_urls.urlpatterns,
]
handler404 = project_urls.handler404
handler500 = project_urls.handler500


@pytest.fixture
def portal(demo, live_server, settings):
    """The demo behind the live server, with uploads served.

    Everything the tests need from the database is read here, before Chromium
    starts: while Playwright's event loop runs, Django hands this thread another
    connection object (its connections are context-local).
    """
    from congtin.news.models import NewsIndexPage

    settings.ROOT_URLCONF = __name__
    article = demo["article"]
    _site_id, _root_url, path = article.get_url_parts()
    districts = NewsIndexPage.objects.get(title="Quận, huyện")
    assert article.get_parent().pk == districts.pk
    return {**demo, "url": live_server.url, "path": path, "districts_pk": districts.pk}


@pytest.fixture
def browser(chromium, portal, monkeypatch):
    """Chromium started after the database is ready and closed before it is flushed."""
    with launch_chromium(chromium, monkeypatch) as browser:
        yield browser


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= window.innerWidth + 1"
    )


def test_reader_follows_the_seed_article_from_the_home_page(portal, new_page):
    from playwright.sync_api import expect

    seed = portal["seed"]
    page = new_page()
    response = page.goto(portal["url"] + "/")
    assert response.status == 200
    assert page.url.startswith("http://localhost:")

    # 'localhost' on the live server's port is the Hai Phong portal (by hostname).
    header = page.get_by_role("banner")
    expect(header.locator(".brand__agency")).to_have_text("Thành phố Hải Phòng")
    expect(header.locator(".brand__title")).to_have_text(seed.header_title)

    page.get_by_role("link", name=seed.title, exact=True).first.click()
    page.wait_for_url(f"{portal['url']}{portal['path']}")
    page.wait_for_load_state("load")

    # What the reader sees of the article.
    expect(page.locator("h1")).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_text(seed.title)
    expect(page.get_by_text("Thời gian: 21/12/2021 18:00", exact=True)).to_be_visible()
    lead = page.locator(".article__lead")
    expect(lead).to_be_visible()
    expect(lead).to_have_text(re.compile(r"^\(Haiphong\.gov\.vn\) - Chiều 21/12"))

    captions = [text for kind, text in seed.body if kind == "image"]
    assert len(captions) == 4
    figcaptions = page.locator("article figure figcaption")
    expect(figcaptions).to_have_text(captions)
    for caption in captions:
        expect(page.get_by_text(caption, exact=True)).to_be_visible()

    images = page.locator("article figure img")
    expect(images).to_have_count(4)
    for index in range(4):
        image = images.nth(index)
        image.scroll_into_view_if_needed()  # loading="lazy"
        expect(image).to_be_visible()
        expect(image).to_have_attribute("alt", re.compile(r"\S"))
        loaded = image.evaluate(
            "img => img.decode().then(() => img.naturalWidth, () => 0)"
        )
        assert loaded > 0, f"photo {index + 1} did not load"

    expect(page.get_by_text("Hoàng Tùng", exact=True)).to_be_visible()

    footer = page.get_by_role("contentinfo")
    for line in (
        "Cơ quan quản lý: Văn phòng Ủy ban nhân dân thành phố Hải Phòng",
        "Trưởng Ban biên tập: Chánh Văn phòng Nguyễn Ngọc Tú",
        "Điện thoại: 0225.3821.055",
        "Email: congthongtindientu@haiphong.gov.vn",
    ):
        expect(footer.get_by_text(line, exact=True)).to_be_visible()
    email = footer.get_by_role("link", name="congthongtindientu@haiphong.gov.vn")
    expect(email).to_have_attribute("href", "mailto:congthongtindientu@haiphong.gov.vn")

    # On screen the source URL is for print only.
    source = page.locator("article p", has_text=re.compile(r"^Nguồn: "))
    expect(source).to_have_count(1)
    expect(source).to_be_hidden()
    menu = page.locator("header nav.main-menu")
    footer_box = page.locator("footer.site-footer")
    expect(menu).to_have_count(1)
    expect(footer_box).to_have_count(1)
    expect(menu).to_be_visible()

    # Printing: the article and its source, no menu, no footer.
    page.emulate_media(media="print")
    expect(menu).to_be_hidden()
    expect(page.get_by_role("link", name="Tin tức", exact=True)).to_have_count(0)
    expect(footer_box).to_be_hidden()
    expect(page.get_by_text("Cơ quan quản lý:")).to_be_hidden()
    expect(source).to_be_visible()
    expect(source).to_have_text(
        re.compile(r"^Nguồn: https?://\S+" + re.escape(portal["path"]) + "$")
    )
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.emulate_media(media="screen")

    # On a phone the page does not scroll sideways.
    phone = new_page(
        viewport={"width": 375, "height": 812},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    for url in (page.url, portal["url"] + "/"):
        phone.goto(url)
        phone.wait_for_load_state("load")
        assert phone.evaluate("window.innerWidth") == 375
        assert _no_horizontal_scroll(phone), (
            url,
            phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]"),
        )


def test_editor_gets_an_ascii_slug_from_a_vietnamese_title(portal, new_page):
    from playwright.sync_api import expect

    from congtin.demo.authenticator import DemoAuthenticator
    from congtin.demo.management.commands.load_demo import (
        DEMO_ADMIN_PASSWORD,
        DEMO_ADMIN_USERNAME,
    )

    page = new_page()
    page.goto(portal["url"] + "/admin/")
    page.locator("#id_username").fill(DEMO_ADMIN_USERNAME)
    page.locator("#id_password").fill(DEMO_ADMIN_PASSWORD)
    page.locator("#id_password").press("Enter")
    # The superuser's second factor: the code of the demo's authenticator secret.
    page.wait_for_url(re.compile(r"/admin/xac-thuc-hai-buoc/"))
    page.locator("#id_code").fill(DemoAuthenticator().code(DEMO_ADMIN_USERNAME))
    page.locator("#id_code").press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))

    page.goto(
        f"{portal['url']}/admin/pages/add/news/articlepage/{portal['districts_pk']}/"
    )
    title = page.locator("#id_title")
    expect(title).to_be_visible()
    title.click()
    title.press_sequentially("Đẩy mạnh quản lý đất đai", delay=20)
    title.blur()

    # The slug field sits in the Promote tab (hidden): read its value, not its text.
    slug = page.locator("#id_slug")
    expect(slug).to_have_count(1)
    expect(
        slug,
        "the admin slug widget must fold every Vietnamese letter, not only đ",
    ).to_have_value("day-manh-quan-ly-dat-dai")
    assert slug.input_value() == "day-manh-quan-ly-dat-dai"
