"""Accessibility of the public portal, in Debian's Chromium through Playwright.

axe-core (bundled by axe-playwright-python) checks one page of every public type
against WCAG 2.1 A and AA; the keyboard, the 640-pixel width (1280 pixels at 200 %
zoom) and the accessibility toolbar are driven as a reader would. docs/accessibility.md
"""

from urllib.parse import urlsplit

import pytest

from congtin.conftest import launch_chromium

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread: the data must be committed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_21_AA},
    "resultTypes": ["violations"],
}
BLOCKING = {"serious", "critical"}
NARROW = {"width": 640, "height": 800}
# The pages axe also checks in high contrast and on a narrow screen.
HIGH_CONTRAST_PAGES = (
    "home",
    "article",
    "documents",
    "draft with comment form",
    "target",
)


def _first_url(model, site, **filters):
    pages = model.objects.live().public()
    if "locale" not in filters:
        pages = pages.descendant_of(site.root_page)
    page = pages.filter(**filters).order_by("path").first()
    assert page is not None, f"the demo has no {model.__name__}"
    return page.get_url(current_site=site)


@pytest.fixture
def pages(full_demo, live_server):
    """One page of each public type, read before Chromium starts (see
    launch_chromium): name -> (URL, expected status)."""
    from django.utils import timezone
    from wagtail.models import Locale, Site

    from congtin.agency.models import ContactPage
    from congtin.consultations.models import DraftDocumentPage, DraftIndexPage
    from congtin.contact.models import ContactFormPage
    from congtin.core.models import HomePage
    from congtin.dialogues.models import DialogueIndexPage, DialoguePage
    from congtin.documents.models import DocumentIndexPage, LegalDocumentPage
    from congtin.media_library.models import GalleryIndexPage, PhotoAlbumPage, VideoPage
    from congtin.news.models import NewsIndexPage
    from congtin.opendata.models import (
        BudgetIndexPage,
        BudgetReportPage,
        StatisticSeriesPage,
        StatisticsIndexPage,
    )
    from congtin.polls.models import Poll
    from congtin.press.models import PressReleaseIndexPage, PressReleasePage
    from congtin.procedures.models import ProcedureIndexPage, ProcedurePage
    from congtin.programmes.models import (
        PlanningDocumentPage,
        PlanningIndexPage,
        ProjectIndexPage,
        ProjectPage,
        ResearchIndexPage,
        ResearchProjectPage,
    )
    from congtin.questions.models import AnswerPage, Question, QuestionIndexPage
    from congtin.schedule.models import ScheduleIndexPage
    from congtin.targets.models import AnnualPlan, Target

    city = Site.objects.get(hostname="localhost")
    district = Site.objects.get(hostname="lechan.localhost")
    vi = Locale.objects.get(language_code="vi")
    en = Locale.objects.get(language_code="en")
    questions = _first_url(QuestionIndexPage, city)
    # The demo's questions, answers and targets are the district's.
    question = Question.objects.filter(site=district).order_by("pk").first()
    plan = AnnualPlan.objects.filter(site=district).order_by("-year").first()
    target = Target.objects.filter(plan=plan).order_by("pk").first()
    assert question is not None and target is not None
    city_paths = {
        "home": "/",
        "section": _first_url(NewsIndexPage, city, locale=vi, depth__gt=3),
        "article": full_demo["article"].get_url(current_site=city),
        # The demo's seed article takes reader comments (two shown).
        "reader comment form": full_demo["article"].get_url(current_site=city)
        + "y-kien/",
        "documents": _first_url(DocumentIndexPage, city),
        "document": _first_url(LegalDocumentPage, city),
        "procedures": _first_url(ProcedureIndexPage, city),
        "procedure": _first_url(ProcedurePage, city),
        "schedule": _first_url(ScheduleIndexPage, city),
        "questions": questions,
        "question form": questions + "gui-cau-hoi/",
        "tracking form": questions + "theo-doi/",
        "drafts": _first_url(DraftIndexPage, city),
        "draft with comment form": _first_url(
            DraftDocumentPage, city, closes_at__gt=timezone.now()
        ),
        "send article form": f"/gui-bai/{full_demo['article'].pk}/",
        "article sent": f"/gui-bai/{full_demo['article'].pk}/da-gui/",
        "targets": "/chi-tieu/",
        "search results": "/tim-kiem/?q=H%E1%BA%A3i+Ph%C3%B2ng",
        "english home": _first_url(HomePage, city, locale=en),
        "english contact": _first_url(ContactPage, city, locale=en),
        "contact": _first_url(ContactPage, city, locale=vi),
        "contact form": _first_url(ContactFormPage, city),
        "press releases": _first_url(PressReleaseIndexPage, city),
        "press release": _first_url(PressReleasePage, city),
        "gallery": _first_url(GalleryIndexPage, city),
        "photo album": _first_url(PhotoAlbumPage, city),
        "video": _first_url(VideoPage, city),
        "budget reports": _first_url(BudgetIndexPage, city),
        "budget report": _first_url(BudgetReportPage, city),
        "statistics": _first_url(StatisticsIndexPage, city),
        "statistic series": _first_url(StatisticSeriesPage, city),
        "projects": _first_url(ProjectIndexPage, city),
        "project": _first_url(ProjectPage, city),
        "research": _first_url(ResearchIndexPage, city),
        "research project": _first_url(ResearchProjectPage, city),
        "plans": _first_url(PlanningIndexPage, city),
        "plan": _first_url(PlanningDocumentPage, city),
        "dialogues": _first_url(DialogueIndexPage, city),
        "dialogue with transcript": _first_url(DialoguePage, city),
        "poll with vote form": Poll.objects.get(site=city).get_url(),
    }
    district_paths = {
        "tracking page": question.get_tracking_url(),
        "answer": _first_url(AnswerPage, district),
        "targets plan": plan.get_url(),
        "information catalogue": "/danh-muc-thong-tin/",
        "target": target.get_url(),
        "upcoming dialogue": _first_url(DialoguePage, district),
        "dialogue question form": _first_url(DialoguePage, district) + "gui-cau-hoi/",
        "polls with results": "/tham-do-y-kien/",
        "closed poll": Poll.objects.get(site=district).get_url(),
    }
    port = live_server.url.rsplit(":", 1)[1]
    urls = {name: (live_server.url + path, 200) for name, path in city_paths.items()}
    # Chromium sends every *.localhost name to the loopback address.
    urls |= {
        name: (f"http://lechan.localhost:{port}{urlsplit(path).path}", 200)
        for name, path in district_paths.items()
    }
    urls["not found"] = (live_server.url + "/khong-co-trang-nay/", 404)
    return urls


