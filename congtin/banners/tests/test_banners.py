"""Banners and link blocks: shown in their slot of their own portal only, in their
dates (the page cache purged when one starts or ends), their clicks counted
through /bn/<id>/, kept by their own portal's staff only."""

from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from congtin.banners import schedule
from congtin.banners.models import Banner, LinkBlock
from congtin.pagecache import store
from congtin.pagecache.tests.helpers import commit_pending_purges
from congtin.portals.tests.factories import UserFactory

from .conftest import CITY, OTHER, shared_portals
from .factories import BannerFactory, LinkBlockFactory

pytestmark = [pytest.mark.django_db, shared_portals]

SNIPPETS = "wagtailsnippets_banners_banner"
LINK_SNIPPETS = "wagtailsnippets_banners_linkblock"


def html_of(url, host=CITY, client=None):
    response = (client or Client()).get(url, HTTP_HOST=host)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_each_slot_shows_its_portals_banners_and_links(portals):
    city, other = portals["city"].site, portals["other"].site
    top = BannerFactory(site=city, slot="home_top", alt_text="Hải Phòng số")
    side = BannerFactory(site=city, slot="home_side", alt_text="Cổng dịch vụ công")
    BannerFactory(site=city, slot="home_side", alt_text="Tạm ẩn", is_active=False)
    BannerFactory(site=city, slot="every_page", alt_text="Trang nào cũng có")
    BannerFactory(site=other, slot="home_side", alt_text="Của quận")
    unlinked = BannerFactory(site=city, slot="home_side", alt_text="Không liên kết")
    unlinked.link_url = ""
    unlinked.save()
    LinkBlockFactory(
        site=city,
        links=[
            ("Chính phủ", "https://chinhphu.vn/"),
            ("Văn bản pháp luật", "https://vbpl.vn/"),
        ],
    )

    home = html_of("/")
    top_slot = home.select_one(".banner-slot--home_top")
    assert [img["alt"] for img in top_slot.select("img")] == ["Hải Phòng số"]
    assert top_slot.a["href"] == f"/bn/{top.pk}/"
    side_slot = home.select_one(".banner-slot--home_side")
    alts = [img["alt"] for img in side_slot.select("img")]
    assert alts == ["Cổng dịch vụ công", "Không liên kết"]
    assert side_slot.select_one(f"a[href='/bn/{side.pk}/']") is not None
    # An image without a link is not wrapped in one.
    assert side_slot.select("img")[1].parent.name == "li"
    block = side_slot.select_one("nav.link-block")
    assert block.h2.get_text() == "Liên kết website"
    assert [a["href"] for a in block.select("a")] == [
        "https://chinhphu.vn/",
        "https://vbpl.vn/",
    ]
    # The image is a rendition sized for the slot, with its own width and height.
    img = side_slot.img
    assert img["src"].startswith("/media/images/") and int(img["width"]) <= 360
    assert "Tạm ẩn" not in str(home) and "Của quận" not in str(home)

    # Every page of the portal has the every-page slot, the home slots only home.
    about = html_of("/gioi-thieu/")
    assert about.select_one(".banner-slot--home_side") is None
    aside = about.select_one("aside.banner-slot--every_page")
    assert aside["aria-label"] == "Banner và liên kết"
    assert aside.img["alt"] == "Trang nào cũng có"

    district = html_of("/", host=OTHER)
    assert [i["alt"] for i in district.select(".banner-slot img")] == ["Của quận"]
    assert district.select_one(".banner-slot--every_page") is None


def test_a_page_with_nothing_to_show_has_no_empty_slot(portals):
    home = html_of("/")
    assert home.select(".banner-slot") == []


@pytest.fixture
def page_cache():
    store.shared_cache().clear()
    with override_settings(PAGE_CACHE_SECONDS=600):
        yield


