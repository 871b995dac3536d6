"""The Lê Chân newsroom in a real Chromium: write, send back, fix, pass, approve.

Every step goes through the Wagtail admin as its people use it, each person in
a browser context of their own; a city reporter tries to open the draft after
every step and is turned away each time. (Logging in is not what this test is
about: each person's context starts with a session cookie; the demo's browser
test logs in through the form.) Runs Debian's Chromium through
Playwright's sync API; no browser is ever downloaded. Without Chromium the test
skips, except under CI=true.
"""

import re
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

from congtin.conftest import BROWSER_TIMEOUT_MS as TIMEOUT_MS
from congtin.conftest import launch_chromium

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread: the data must be committed.
    # Serialized rollback puts back what the migrations created (the root page).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path("/tmp")

TITLE = "Lê Chân khánh thành nhà văn hóa tổ dân phố số 5"
FIRST_LEAD = "Sáng nay, phường Dư Hàng Kênh khánh thành nhà văn hóa"
FIXED_LEAD = (
    "Sáng 20/5, phường Dư Hàng Kênh khánh thành nhà văn hóa tổ dân phố số 5, "
    "tổng kinh phí gần 2 tỷ đồng."
)
AUTHOR = "Nguyễn Thị Hằng"
BODY = "Công trình gồm hội trường 120 chỗ ngồi và sân chơi cho thiếu nhi."
SEND_BACK = "Sapo thiếu ngày cụ thể và kinh phí, đề nghị bổ sung."
DENIED = "Rất tiếc, bạn không có quyền truy cập khu vực này."
EDIT_STEP = "Biên tập (Quận Lê Chân)"
CHIEF_STEP = "Phê duyệt (Quận Lê Chân)"
# Wagtail's editor counts edits (and autosaves them) only once it has taken
# its snapshot of the form; this marks when it has.
WATCH_EDITS = """
document.addEventListener("w-unsaved:watch-edits", () => {
    window.congtinWatchingEdits = true;
});
"""
# Only the live server is reached; anything else (avatars) fails at once.
OUTSIDE = re.compile(r"^https?://(?!(lechan\.)?localhost[:/])")
# "Approve" goes straight through; its twin "with comment" opens a modal first.
APPROVE = "[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"


PEOPLE = (
    "lechan.phongvien",
    "haiphong.phongvien",
    "lechan.bientap",
    "lechan.truongban",
)


@pytest.fixture
def newsroom(demo, live_server):
    """The Lê Chân news section and each person's session, made before Chromium
    starts.

    While Playwright's event loop runs, Django hands this thread another
    connection object (its connections are context-local): what the test needs
    beforehand is read here, what the browser changes is read by ``read_db``.
    """
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from wagtail.models import Site

    from congtin.news.models import NewsIndexPage

    sessions = {}
    for user in get_user_model().objects.filter(username__in=PEOPLE):
        client = Client()
        client.force_login(user)
        sessions[user.username] = client.cookies[settings.SESSION_COOKIE_NAME]
    assert sorted(sessions) == sorted(PEOPLE)

    home = Site.objects.get(hostname="lechan.localhost").root_page
    section = NewsIndexPage.objects.descendant_of(home).get(slug="tin-tuc-su-kien")
    _site_id, _root_url, section_path = section.get_url_parts()
    port = live_server.url.rsplit(":", 1)[1]
    return {
        "admin": live_server.url + "/admin",
        "section_pk": section.pk,
        "public": f"http://lechan.localhost:{port}{section_path}",
        "sessions": sessions,
    }


@pytest.fixture
def browser(chromium, newsroom, monkeypatch):
    """Chromium started after the database is ready and closed before it is flushed."""
    with launch_chromium(chromium, monkeypatch) as browser:
        yield browser


@pytest.fixture
def person(browser, newsroom, request):
    """A browser context per person, with the person's admin session unless
    anonymous."""
    contexts = []

    def make(username=None):
        context = browser.new_context(locale="vi-VN")
        context.set_default_timeout(TIMEOUT_MS)
        context.add_init_script(WATCH_EDITS)
        context.route(OUTSIDE, lambda route: route.abort())
        contexts.append((username or "anonymous", context))
        if username:
            cookie = newsroom["sessions"][username]
            context.add_cookies(
                [{"name": cookie.key, "value": cookie.value, "url": newsroom["admin"]}]
            )
        return context.new_page()

    failures = request.session.testsfailed
    yield make
    # The call's report is counted before teardown: keep what each person saw.
    failed = request.session.testsfailed > failures
    for name, context in contexts:
        if failed:
            for index, page in enumerate(context.pages):
                path = SCREENSHOTS / f"congtin-workflow-{name}-{index}.png"
                page.screenshot(path=str(path), full_page=True)
                path.with_suffix(".html").write_text(page.content())
        context.close()