@pytest.fixture
def portal(demo, live_server):
    return {"url": live_server.url, "article": demo["url"]}


@pytest.fixture
def browser(chromium, request, monkeypatch):
    # Whichever of the fixtures above the test uses, it is ready before Chromium.
    with launch_chromium(chromium, monkeypatch) as browser:
        yield browser


def _blocking_violations(axe, page) -> list[str]:
    results = axe.run(page, options=AXE_OPTIONS).response
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(" >> ".join(node["target"]) for node in violation["nodes"])
        for violation in results["violations"]
        if violation["impact"] in BLOCKING
    ]


def _horizontal_overflow(page):
    """None, or the document's and the window's widths when the page scrolls
    sideways."""
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    return widths if widths[0] > widths[1] else None


def test_every_public_page_type_passes_axe_and_fits_at_200_percent(pages, new_page):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    wide = new_page()
    narrow = new_page(viewport=NARROW)
    contrast = new_page()
    contrast.add_init_script("localStorage.setItem('congtin.contrast', 'high')")
    failures = {}
    for name, (url, status) in pages.items():
        response = wide.goto(url)
        assert response.status == status, (name, url, response.status)
        problems = _blocking_violations(axe, wide)

        narrow.goto(url)
        overflow = _horizontal_overflow(narrow)
        if overflow:
            problems.append(f"scrolls sideways at 640 px: {overflow}")
        if name in HIGH_CONTRAST_PAGES:
            problems += [f"640 px: {v}" for v in _blocking_violations(axe, narrow)]
            contrast.goto(url)
            assert contrast.evaluate(
                "document.documentElement.classList.contains('high-contrast')"
            )
            problems += [
                f"high contrast: {v}" for v in _blocking_violations(axe, contrast)
            ]
        if problems:
            failures[f"{name} {url}"] = problems
    assert not failures, "\n".join(
        f"{page}\n  " + "\n  ".join(problems) for page, problems in failures.items()
    )


