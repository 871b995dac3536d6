"""The Content-Security-Policy, enforced, in a real Chromium: the public pages and
the admin's editor work under it, and the browser reports no violation.

Every frame records the ``securitypolicyviolation`` events it sees, and the console's
"Refused to ..." lines are kept too (a blocked worker or frame reports only there).
Runs Debian's Chromium through Playwright's sync API; without it the test skips,
except under CI=true.
"""

import io
import re

import pytest

from congtin.conftest import launch_chromium

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread: the data must be committed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} `
        + `in ${event.sourceFile || event.documentURI}:${event.lineNumber}`
    );
});
"""
# Only the live server is reached; anything else fails at once.
OUTSIDE = re.compile(r"^https?://(?!(lechan\.)?localhost[:/])")


@pytest.fixture
def portal(full_demo, live_server, settings):
    """URLs of the pages to visit and an administrator's session, read before
    Chromium starts (its event loop gives this thread other database connections)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from congtin.schedule.models import ScheduleIndexPage
    from congtin.targets.models import AnnualPlan

    # The ALTCHA widget on every form, so its worker runs under the policy.
    settings.PUBLIC_FORMS_CHALLENGE_AFTER = 0
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    port = live_server.url.rsplit(":", 1)[1]
    schedule = ScheduleIndexPage.objects.live().first()
    return {
        "url": live_server.url,
        "lechan": f"http://lechan.localhost:{port}",
        "article": full_demo["article"].get_url_parts()[2],
        "article_id": full_demo["article"].pk,
        "plan": AnnualPlan.objects.get(
            site__hostname="lechan.localhost", year=2022
        ).get_url(),
        "schedule": schedule.get_url_parts()[2],
        "session": client.cookies[settings.SESSION_COOKIE_NAME],
    }


@pytest.fixture
def browser(chromium, portal, monkeypatch):
    with launch_chromium(chromium, monkeypatch) as browser:
        yield browser


class Watched:
    """A page whose CSP violations, in any of its frames, are collected."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.console.append(message.text)

    def violations(self) -> list[str]:
        found = list(self.console)
        for frame in self.page.frames:
            try:
                found += frame.evaluate("() => window.cspViolations || []")
            except Exception:  # noqa: BLE001 - a frame gone since
                continue
        return found

    def visit(self, url):
        response = self.page.goto(url)
        assert response is not None and response.status < 500, url
        self.page.wait_for_load_state("load")
        return response


def watched(new_page, session=None, base=None) -> Watched:
    page = new_page()
    page.context.add_init_script(RECORD_VIOLATIONS)
    page.context.route(OUTSIDE, lambda route: route.abort())
    if session is not None:
        page.context.add_cookies(
            [{"name": session.key, "value": session.value, "url": base}]
        )
    return Watched(page)


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (11, 110, 58)).save(buffer, "PNG")
    return buffer.getvalue()


def test_public_pages_run_under_the_policy(portal, new_page):
    from playwright.sync_api import expect

    reader = watched(new_page)
    url = portal["url"]
    for path in ("/", portal["article"], "/khong-co-trang-nay/", "/tim-kiem/?q=cảng"):
        response = reader.visit(url + path)
        assert "content-security-policy" in response.headers
    # The suggestions fetch from the portal as the reader types.
    box = reader.page.locator("input[type=search]").first
    box.fill("Hải Phò")
    reader.page.wait_for_timeout(600)
    # Progress bars of the targets (SVG, no inline style).
    reader.visit(portal["lechan"] + portal["plan"])
    expect(reader.page.locator("svg.progress").first).to_be_visible()
    width = reader.page.locator("svg.progress .progress__bar").first.evaluate(
        "bar => bar.getBoundingClientRect().width"
    )
    assert width >= 0
    # The week's print view (its script is a file now).
    reader.visit(url + portal["schedule"] + "?in=1")
    # A public form: the ALTCHA widget solves its proof of work in a worker.
    reader.visit(url + "/hoi-dap/gui-cau-hoi/")

    checkbox = reader.page.get_by_role(
        "checkbox", name="Tôi không phải chương trình tự động"
    )
    # (The widget draws its tick over the box.)
    checkbox.click(force=True)
    expect(reader.page.get_by_text("Đã kiểm tra xong")).to_be_visible(timeout=60_000)
    expect(reader.page.locator("altcha-widget input[type=checkbox]")).to_be_checked()
    assert reader.violations() == []


def test_admin_editor_works_under_the_admin_policy(portal, new_page):
    from playwright.sync_api import expect

    editor = watched(new_page, portal["session"], portal["url"])
    admin = portal["url"] + "/admin"
    response = editor.visit(admin + "/")
    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    page = editor.page

    # The article's editor: StreamField, inline panel of related links, date
    # pickers, the image chooser and the live preview.
    editor.visit(f"{admin}/pages/{portal['article_id']}/edit/")
    expect(page.locator("#id_title")).to_be_visible()
    # The cover image is chosen: "change" is in the chooser's menu.
    page.locator("button[aria-describedby='id_cover_image-title']").click()
    page.locator("[data-chooser-action-choose]:visible").first.click()
    dialog = page.locator(".modal-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("img").first).to_be_visible()
    dialog.get_by_role("tab", name="Tải lên").click()
    expect(dialog.locator("input[type=file]")).to_be_visible()
    page.get_by_role("button", name="Đóng").click()
    expect(dialog).to_be_hidden()
    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_be_visible()

    # Uploading images: the thumbnail is previewed before the upload ends.
    editor.visit(f"{admin}/images/multiple/add/")
    page.locator("#fileupload").set_input_files(
        files=[{"name": "anh-thu.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    expect(page.locator("#upload-list li.upload-success")).to_have_count(1)

    # A public page seen by an editor: the public policy, with Wagtail's userbar.
    editor.visit(portal["url"] + portal["article"])
    expect(page.locator("wagtail-userbar")).to_have_count(1)
    page.locator("wagtail-userbar").locator("#wagtail-userbar-trigger").click()
    expect(page.locator("wagtail-userbar").locator("[role=menu]").first).to_be_visible()

    # Django's own admin, also under /django-admin/.
    editor.visit(portal["url"] + "/django-admin/")
    assert editor.violations() == []