def test_banners_start_and_end_on_cached_pages(
    portals, page_cache, django_capture_on_commit_callbacks
):
    now = timezone.now()
    BannerFactory(
        site=portals["city"].site,
        alt_text="Tuần lễ chuyển đổi số",
        shows_from=now + timedelta(seconds=30),
        shows_until=now + timedelta(seconds=90),
    )
    commit_pending_purges()
    schedule.purge_at_boundaries()  # the first round only notes the time

    def shown():
        response = Client().get("/", HTTP_HOST=CITY)
        return "Tuần lễ chuyển đổi số" in response.content.decode(), response

    assert shown()[0] is False
    assert shown()[1]["X-Page-Cache"] == "hit"
    with time_machine.travel(now + timedelta(seconds=45), tick=False):
        # Still the cached page, until the scheduler's round.
        visible, response = shown()
        assert visible is False and response["X-Page-Cache"] == "hit"
        with django_capture_on_commit_callbacks(execute=True):
            assert schedule.purge_at_boundaries()
        assert shown()[0] is True
        # A round with nothing crossing leaves the cache alone.
        assert schedule.purge_at_boundaries() is None
        assert shown()[1]["X-Page-Cache"] == "hit"
    with time_machine.travel(now + timedelta(seconds=120), tick=False):
        assert shown()[0] is True
        with django_capture_on_commit_callbacks(execute=True):
            assert schedule.purge_at_boundaries()
        assert shown()[0] is False


def test_click_counts_and_sends_to_the_stored_target(portals):
    city = portals["city"].site
    banner = BannerFactory(site=city, link_url="https://dichvucong.gov.vn/p/1")
    client = Client(HTTP_USER_AGENT="Mozilla/5.0 (Windows NT 10.0) Firefox/130.0")

    response = client.get(f"/bn/{banner.pk}/", HTTP_HOST=CITY)
    assert response.status_code == 302
    assert response["Location"] == "https://dichvucong.gov.vn/p/1"
    assert "no-cache" in response["Cache-Control"]
    client.get(f"/bn/{banner.pk}/?next=https://evil.example/", HTTP_HOST=CITY)
    banner.refresh_from_db()
    assert banner.clicks == 2

    # Robots and scripts are sent on but not counted.
    for agent in ("Googlebot/2.1", "curl/8.0", "facebookexternalhit/1.1", ""):
        response = Client(HTTP_USER_AGENT=agent).get(
            f"/bn/{banner.pk}/", HTTP_HOST=CITY
        )
        assert response.status_code == 302
    assert client.head(f"/bn/{banner.pk}/", HTTP_HOST=CITY).status_code == 302
    banner.refresh_from_db()
    assert banner.clicks == 2

    # A page of the portal as target: its address.
    about = portals["city"].home.get_children().get(slug="gioi-thieu")
    internal = BannerFactory(site=city, link_url="", link_page=about)
    response = client.get(f"/bn/{internal.pk}/", HTTP_HOST=CITY)
    assert response.status_code == 302
    assert response["Location"].endswith("/gioi-thieu/")

    # Unknown, unlinked, another portal's, or no id at all: 404, never a 500.
    unlinked = BannerFactory(site=city, link_url="")
    for url, host in (
        (f"/bn/{banner.pk + 1000}/", CITY),
        (f"/bn/{unlinked.pk}/", CITY),
        (f"/bn/{banner.pk}/", OTHER),
        ("/bn/" + "9" * 25 + "/", CITY),
        ("/bn/-1/", CITY),
        ("/bn/abc/", CITY),
    ):
        assert client.get(url, HTTP_HOST=host).status_code == 404, url
    banner.refresh_from_db()
    assert banner.clicks == 2


def test_bad_input_is_refused_with_a_vietnamese_message(portals):
    city = portals["city"].site
    banner = BannerFactory.build(
        site=city, link_url="javascript:alert(1)", alt_text="  "
    )
    banner.image.save()
    with pytest.raises(Exception) as error:
        banner.full_clean()
    messages = str(error.value)
    assert "alt_text" in messages and "link_url" in messages

    now = timezone.now()
    both = BannerFactory.build(
        site=city,
        link_page=portals["city"].home,
        shows_from=now,
        shows_until=now - timedelta(days=1),
    )
    both.image.save()
    with pytest.raises(Exception) as error:
        both.full_clean()
    assert "Chỉ chọn một" in str(error.value)
    assert "Thời điểm kết thúc phải sau thời điểm bắt đầu" in str(error.value)