def raise_alert():
    """An emergency alert up, as the city's chief editor raises it: on every page."""
    from datetime import timedelta

    from django.utils import timezone

    from congtin.banners.models import EmergencyAlert

    return EmergencyAlert.objects.create(
        kind=EmergencyAlert.Kind.STORM,
        level=EmergencyAlert.Level.DANGER,
        text="Bão số 3 đổ bộ, người dân hạn chế ra đường. (Minh họa)",
        link_url="https://haiphong.gov.vn/",
        ends_at=timezone.now() + timedelta(hours=1),
    )


def test_the_emergency_alert_passes_axe_at_both_levels(portal, new_page):
    from axe_playwright_python.sync_playwright import Axe
    from django.db import connections

    from congtin.banners.models import EmergencyAlert
    from congtin.core import chrome

    # Raised once every fixture is up, on a connection of its own: setting up the
    # demo copy ends the database sessions open before it (test_databases.py).
    connections.close_all()
    alert_raised = raise_alert()
    axe = Axe()
    failures = {}
    for level in (EmergencyAlert.Level.DANGER, EmergencyAlert.Level.WARNING):
        EmergencyAlert.objects.filter(pk=alert_raised.pk).update(level=level)
        chrome.invalidate()
        for name, page in (("wide", new_page()), ("narrow", new_page(viewport=NARROW))):
            page.goto(portal["url"] + portal["article"])
            assert page.locator(".emergency-alert").is_visible()
            problems = _blocking_violations(axe, page)
            if name == "narrow" and _horizontal_overflow(page):
                problems.append("scrolls sideways at 640 px")
            if problems:
                failures[f"{level} {name}"] = problems
    assert not failures, failures