def read_db(query):
    """Run ``query`` on a connection of its own, as the live server's thread does.

    The test's thread cannot use its usual connection while Playwright's loop
    runs; a short-lived thread reads what the browser just committed.
    """
    from django.db import connections

    def run():
        try:
            return query()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def workflow_status(page_pk):
    """(workflow status, current step name, live) of the page, from the database."""
    from wagtail.models import Page

    def query():
        page = Page.objects.get(pk=page_pk)
        state = page.workflow_states.order_by("-created_at").first()
        task = state.current_task_state.task.name if state.current_task_state else None
        return state.status, task, page.live

    return read_db(query)


def footer_action(page, selector):
    """Press a button of the editor's footer menu, opening the menu when needed."""
    from playwright.sync_api import expect

    button = page.locator(selector)
    if not button.is_visible():
        page.locator("footer.footer .w-dropdown__toggle").click()
    expect(button).to_be_visible()
    button.click()


def workflow_modal(page, selector, comment):
    """Press a workflow button that asks for a comment, then send the comment."""
    from playwright.sync_api import expect

    footer_action(page, selector)
    modal = page.locator(".modal")
    field = modal.locator("textarea[name='comment']")
    expect(field).to_be_visible()
    field.fill(comment)
    modal.locator("form button[type='submit']").click()


@contextmanager
def filling_new_page(page):
    """Fill the add form as a person would, and let Wagtail's autosave create it.

    Wagtail 8 counts edits once it has taken its snapshot of the form, about
    two seconds after loading, then saves them in the background; the first
    autosave creates the page and turns the form into its edit form. Pressing
    a footer button before that would post the add form a second time and
    create the page twice. (On an edit form a late autosave only adds a
    revision, so pressing a button there needs no wait.)
    """
    page.wait_for_function("() => window.congtinWatchingEdits === true")
    yield
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))


def outsider_is_turned_away(outsider, admin, page_pk, public_url, in_browser=False):
    """The city reporter gets the admin's refusal, never the draft.

    With ``in_browser`` the edit view is opened in the browser, to see the refusal
    as the person does (the dashboard, with the message); otherwise the edit view,
    and always its preview and draft views, are asked for with the same session
    cookies (the context's own HTTP client): the same refusal, a redirect to the
    dashboard, without rendering the dashboard each time.
    """
    from playwright.sync_api import expect

    views = ["edit/preview/", "view_draft/"]
    if in_browser:
        outsider.goto(f"{admin}/pages/{page_pk}/edit/")
        assert outsider.url == f"{admin}/", outsider.url
        expect(outsider.get_by_role("status")).to_contain_text(DENIED)
        assert FIRST_LEAD not in outsider.content()
    else:
        views.insert(0, "edit/")
    for view in views:
        response = outsider.request.get(
            f"{admin}/pages/{page_pk}/{view}", max_redirects=0
        )
        assert response.status == 302, (view, response.status)
        assert response.headers["location"] == "/admin/", (view, response.headers)
    if public_url:
        not_public(outsider, public_url)


def not_public(page, public_url):
    response = page.goto(public_url)
    assert response.status == 404, (public_url, response.status)
    assert TITLE not in page.content()