def form_fields(site, **extra):
    fields = {
        "site": site.pk,
        "title": "Banner mới",
        "slot": "home_side",
        "alt_text": "Cổng dịch vụ công quốc gia",
        "link_url": "https://dichvucong.gov.vn/",
        "sort_order": 0,
        "is_active": "on",
    }
    return {**fields, **extra}


def test_staff_keep_their_own_portals_banners_only(client, portals):
    city, other = portals["city"], portals["other"]
    chief = UserFactory(groups=[other.groups.chiefs])
    editor = UserFactory(groups=[other.groups.editors])
    reporter = UserFactory(groups=[other.groups.reporters])
    mine = BannerFactory(site=other.site, title="Banner của quận")
    theirs = BannerFactory(site=city.site, title="Banner của thành phố")
    block = LinkBlockFactory(site=city.site, title="Liên kết thành phố")
    image = mine.image

    client.force_login(chief)
    listing = client.get(reverse(f"{SNIPPETS}:list")).content.decode()
    assert "Banner của quận" in listing and "Banner của thành phố" not in listing
    assert "Số lượt nhấn" in listing
    assert client.get(reverse(f"{SNIPPETS}:edit", args=[mine.pk])).status_code == 200
    for view in ("edit", "delete", "history"):
        url = reverse(f"{SNIPPETS}:{view}", args=[theirs.pk])
        assert client.get(url).status_code == 404, view
    assert (
        client.post(reverse(f"{SNIPPETS}:delete", args=[theirs.pk])).status_code == 404
    )
    url = reverse(f"{LINK_SNIPPETS}:edit", args=[block.pk])
    assert client.get(url).status_code == 404
    assert "Liên kết thành phố" not in client.get(
        reverse(f"{LINK_SNIPPETS}:list")
    ).content.decode("utf-8")

    add = reverse(f"{SNIPPETS}:add")
    form = client.get(add).content.decode()
    assert f'value="{other.site.pk}"' in form and f'value="{city.site.pk}"' not in form
    # Another portal's id, a script link, no alternative text: refused, nothing saved.
    for bad in (
        {"site": city.site.pk},
        {"link_url": "javascript:alert(1)"},
        {"alt_text": ""},
    ):
        fields = {**form_fields(other.site, image=image.pk), **bad}
        response = client.post(add, fields)
        assert response.status_code == 200, bad
    assert not Banner.objects.filter(title="Banner mới").exists()
    response = client.post(add, form_fields(other.site, image=image.pk))
    assert response.status_code == 302
    assert Banner.objects.get(title="Banner mới").site == other.site

    # Editors correct the portal's banners, but add none; reporters do neither.
    client.force_login(editor)
    assert client.get(reverse(f"{SNIPPETS}:edit", args=[mine.pk])).status_code == 200
    assert client.get(add).status_code in (302, 403)
    client.force_login(reporter)
    assert client.get(reverse(f"{SNIPPETS}:edit", args=[mine.pk])).status_code in (
        302,
        403,
    )


def test_link_block_form_needs_a_link_per_row(client, portals):
    other = portals["other"]
    client.force_login(UserFactory(groups=[other.groups.chiefs]))
    add = reverse(f"{LINK_SNIPPETS}:add")
    fields = {
        "site": other.site.pk,
        "title": "Liên kết website",
        "slot": "home_side",
        "sort_order": 0,
        "is_active": "on",
        "items-TOTAL_FORMS": 1,
        "items-INITIAL_FORMS": 0,
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
        "items-0-title": "Chính phủ",
        "items-0-link_url": "",
        "items-0-ORDER": 1,
    }
    assert client.post(add, fields).status_code == 200
    assert not LinkBlock.objects.exists()
    fields["items-0-link_url"] = "https://chinhphu.vn/"
    assert client.post(add, fields).status_code == 302
    block = LinkBlock.objects.get()
    assert block.site == other.site
    assert [item.title for item in block.items.all()] == ["Chính phủ"]