def _focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(),
                cls: el.className,
                text: (el.textContent || "").trim().slice(0, 60),
                inMain: !!el.closest("main"),
                inFooter: !!el.closest("footer"),
                isSearch: el.matches("input[type=search]"),
                outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
            };
        }"""
    )


def test_keyboard_alone_reaches_everything_and_the_menu_opens_and_closes(
    portal, new_page
):
    from playwright.sync_api import expect

    page = new_page()
    page.goto(portal["url"] + "/")

    # The skip link comes first, shows itself and moves focus into the content.
    page.keyboard.press("Tab")
    first = _focused(page)
    assert first["cls"] == "skip-link", first
    assert first["text"] == "Bỏ qua, đến nội dung chính"
    assert first["outline"], first
    skip = page.locator(".skip-link")
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert _focused(page)["inMain"], _focused(page)

    # From the top, Tab alone passes the search box, the content and the footer;
    # every stop shows where the focus is, and nothing holds it.
    page.goto(portal["url"] + "/")
    stops = []
    for _ in range(200):
        page.keyboard.press("Tab")
        stop = _focused(page)
        if stop["tag"] == "body" or (stops and stop["cls"] == "skip-link"):
            break
        stops.append(stop)
    else:
        pytest.fail(f"Tab never left the page: last stops {stops[-5:]}")
    assert any(stop["isSearch"] for stop in stops)
    assert any(stop["inMain"] for stop in stops)
    assert stops[-1]["inFooter"], stops[-1]
    assert [stop for stop in stops if not stop["outline"]] == []

    # On a narrow screen the menu is a button that says whether it is open.
    phone = new_page(viewport=NARROW)
    phone.goto(portal["url"] + "/")
    toggle = phone.get_by_role("button", name="Menu")
    menu_links = phone.locator(".main-menu__list a")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu_links.first).to_be_hidden()
    toggle.focus()
    phone.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu_links.first).to_be_visible()
    phone.keyboard.press("Tab")
    expect(menu_links.first).to_be_focused()
    phone.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu_links.first).to_be_hidden()
    expect(toggle).to_be_focused()


def test_toolbar_and_shortcuts_keep_the_readers_choice_in_the_browser(portal, new_page):
    from playwright.sync_api import expect

    page = new_page()
    page.goto(portal["url"] + portal["article"])
    html = page.locator("html")
    toolbar = page.get_by_role("group", name="Công cụ hỗ trợ tiếp cận")
    larger = toolbar.get_by_role("button", name="Tăng cỡ chữ")
    contrast = toolbar.get_by_role("button", name="Tương phản cao")
    expect(contrast).to_have_attribute("aria-pressed", "false")

    def root_font_size():
        return page.evaluate(
            "parseFloat(getComputedStyle(document.documentElement).fontSize)"
        )

    assert root_font_size() == 16
    larger.click()
    larger.click()
    expect(html).to_have_attribute("data-text-size", "2")
    expect(toolbar.locator("output")).to_have_text("125%")
    assert root_font_size() == 20
    page.keyboard.press("Alt+Shift+5")
    expect(html).to_have_class("js high-contrast")
    expect(contrast).to_have_attribute("aria-pressed", "true")

    # Another page: the choice comes back from the browser, not from the server
    # (the page is the same cached one for every reader).
    page.goto(portal["url"] + "/")
    expect(html).to_have_attribute("data-text-size", "2")
    expect(html).to_have_class("js high-contrast")
    expect(contrast).to_have_attribute("aria-pressed", "true")
    for _ in range(6):
        page.keyboard.press("Alt+Shift+Equal")
    expect(html).to_have_attribute("data-text-size", "5")
    expect(larger).to_have_attribute("aria-disabled", "true")
    assert root_font_size() == 32
    # The largest text on a 1280-pixel screen still fits its width.
    assert _horizontal_overflow(page) is None

    page.keyboard.press("Alt+Shift+4")
    expect(page.locator(".search-box__input")).to_be_focused()
    page.keyboard.press("Alt+Shift+2")
    expect(page.locator("main")).to_be_focused()

    # The shortcuts are listed in the toolbar; Escape closes the list.
    help_summary = toolbar.get_by_text("Phím tắt", exact=True)
    help_summary.click()
    expect(toolbar.get_by_text("Đến ô tìm kiếm")).to_be_visible()
    page.keyboard.press("Escape")
    expect(toolbar.get_by_text("Đến ô tìm kiếm")).to_be_hidden()
    expect(help_summary).to_be_focused()

    page.keyboard.press("Alt+Shift+0")
    expect(html).not_to_have_attribute("data-text-size", "5")
    expect(html).to_have_class("js")
    assert root_font_size() == 16
    assert page.evaluate(
        "[localStorage.getItem('congtin.textSize'), localStorage.getItem('congtin.contrast')]"
    ) == [None, None]

    # Nothing the page runs is inline (the Content-Security-Policy allows only
    # the portal's own files).
    assert (
        page.evaluate(
            """() => [...document.querySelectorAll('script:not([src])')]
                 .filter(s => s.type !== 'application/ld+json').length
               + [...document.querySelectorAll('*')]
                 .filter(el => [...el.attributes].some(a => a.name.startsWith('on')))
                 .length"""
        )
        == 0
    )

    page.goto(portal["url"] + portal["article"])
    page.keyboard.press("Alt+Shift+1")
    page.wait_for_url(portal["url"] + "/")
