"""Search as a reader does it, in Debian's Chromium (/usr/bin/chromium) via Playwright.

Suggestions while typing (with the keyboard), submitting, highlighted results, and
the same search with JavaScript off. No browser is ever downloaded; without
Chromium the tests skip, except under CI=true.
"""

import re

import pytest

from congtin.conftest import launch_chromium

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread: the data must be committed.
    # Serialized rollback puts back what the migrations created (the root page).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def portal(demo, live_server):
    """The demo behind the live server; everything read before Chromium starts.

    While Playwright's event loop runs, Django hands this thread another
    connection object, so the tests read nothing from the database themselves.
    """
    _site_id, _root_url, path = demo["article"].get_url_parts()
    return {**demo, "url": live_server.url, "path": path}


@pytest.fixture
def browser(chromium, portal, monkeypatch):
    """Chromium started after the database is ready and closed before it is flushed."""
    with launch_chromium(chromium, monkeypatch) as browser:
        yield browser


def _expect_highlighted_first_result(page, title):
    from playwright.sync_api import expect

    first = page.locator("main ol.search-hits > li").first
    link = first.locator(".search-hit__title a")
    expect(link).to_have_text(title)
    marks = link.locator("mark")
    expect(marks.first).to_be_visible()
    # Marked as written in the title, although the reader typed no diacritics.
    assert "Giải" in marks.all_text_contents()
    background = marks.first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    expect(first.locator(".search-hit__snippet mark").first).to_be_visible()


def test_header_box_suggests_while_typing_then_searches(portal, new_page):
    from playwright.sync_api import expect

    seed = portal["seed"]
    page = new_page()
    page.goto(portal["url"] + "/")
    header = page.get_by_role("banner")
    box = header.get_by_label("Tìm kiếm", exact=True)
    expect(box).to_be_visible()
    # The script made the box a combobox that controls a (still hidden) listbox.
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-autocomplete", "list")
    expect(box).to_have_attribute("aria-expanded", "false")

    box.click()
    box.press_sequentially("giai phong mat", delay=40)
    listbox = header.get_by_role("listbox", name="Gợi ý tìm kiếm")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(box).to_have_attribute("aria-controls", listbox.get_attribute("id"))
    option = listbox.get_by_role("option", name=seed.title)
    expect(option).to_be_visible()
    # The list hangs under the box, not off to the side.
    box_box, list_box = box.bounding_box(), listbox.bounding_box()
    assert abs(list_box["y"] - (box_box["y"] + box_box["height"])) < 8

    # Keyboard: Down chooses, Escape closes and keeps the text.
    box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile("."))
    expect(box).to_have_value("giai phong mat")

    # Enter with no suggestion chosen submits the search.
    box.press_sequentially(" bang le chan", delay=20)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/tim-kiem/\?q=giai\+phong\+mat\+bang\+le\+chan$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tìm kiếm")
    expect(page.locator(".search-results__count")).to_have_text(
        re.compile(r"^Tìm thấy \d+ kết quả")
    )
    _expect_highlighted_first_result(page, seed.title)


def test_choosing_a_suggestion_with_the_keyboard_opens_the_article(portal, new_page):
    from playwright.sync_api import expect

    seed = portal["seed"]
    page = new_page()
    page.goto(portal["url"] + "/tim-kiem/")
    box = page.get_by_role("main").get_by_label("Từ khóa")
    box.click()
    box.press_sequentially("quan le chan xac dinh", delay=30)
    option = page.get_by_role("main").get_by_role("option", name=seed.title)
    expect(option).to_be_visible()
    box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    # Up from the first wraps to the last (here the same, the only one).
    box.press("ArrowUp")
    expect(option).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    page.wait_for_url(portal["url"] + portal["path"])
    expect(page.get_by_role("heading", level=1)).to_have_text(seed.title)


def test_search_works_without_javascript(portal, new_page):
    from playwright.sync_api import expect

    seed = portal["seed"]
    page = new_page(java_script_enabled=False)
    page.goto(portal["url"] + "/tim-kiem/")
    main = page.get_by_role("main")
    box = main.get_by_role("searchbox", name="Từ khóa")
    expect(box).not_to_have_attribute("role", "combobox")
    box.fill("giai phong mat bang le chan")
    main.get_by_label("Đến ngày").fill("2021-12-31")
    main.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_url(re.compile(r"/tim-kiem/\?q=giai"))
    assert "den-ngay=2021-12-31" in page.url
    expect(main.get_by_label("Đến ngày")).to_have_value("2021-12-31")
    _expect_highlighted_first_result(page, seed.title)

    # On a phone the results page does not scroll sideways.
    phone = new_page(
        viewport={"width": 375, "height": 812},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    phone.goto(page.url)
    phone.wait_for_load_state("load")
    assert phone.evaluate(
        "() => document.documentElement.scrollWidth <= window.innerWidth + 1"
    ), phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