def test_lechan_article_goes_through_both_steps_and_stays_in_its_portal(
    newsroom, person
):
    from playwright.sync_api import expect

    admin = newsroom["admin"]
    section_pk = newsroom["section_pk"]
    reporter = person("lechan.phongvien")
    outsider = person("haiphong.phongvien")
    editor = person("lechan.bientap")
    chief = person("lechan.truongban")
    reader = person()

    # The reporter opens the section and adds an article to it.
    reporter.goto(f"{admin}/pages/{section_pk}/")
    reporter.locator(f"a[href$='/admin/pages/{section_pk}/add_subpage/']").first.click()
    reporter.get_by_role("link", name="Bài viết", exact=True).click()
    reporter.wait_for_url(f"**/admin/pages/add/news/articlepage/{section_pk}/")

    title = reporter.locator("#id_title")
    # The date comes filled in with now, in the portal's own format.
    expect(reporter.locator("#id_date")).to_have_value(
        re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$")
    )
    with filling_new_page(reporter):
        title.click()
        title.press_sequentially(TITLE, delay=5)
        title.blur()
        reporter.locator("#id_author").fill(AUTHOR)
        reporter.locator("#id_lead").fill(FIRST_LEAD)
        reporter.locator(".c-sf-add-button").first.click()
        reporter.get_by_role("option", name="Đoạn văn").click()
        paragraph = reporter.locator(
            "[data-contentpath='body'] [contenteditable='true']"
        )
        paragraph.click()
        paragraph.press_sequentially(BODY, delay=2)
    # The first autosave created the page: the form now edits it.
    page_pk = int(re.search(r"/pages/(\d+)/edit/$", reporter.url).group(1))
    slug = reporter.locator("#id_slug").input_value()
    assert slug == "le-chan-khanh-thanh-nha-van-hoa-to-dan-pho-so-5"
    public_url = f"{newsroom['public']}{slug}/"
    # Saved but not yet submitted, the draft is already closed to the city.
    outsider_is_turned_away(outsider, admin, page_pk, public_url, in_browser=True)

    footer_action(reporter, "button[name='action-submit']")
    reporter.wait_for_url(f"**/admin/pages/{section_pk}/")
    expect(reporter.get_by_role("status")).to_contain_text(TITLE)
    assert workflow_status(page_pk) == ("in_progress", EDIT_STEP, False)

    outsider_is_turned_away(outsider, admin, page_pk, public_url)
    not_public(reader, public_url)

    # The editor sends it back with a comment.
    editor.goto(f"{admin}/pages/{page_pk}/edit/")
    workflow_modal(editor, "[data-workflow-action-name='reject']", SEND_BACK)
    editor.wait_for_url(f"**/admin/pages/{section_pk}/")
    assert workflow_status(page_pk) == ("needs_changes", EDIT_STEP, False)
    outsider_is_turned_away(outsider, admin, page_pk, public_url)

    # The reporter reads the comment, fixes the lead and submits again.
    reporter.goto(f"{admin}/pages/{page_pk}/edit/")
    reporter.locator("button[data-side-panel-toggle='status']").click()
    reporter.locator("[data-a11y-dialog-show='workflow-status-dialog']").click()
    status = reporter.locator("#workflow-status-dialog")
    expect(status.get_by_text(SEND_BACK)).to_be_visible()
    reporter.keyboard.press("Escape")
    expect(status).to_be_hidden()
    expect(reporter.locator("#id_lead")).to_have_value(FIRST_LEAD)
    reporter.locator("#id_lead").fill(FIXED_LEAD)
    footer_action(reporter, "button[name='action-submit']")
    reporter.wait_for_url(f"**/admin/pages/{section_pk}/")
    assert workflow_status(page_pk) == ("in_progress", EDIT_STEP, False)
    outsider_is_turned_away(outsider, admin, page_pk, public_url)

    # The editor passes it on to the chief editor.
    editor.goto(f"{admin}/pages/{page_pk}/edit/")
    expect(editor.locator("#id_lead")).to_have_value(FIXED_LEAD)
    footer_action(editor, APPROVE)
    editor.wait_for_url(f"**/admin/pages/{section_pk}/")
    assert workflow_status(page_pk) == ("in_progress", CHIEF_STEP, False)
    outsider_is_turned_away(outsider, admin, page_pk, public_url)
    not_public(reader, public_url)

    # The chief editor approves, which publishes it.
    chief.goto(f"{admin}/pages/{page_pk}/edit/")
    footer_action(chief, APPROVE)
    chief.wait_for_url(f"**/admin/pages/{section_pk}/")
    assert workflow_status(page_pk) == ("approved", CHIEF_STEP, True)

    response = reader.goto(public_url)
    assert response.status == 200
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    # The portal puts its own source in front of the lead.
    expect(reader.locator(".article__lead")).to_have_text(
        re.compile(r"^\(\S+\) - " + re.escape(FIXED_LEAD) + "$")
    )
    expect(reader.get_by_text(BODY, exact=True)).to_be_visible()
    expect(reader.get_by_text(AUTHOR, exact=True)).to_be_visible()
    # Only on its own portal: the same path on the city portal is not it.
    city_url = public_url.replace("//lechan.localhost:", "//localhost:")
    assert reader.goto(city_url).status == 404

    # Published or not, the article's admin pages stay closed to the city.
    outsider_is_turned_away(outsider, admin, page_pk, public_url=None)
