"""The manual's screenshots and PDF, taken from the demo in a real Chromium.

Run: ``make manual`` (or ``.venv/bin/python scripts/manual_screenshots.py``).

It builds the demo in a throwaway database (``migrate`` and ``load_demo``, as
``make run`` does), serves it on a free port, and does in Chromium, as each role's
demo account, every task the manual describes: a reporter writes an article with
photos and submits it, the editor sends it back, the reporter fixes it, the chief
editor schedules it, and so on. What the screen shows on the way is written to
``congtin/workspace/static/workspace/manual/*.png``; then the manual itself, served
by the same server (``/admin/huong-dan/in/``, every chapter on one page), is printed
to ``huong-dan-su-dung.pdf`` there. Nothing outside that folder changes: the demo
database, its uploads and the server's log live in a temporary folder, deleted
after (``--workdir DIR`` keeps them, and a later run with the same folder starts
from the demo built there instead of building it again).

Run it again whenever the admin's screens change, and commit the images and the
PDF with the change (docs/manual.md).
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import zipfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from congtin.demo.authenticator import DemoAuthenticator  # noqa: E402

OUT = ROOT / "congtin" / "workspace" / "static" / "workspace" / "manual"
PDF_NAME = "huong-dan-su-dung.pdf"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
PASSWORD = os.environ.get("DEMO_ADMIN_PASSWORD", "haiphong-demo-2022")
WIDTH, HEIGHT = 1280, 800
TIMEOUT_MS = 20_000

# The demo server's settings: development's (DEBUG on, so the server also serves
# the static files as they are in the checkout, screenshots included), with the
# database, uploads and private files in the work folder, and background tasks run
# at once, as no task worker is started.
SETTINGS = """\
from congtin.settings.dev import *  # noqa: F401,F403

WORKDIR = {workdir!r}
DATABASES["default"]["NAME"] = WORKDIR + "/db.sqlite3"
MEDIA_ROOT = WORKDIR + "/media"
PRIVATE_MEDIA_ROOT = WORKDIR + "/private_media"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {{
    "default": {{
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "mail"],
    }}
}}
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:{port}"
"""

# The article the reporter writes, sent back once, fixed, and scheduled.
ARTICLE_TITLE = "Lê Chân khánh thành nhà văn hóa tổ dân phố số 5"
ARTICLE_LEAD = "Sáng nay, phường Dư Hàng Kênh khánh thành nhà văn hóa tổ dân phố số 5."
ARTICLE_FIXED_LEAD = (
    "Sáng 20/5, phường Dư Hàng Kênh khánh thành nhà văn hóa tổ dân phố số 5, "
    "tổng kinh phí gần 2 tỷ đồng."
)
ARTICLE_AUTHOR = "Nguyễn Thị Hằng"
ARTICLE_BODY = "Công trình gồm hội trường 120 chỗ ngồi và sân chơi cho thiếu nhi."
PHOTO_CAPTION = "Lãnh đạo phường cắt băng khánh thành nhà văn hóa (ảnh minh họa)."
SEND_BACK = "Sapo thiếu ngày cụ thể và kinh phí, đề nghị bổ sung."
WITHDRAW_REASON = "Số liệu trong bài chưa được cơ quan chủ trì xác nhận."
NEW_PORTAL = ("Huyện Thủy Nguyên", "thuynguyen.localhost")
# "Approve" goes straight through; its twin "with comment" opens a modal first.
APPROVE = "[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
WATCH_EDITS = """
document.addEventListener("w-unsaved:watch-edits", () => {
    window.congtinWatchingEdits = true;
});
"""


def log(message: str) -> None:
    print(message, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DemoServer:
    """The demo in ``workdir``, served by Django's development server."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        (workdir / "manual_settings.py").write_text(
            SETTINGS.format(workdir=str(workdir), port=self.port)
        )
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "manual_settings",
            "PYTHONPATH": os.pathsep.join([str(workdir), str(ROOT)]),
            "PORT": str(self.port),
        }
        self.process: subprocess.Popen | None = None

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise SystemExit(
                f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}"
            )
        return result.stdout

    def build(self) -> None:
        """The demo, built once per work folder; each run starts from a copy."""
        built = self.workdir / "demo.sqlite3"
        if not built.exists():
            log("Building the demo (migrate, load_demo)...")
            self.manage("migrate", "--noinput", "-v", "0")
            self.manage("load_demo", "--port", str(self.port))
            shutil.copy(self.workdir / "db.sqlite3", built)
            shutil.copytree(self.workdir / "media", self.workdir / "demo-media")
            shutil.copytree(
                self.workdir / "private_media", self.workdir / "demo-private_media"
            )
        else:
            log("Starting from the demo built in the work folder...")
            shutil.copy(built, self.workdir / "db.sqlite3")
            for name in ("media", "private_media"):
                shutil.rmtree(self.workdir / name, ignore_errors=True)
                shutil.copytree(self.workdir / f"demo-{name}", self.workdir / name)
            # The sites carry the port of the run that built the demo.
            self.manage(
                "shell",
                "-c",
                "from wagtail.models import Site; "
                f"Site.objects.update(port={self.port})",
            )

    @contextmanager
    def running(self):
        server_log = (self.workdir / "server.log").open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "runserver",
                "--noreload",
                f"127.0.0.1:{self.port}",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            self.wait()
            yield self
        finally:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
            server_log.close()

    def wait(self, timeout=60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise SystemExit(
                    "The demo server stopped; see " + str(self.workdir / "server.log")
                )
            try:
                with urllib.request.urlopen(self.url + "/admin/login/", timeout=5):
                    return
            except OSError:
                time.sleep(0.3)
        raise SystemExit("The demo server did not answer in time.")


# --- Images --------------------------------------------------------------------


def save_png(data: bytes, name: str) -> Path:
    """Write a screenshot small: 256 colours when the text stays as legible (the
    admin's flat colours and grey text survive a palette; photos in a shot get
    dithered), then Pillow's optimiser."""
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB")
    palette = image.quantize(
        colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    path = OUT / name
    palette.save(path, optimize=True)
    return path


class Camera:
    def __init__(self):
        self.taken: list[str] = []

    def shot(
        self, page, name: str, target=None, full_page=False, pad=8, clip=None
    ) -> None:
        """Screenshot ``target`` (a locator, cropped with a margin), ``clip`` (a
        part of the window), or the window."""
        page.wait_for_timeout(300)
        if clip is not None:
            data = page.screenshot(clip=clip)
        elif target is not None:
            # One locator, or several photographed together (a menu and its button).
            targets = target if isinstance(target, (list, tuple)) else [target]
            # The admin scrolls inside its main column: a window as tall as that
            # column shows all of it.
            tall = page.evaluate(
                "() => Math.max(...[...document.querySelectorAll('main, #main')]"
                ".map((el) => el.scrollHeight), 0)"
            )
            if tall > HEIGHT:
                page.set_viewport_size({"width": WIDTH, "height": min(tall, 4000)})
                page.wait_for_timeout(200)
            targets[0].scroll_into_view_if_needed()
            boxes = [t.bounding_box() for t in targets]
            assert all(boxes), f"{name}: nothing to photograph"
            scroll_x, scroll_y = page.evaluate("() => [window.scrollX, window.scrollY]")
            left = min(b["x"] for b in boxes) + scroll_x - pad
            top = min(b["y"] for b in boxes) + scroll_y - pad
            right = max(b["x"] + b["width"] for b in boxes) + scroll_x + pad
            bottom = max(b["y"] + b["height"] for b in boxes) + scroll_y + pad
            left, top = max(left, 0), max(top, 0)
            clip = {
                "x": left,
                "y": top,
                "width": min(right, WIDTH) - left,
                "height": bottom - top,
            }
            data = page.screenshot(clip=clip, full_page=True)
            page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
        else:
            data = page.screenshot(full_page=full_page)
        path = save_png(data, f"{name}.png")
        self.taken.append(path.name)
        log(f"  {path.name} ({path.stat().st_size // 1024} KB)")


def photo(caption: str) -> bytes:
    from congtin.demo.placeholders import placeholder_photo

    return placeholder_photo(caption)


# --- The admin, as people use it -------------------------------------------------


def needs_second_factor(username: str) -> bool:
    """Whether the demo gave ``username`` an authenticator (chief editors and
    administrators must have one: congtin/twofactor/policy.py)."""
    return username in ("admin", "quantri") or username.endswith(".truongban")


class Admin:
    def __init__(self, browser, server: DemoServer):
        self.browser = browser
        self.server = server
        self.admin = server.url + "/admin"
        self.contexts: list = []
        self.authenticator = DemoAuthenticator()

    def person(self, username: str, until_code: bool = False):
        """A browser window of ``username``, logged in through the login form
        (with ``until_code``, left at the second factor's code step)."""
        context = self.browser.new_context(
            locale="vi-VN",
            viewport={"width": WIDTH, "height": HEIGHT},
            device_scale_factor=1,
            timezone_id="Asia/Ho_Chi_Minh",
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.add_init_script(WATCH_EDITS)
        # Only the demo server is reached (no avatars or fonts from outside).
        context.route(
            re.compile(r"^https?://(?!([a-z]+\.)?localhost[:/]|127\.0\.0\.1[:/])"),
            lambda route: route.abort(),
        )
        self.contexts.append(context)
        page = context.new_page()
        page.goto(self.admin + "/login/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("form button[type='submit']").click()
        if needs_second_factor(username):
            page.wait_for_url(re.compile(r"/admin/xac-thuc-hai-buoc/"))
            if until_code:
                return page
            page.locator("#id_code").fill(self.authenticator.code(username))
            page.locator("form.login-form button[type='submit']").click()
        page.wait_for_url(self.admin + "/")
        return page

    def close(self):
        for context in self.contexts:
            context.close()


def footer_action(page, selector: str) -> None:
    """Press a button of the editor's footer menu, opening the menu when needed."""
    button = page.locator(selector)
    if not button.is_visible():
        page.locator("footer.footer .w-dropdown__toggle").click()
    button.wait_for(state="visible")
    button.click()


def open_sidebar_item(page, group: str, label: str) -> None:
    """Click ``label`` in the sidebar's ``group`` (core/admin_menus.py), opening it."""
    page.locator("button.sidebar-menu-item__link", has_text=group).click()
    page.locator(".sidebar-menu-item__link", has_text=label).first.click()


def open_footer_menu(page) -> list:
    """Open the editor's footer menu; the footer and the menu, to photograph."""
    page.locator("footer.footer .w-dropdown__toggle").click()
    content = page.locator("footer.footer [data-w-dropdown-target='content']")
    content.wait_for(state="visible")
    return [page.locator("footer.footer"), content]


def open_header_menu(page) -> list:
    """Open the "..." menu beside the page's title; the header and the menu, to
    photograph."""
    header = page.locator("main header").first
    header.locator(".w-dropdown__toggle").first.click()
    content = page.locator("[data-w-dropdown-target='content']:visible").first
    content.wait_for(state="visible")
    return [header, content]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, help="keep the demo and log here")
    parser.add_argument(
        "--only",
        nargs="*",
        default=(),
        help="take only these steps' screenshots (names of Steps' methods), no PDF",
    )
    args = parser.parse_args()
    if not os.path.exists(CHROMIUM):
        raise SystemExit(f"Chromium is needed at {CHROMIUM}.")
    OUT.mkdir(parents=True, exist_ok=True)
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        workdir = args.workdir.resolve()
    else:
        workdir = Path(tempfile.mkdtemp(prefix="congtin-manual-"))
    try:
        server = DemoServer(workdir)
        server.build()
        with server.running():
            log(f"Demo server: {server.url}")
            take_everything(server, args.only)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)


def take_everything(server: DemoServer, only=()) -> None:
    from playwright.sync_api import sync_playwright

    camera = Camera()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        admin = Admin(browser, server)
        try:
            Steps(admin, camera, server, only).run()
            if not only:
                print_pdf(admin, server)
        finally:
            admin.close()
            browser.close()
    if only:
        return
    stale = sorted(
        path.name for path in OUT.glob("*.png") if path.name not in camera.taken
    )
    for name in stale:
        (OUT / name).unlink()
        log(f"  removed {name}, which no step takes any more")


def print_pdf(admin: Admin, server: DemoServer) -> None:
    page = admin.person("lechan.phongvien")
    page.goto(server.url + "/admin/huong-dan/in/")
    page.wait_for_load_state("networkidle")
    # Lazy images load when scrolled to; printing needs them all.
    page.evaluate(
        "() => Promise.all([...document.images].map((img) => { img.loading = 'eager';"
        " return img.decode().catch(() => null); }))"
    )
    path = OUT / PDF_NAME
    page.pdf(
        path=str(path),
        format="A4",
        print_background=True,
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=(
            "<div style='font-size:8pt;width:100%;text-align:center;color:#666'>"
            "Hướng dẫn sử dụng - trang <span class='pageNumber'></span>/"
            "<span class='totalPages'></span></div>"
        ),
        margin={"top": "1.5cm", "bottom": "1.8cm", "left": "1.5cm", "right": "1.5cm"},
    )
    log(f"  {PDF_NAME} ({path.stat().st_size // 1024} KB)")


class Steps:
    """Every task of the manual, in an order where each finds what it needs."""

    def __init__(self, admin: Admin, camera: Camera, server: DemoServer, only=()):
        self.admin = admin
        self.camera = camera
        self.server = server
        self.url = admin.admin
        self.only = only

    def run(self) -> None:
        for step in (
            self.help_menu,
            self.reporter_writes,
            self.editor_sends_back,
            self.chief_schedules,
            self.chief_withdraws,
            self.chief_signs_in_with_code,
            self.chief_checks_disclosure,
            self.chief_keeps_banners,
            self.editor_proposes,
            self.editor_answers_question,
            self.editor_moderates_comments,
            self.editor_runs_dialogue,
            self.editor_moderates_reader_comments,
            self.editor_creates_poll,
            self.chief_reads_visits,
            self.editor_handles_contact_message,
            self.editor_imports,
            self.editor_imports_procedures,
            self.administrator_creates_portal,
            self.administrator_security,
        ):
            if not self.only or step.__name__ in self.only:
                log(step.__name__)
                step()

    def shot(self, page, name, target=None, **options):
        self.camera.shot(page, name, target, **options)

    # --- Help menu -----------------------------------------------------------------

    def help_menu(self) -> None:
        page = self.admin.person("lechan.phongvien")
        page.locator(
            "button.sidebar-menu-item__link", has_text=re.compile("Trợ giúp|Help")
        ).click()
        # The dashboard's account panel links the manual too: the sidebar's item.
        page.locator(".sidebar-menu-item__link", has_text="Hướng dẫn sử dụng").wait_for(
            state="visible"
        )
        page.wait_for_timeout(500)
        self.shot(
            page, "menu-tro-giup", clip={"x": 0, "y": 0, "width": 640, "height": 560}
        )

    # --- Reporter: write and submit -------------------------------------------------

    def open_section(self, page, *titles: str) -> None:
        """Open the page explorer and go down through ``titles``, as a person does."""
        page.goto(self.url + "/pages/")
        for title in titles:
            row = page.locator("main tbody tr").filter(
                has=page.get_by_text(title, exact=True)
            )
            row.locator("a[href^='/admin/pages/']:not([href$='edit/'])").first.click()
            page.wait_for_load_state()

    def reporter_writes(self) -> None:
        page = self.admin.person("lechan.phongvien")
        self.open_section(page, "Tin tức", "Tin tức - Sự kiện")
        self.section_url = page.url
        self.shot(page, "viet-bai-1-chuyen-muc")
        page.locator("main header a[href$='/add_subpage/']").first.click()
        page.get_by_role("link", name="Bài viết", exact=True).wait_for()
        self.shot(page, "viet-bai-2-loai-trang", page.locator("main"))
        page.get_by_role("link", name="Bài viết", exact=True).click()
        page.locator("#id_title").wait_for()
        page.wait_for_function("() => window.congtinWatchingEdits === true")
        title = page.locator("#id_title")
        title.click()
        title.press_sequentially(ARTICLE_TITLE, delay=5)
        title.blur()
        page.locator("#id_author").fill(ARTICLE_AUTHOR)
        page.locator("#id_lead").fill(ARTICLE_LEAD)
        # The first autosave turns the add form into the page's edit form.
        page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
        self.article_edit_url = page.url
        self.shot(page, "viet-bai-3-bieu-mau")

        # The cover photo, uploaded in the image chooser.
        page.locator("[data-contentpath='cover_image'] .chooser__choose-button").click()
        modal = page.locator(".modal")
        modal.wait_for(state="visible")
        modal.locator("#tab-label-upload").click()
        modal.locator("#id_image-chooser-upload-file").set_input_files(
            files=[
                {
                    "name": "khanh-thanh-nha-van-hoa.jpg",
                    "mimeType": "image/jpeg",
                    "buffer": photo("Khánh thành nhà văn hóa tổ dân phố số 5"),
                }
            ]
        )
        modal.locator("#id_image-chooser-upload-title").fill(
            "Khánh thành nhà văn hóa tổ dân phố số 5"
        )
        self.shot(page, "viet-bai-4-tai-anh", modal.locator(".modal-content"))
        modal.locator("#tab-upload form button[type='submit']").click()
        modal.wait_for(state="hidden")
        self.shot(
            page,
            "viet-bai-5-anh-dai-dien",
            page.locator("[data-contentpath='cover_image']").locator(".."),
        )

        # A paragraph, then a photo with its caption in the body.
        page.locator("[data-contentpath='body'] .c-sf-add-button").first.click()
        page.get_by_role("option", name="Đoạn văn").click()
        paragraph = page.locator("[data-contentpath='body'] [contenteditable='true']")
        paragraph.click()
        paragraph.press_sequentially(ARTICLE_BODY, delay=2)
        page.locator("[data-contentpath='body'] .c-sf-add-button").last.click()
        page.get_by_role("option", name="Ảnh có chú thích").click()
        body = page.locator("[data-contentpath='body']")
        body.locator("[data-contentpath='image'] .chooser__choose-button").last.click()
        modal.wait_for(state="visible")
        # The photo just uploaded is in the portal's collection: choose it.
        modal.locator("a[data-chooser-modal-choice]").first.click()
        modal.wait_for(state="hidden")
        caption = body.locator("[data-contentpath='caption'] input").last
        caption.fill(PHOTO_CAPTION)
        block = caption.locator(
            "xpath=ancestor::section[contains(@class, 'w-panel')][1]"
        )
        self.shot(page, "viet-bai-6-anh-trong-bai", block)

        self.shot(page, "viet-bai-7-gui-duyet", open_footer_menu(page))
        page.locator("button[name='action-submit']").click()
        page.wait_for_url(self.section_url)
        self.shot(page, "viet-bai-8-da-gui")

    # --- Editor: review, send back, pass on -------------------------------------------

    def editor_sends_back(self) -> None:
        editor = self.admin.person("lechan.bientap")
        self.shot(editor, "bien-tap-1-bang-dieu-khien", full_page=True)
        editor.goto(self.article_edit_url)
        editor.locator("#id_title").wait_for()
        self.shot(editor, "bien-tap-2-thao-tac", open_footer_menu(editor))
        editor.locator("[data-workflow-action-name='reject']").first.click()
        modal = editor.locator(".modal")
        modal.locator("textarea[name='comment']").fill(SEND_BACK)
        self.shot(editor, "bien-tap-3-tra-lai", modal.locator(".modal-content"))
        modal.locator("form button[type='submit']").click()
        editor.wait_for_url(self.section_url)
        self.shot(editor, "bien-tap-4-da-tra-lai")

        # The reporter reads why, fixes the lead and submits again.
        reporter = self.admin.person("lechan.phongvien")
        reporter.goto(self.article_edit_url)
        reporter.locator("button[data-side-panel-toggle='status']").click()
        reporter.locator("[data-a11y-dialog-show='workflow-status-dialog']").click()
        dialog = reporter.locator("#workflow-status-dialog")
        dialog.get_by_text(SEND_BACK).wait_for()
        self.shot(
            reporter,
            "bien-tap-5-phong-vien-doc-y-kien",
            dialog.locator(".w-dialog__box"),
        )
        reporter.keyboard.press("Escape")
        reporter.locator("#id_lead").fill(ARTICLE_FIXED_LEAD)
        footer_action(reporter, "button[name='action-submit']")
        reporter.wait_for_url(self.section_url)

        # The editor passes it on to the chief editor.
        editor.goto(self.article_edit_url)
        footer_action(editor, APPROVE)
        editor.wait_for_url(self.section_url)

    # --- Chief editor: approve and schedule, withdraw ---------------------------------

    def chief_schedules(self) -> None:
        chief = self.admin.person("lechan.truongban")
        chief.goto(self.article_edit_url)
        chief.locator("button[data-side-panel-toggle='status']").click()
        chief.locator(
            "[data-a11y-dialog-show='schedule-publishing-dialog']"
        ).first.click()
        dialog = chief.locator("#schedule-publishing-dialog")
        dialog.wait_for(state="visible")
        tomorrow = datetime.date.today() + datetime.timedelta(days=1)
        go_live = dialog.locator("input[name='go_live_at']")
        go_live.fill(tomorrow.strftime("%d/%m/%Y") + " 07:00")
        # A click away from the field closes its date picker.
        chief.wait_for_timeout(500)
        dialog.locator("h2").first.click()
        chief.wait_for_function(
            "() => [...document.querySelectorAll('.xdsoft_datetimepicker')]"
            ".every((picker) => !picker.offsetHeight)"
        )
        self.shot(chief, "phe-duyet-1-hen-gio", dialog.locator(".w-dialog__box"))
        # "Save schedule" saves the page with it (a new revision, still in review).
        dialog.locator("button.action-save").click()
        chief.wait_for_load_state()
        status = chief.locator("[data-side-panel='status']")
        chief.wait_for_timeout(500)
        if not status.is_visible():
            chief.locator("button[data-side-panel-toggle='status']").click()
        status.wait_for(state="visible")
        self.shot(chief, "phe-duyet-2-trang-thai", status)
        self.shot(chief, "phe-duyet-3-phe-duyet", open_footer_menu(chief))
        chief.locator(APPROVE).click()
        chief.wait_for_url(self.section_url)
        self.shot(chief, "phe-duyet-4-da-hen-gio")

    def chief_withdraws(self) -> None:
        chief = self.admin.person("haiphong.truongban")
        self.open_section(chief, "Tin tức", "Tin tức - Sự kiện", "Quận, huyện")
        chief.locator("main tbody tr a[href$='/edit/']").first.click()
        chief.locator("#id_title").wait_for()
        menu = open_header_menu(chief)
        unpublish = chief.locator("a[href*='/unpublish/']:visible").first
        self.shot(chief, "thu-hoi-1-menu", menu)
        unpublish.click()
        chief.locator("textarea[name='reason']").fill(WITHDRAW_REASON)
        self.shot(chief, "thu-hoi-2-ly-do", chief.locator("main"))
        chief.locator("main form button[type='submit']").click()
        chief.wait_for_load_state()
        self.shot(chief, "thu-hoi-3-da-thu-hoi")

    # --- Editor: propose to the city portal ---------------------------------------------

    def chief_signs_in_with_code(self) -> None:
        chief = self.admin.person("lechan.truongban", until_code=True)
        self.shot(chief, "hai-buoc-1-nhap-ma", chief.locator("main"))
        chief.locator("#id_code").fill(
            self.admin.authenticator.code("lechan.truongban")
        )
        chief.locator("form.login-form button[type='submit']").click()
        chief.wait_for_url(self.url + "/")
        chief.goto(self.url + "/xac-thuc-hai-buoc/tai-khoan/")
        self.shot(chief, "hai-buoc-2-tai-khoan", chief.locator("main"))

    def chief_checks_disclosure(self) -> None:
        chief = self.admin.person("haiphong.truongban")
        chief.goto(self.url + "/disclosure/")
        self.shot(chief, "cong-khai-1-bao-cao", chief.locator("main"))

    def chief_keeps_banners(self) -> None:
        chief = self.admin.person("haiphong.truongban")
        chief.goto(self.url + "/snippets/banners/banner/")
        self.shot(chief, "banner-1-danh-sach", chief.locator("main"))
        # The alert page as it is before anything is raised: its form and the
        # confirmation box; nothing is raised on the demo.
        chief.goto(self.url + "/canh-bao-khan/")
        self.shot(chief, "canh-bao-1-phat", chief.locator("main"))

    def editor_proposes(self) -> None:
        editor = self.admin.person("lechan.bientap")
        self.open_section(editor, "Tin tức", "Tin tức - Sự kiện")
        editor.get_by_role("link", name=re.compile(r"^\[Bài mẫu\]")).first.click()
        editor.locator("#id_title").wait_for()
        menu = open_header_menu(editor)
        propose = editor.get_by_role("link", name="Đề xuất lên cổng thành phố")
        self.shot(editor, "de-xuat-1-nut", menu)
        propose.click()
        editor.locator("main form").wait_for()
        note = editor.locator("main form textarea").first
        if note.count():
            note.fill("Bài tổng hợp chỉ tiêu của quận, đề nghị đăng ở mục Quận, huyện.")
        self.shot(editor, "de-xuat-2-bieu-mau", editor.locator("main"))
        editor.locator("main form button[type='submit']").first.click()
        editor.wait_for_load_state()

        city_editor = self.admin.person("haiphong.bientap")
        city_editor.goto(self.url + "/editorial/proposals/")
        self.shot(city_editor, "de-xuat-3-danh-sach", city_editor.locator("main"))
        city_editor.locator("main a[href*='/accept/']").first.click()
        city_editor.locator("main form").wait_for()
        self.shot(city_editor, "de-xuat-4-tiep-nhan", city_editor.locator("main"))
        city_editor.locator("main form button[type='submit']").first.click()
        city_editor.wait_for_load_state()

        city_chief = self.admin.person("haiphong.truongban")
        city_chief.goto(self.url + "/editorial/proposals/")
        city_chief.locator("main a[href*='/approve/']").first.click()
        city_chief.locator("main form").wait_for()
        self.shot(city_chief, "de-xuat-5-phe-duyet", city_chief.locator("main"))
        city_chief.locator("main form button[type='submit']").first.click()
        city_chief.wait_for_load_state()
        self.shot(city_chief, "de-xuat-6-da-dang", city_chief.locator("main"))

    # --- Editor: a citizen's question ---------------------------------------------------

    def editor_answers_question(self) -> None:
        editor = self.admin.person("lechan.bientap")
        editor.locator("button.sidebar-menu-item__link", has_text="Hỏi đáp").click()
        editor.get_by_role("link", name="Câu hỏi của công dân").click()
        editor.wait_for_load_state()
        self.shot(editor, "hoi-dap-1-danh-sach")
        # The question the demo left waiting ("Đã tiếp nhận").
        editor.locator("main tbody tr", has_text="Đã tiếp nhận").locator(
            "a[href*='/edit/']"
        ).first.click()
        editor.locator("[name='department']").fill("Phòng Tư pháp quận")
        editor.locator("[name='answer']").fill(
            "Việc đăng ký khai sinh được thực hiện tại Ủy ban nhân dân phường nơi cư "
            "trú của cha hoặc mẹ (nội dung minh họa)."
        )
        editor.locator("input[name='action'][value='submit_answer']").check()
        panel = editor.locator("section", has=editor.locator("[name='answer']")).last
        self.shot(editor, "hoi-dap-2-xu-ly", panel)
        editor.locator("footer.footer button[type='submit']").first.click()
        editor.wait_for_load_state()
        self.shot(editor, "hoi-dap-3-da-gui")

    # --- Editor: comments on a draft ----------------------------------------------------

    def editor_moderates_comments(self) -> None:
        editor = self.admin.person("haiphong.bientap")
        open_sidebar_item(editor, "Ý kiến người dân", "Góp ý dự thảo")
        editor.wait_for_load_state()
        self.shot(editor, "gop-y-1-danh-sach", editor.locator("main"))
        editor.locator("main tbody a[href*='gop-y-du-thao/']").first.click()
        editor.wait_for_load_state()
        self.shot(editor, "gop-y-2-y-kien", editor.locator("main"))
        editor.locator("button[value='approve']").click()
        editor.wait_for_load_state()
        self.shot(editor, "gop-y-3-da-duyet")

    def editor_runs_dialogue(self) -> None:
        editor = self.admin.person("lechan.bientap")
        open_sidebar_item(editor, "Ý kiến người dân", "Đối thoại trực tuyến")
        editor.wait_for_load_state()
        self.shot(editor, "doi-thoai-1-danh-sach", editor.locator("main"))
        editor.locator("main a", has_text="Trả lời trực tiếp").first.click()
        editor.wait_for_load_state()
        self.shot(editor, "doi-thoai-2-tra-loi", editor.locator("main"))

    def editor_moderates_reader_comments(self) -> None:
        editor = self.admin.person("haiphong.bientap")
        open_sidebar_item(editor, "Ý kiến người dân", "Ý kiến bạn đọc")
        editor.wait_for_load_state()
        self.shot(editor, "y-kien-ban-doc-1-danh-sach", editor.locator("main"))
        editor.locator("main tbody a[href*='y-kien-ban-doc/']").first.click()
        editor.wait_for_load_state()
        self.shot(editor, "y-kien-ban-doc-2-y-kien", editor.locator("main"))

    def editor_creates_poll(self) -> None:
        editor = self.admin.person("haiphong.bientap")
        open_sidebar_item(editor, "Ý kiến người dân", "Thăm dò ý kiến")
        editor.wait_for_load_state()
        self.shot(editor, "tham-do-1-danh-sach", editor.locator("main"))
        editor.locator("main tbody a[href*='/edit/']").first.click()
        editor.wait_for_load_state()
        self.shot(editor, "tham-do-2-sua")

    def chief_reads_visits(self) -> None:
        chief = self.admin.person("haiphong.truongban")
        chief.goto(self.url + "/luot-truy-cap/")
        chief.wait_for_load_state()
        self.shot(
            chief,
            "luot-truy-cap-1-bao-cao",
            clip={"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT},
        )

    # --- Editor: contact messages ------------------------------------------------------

    def editor_handles_contact_message(self) -> None:
        editor = self.admin.person("lechan.bientap")
        editor.locator("button.sidebar-menu-item__link", has_text="Liên hệ").click()
        editor.get_by_role("link", name="Thư liên hệ", exact=True).click()
        editor.wait_for_load_state()
        self.shot(editor, "lien-he-1-danh-sach", editor.locator("main"))
        # The message the demo left at Lê Chân ("Mới nhận").
        editor.locator("main tbody a[href*='/edit/']").first.click()
        editor.wait_for_load_state()
        editor.locator("select[name='status']").select_option("handled")
        editor.locator("textarea[name='note']").fill("Đã gọi điện trả lời (minh họa).")
        self.shot(editor, "lien-he-2-thu", editor.locator("main"))

    # --- Editor: imports ----------------------------------------------------------------

    def editor_imports(self) -> None:
        editor = self.admin.person("lechan.bientap")
        open_sidebar_item(editor, "Nhập dữ liệu", "Nhập văn bản từ tệp")
        editor.wait_for_load_state()
        self.shot(editor, "nhap-van-ban-1-bieu-mau", editor.locator("main"))
        header = (
            "Số ký hiệu,Loại văn bản,Cơ quan ban hành,Ngày ban hành,Trích yếu,Tệp\n"
        )
        wrong = header + (
            "15/KH-UBND,Kế hoạch,Ủy ban nhân dân quận Lê Chân,31/02/2022,"
            "Kế hoạch cải cách hành chính năm 2022 (minh họa),\n"
        )
        right = header + (
            "15/KH-UBND,Kế hoạch,Ủy ban nhân dân quận Lê Chân,15/02/2022,"
            "Kế hoạch cải cách hành chính năm 2022 (minh họa),ke-hoach-15.pdf\n"
        )
        from congtin.core.pdf import simple_pdf

        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as files:
            files.writestr(
                "ke-hoach-15.pdf", simple_pdf(["Ke hoach 15/KH-UBND (minh hoa)"])
            )
        for content, name in (
            (wrong, "nhap-van-ban-2-loi"),
            (right, "nhap-van-ban-3-xong"),
        ):
            editor.locator("input[name='table']").set_input_files(
                files=[
                    {
                        "name": "van-ban.csv",
                        "mimeType": "text/csv",
                        "buffer": content.encode(),
                    }
                ]
            )
            editor.locator("input[name='archive']").set_input_files(
                files=[
                    {
                        "name": "tep-dinh-kem.zip",
                        "mimeType": "application/zip",
                        "buffer": archive.getvalue(),
                    }
                ]
            )
            editor.locator("main form button[type='submit']").click()
            editor.wait_for_load_state()
            self.shot(editor, name, editor.locator("main"))

        # Targets: the plan's own file, downloaded from its public page, imported
        # back (a person changes or adds rows in between).
        plans = f"http://lechan.localhost:{self.server.port}/chi-tieu/"
        editor.goto(plans)
        editor.locator("main a", has_text="2022").first.click()
        editor.wait_for_load_state()
        downloads = editor.locator(".targets-downloads")
        self.shot(editor, "nhap-chi-tieu-1-tai-ve", downloads)
        with editor.expect_download() as download:
            downloads.get_by_role("link", name="Excel (.xlsx)").click()
        workbook = Path(download.value.path()).read_bytes()
        editor.goto(self.url + "/")
        open_sidebar_item(editor, "Nhập dữ liệu", "Nhập chỉ tiêu, số liệu từ tệp")
        editor.wait_for_load_state()
        editor.locator("input[name='kind'][value='targets']").check()
        editor.locator("input[name='file']").set_input_files(
            files=[
                {
                    "name": "chi-tieu-le-chan-2022.xlsx",
                    "mimeType": "application/vnd.openxmlformats-officedocument"
                    ".spreadsheetml.sheet",
                    "buffer": workbook,
                }
            ]
        )
        self.shot(editor, "nhap-chi-tieu-2-bieu-mau", editor.locator("main"))
        editor.locator("main form button[type='submit']").click()
        editor.wait_for_load_state()
        self.shot(
            editor,
            "nhap-chi-tieu-3-xong",
            clip={"x": 200, "y": 0, "width": 1080, "height": 260},
        )

    def editor_imports_procedures(self) -> None:
        editor = self.admin.person("lechan.bientap")
        editor.goto(self.url + "/")
        open_sidebar_item(editor, "Nhập dữ liệu", "Nhập thủ tục hành chính")
        editor.wait_for_load_state()
        table = (
            "Mã thủ tục,Tên thủ tục,Lĩnh vực,Cấp thực hiện,Thời hạn giải quyết,"
            "Trình tự thực hiện,Kết quả thực hiện,Cơ quan thực hiện\n"
            "2.000908,Chứng thực bản sao từ bản chính (minh họa),Chứng thực,"
            "Cấp huyện,Trong ngày,Nộp hồ sơ tại Bộ phận Một cửa,Bản sao được "
            "chứng thực,Phòng Tư pháp quận Lê Chân\n"
        )
        editor.locator("input[name='table']").set_input_files(
            files=[
                {
                    "name": "thu-tuc.csv",
                    "mimeType": "text/csv",
                    "buffer": table.encode(),
                }
            ]
        )
        editor.locator("main form button[name='check']").click()
        editor.wait_for_load_state()
        self.shot(editor, "nhap-thu-tuc-1-kiem-tra", editor.locator("main"))
        editor.goto(self.url + "/")
        open_sidebar_item(editor, "Nhập dữ liệu", "Nhập số liệu ngân sách, thống kê")
        editor.wait_for_load_state()
        self.shot(editor, "nhap-so-lieu-1-bieu-mau", editor.locator("main"))

    # --- Administrator: a new component portal ------------------------------------------

    def administrator_creates_portal(self) -> None:
        name, hostname = NEW_PORTAL
        self.server.manage(
            "create_portal",
            "--name",
            name,
            "--hostname",
            hostname,
            "--port",
            str(self.server.port),
        )
        self.server.manage("ensure_document_indexes")
        admin = self.admin.person("quantri")
        admin.goto(self.url + "/sites/")
        self.shot(admin, "tao-cong-1-trang-web", admin.locator("main"))
        admin.goto(self.url + "/groups/?q=" + urllib.parse.quote(name))
        self.shot(admin, "tao-cong-2-nhom", admin.locator("main"))
        # An account for the new portal's reporter, in its group.
        admin.goto(self.url + "/users/")
        admin.locator("main a[href$='/users/new/']").first.click()
        admin.locator("#id_username").fill("thuynguyen.phongvien")
        admin.locator("#id_email").fill("phongvien@thuynguyen.example")
        admin.locator("#id_first_name").fill("Phóng viên")
        admin.locator("#id_last_name").fill("Huyện Thủy Nguyên")
        for field in ("#id_password1", "#id_password2"):
            admin.locator(field).fill("thuy-nguyen-mat-khau-mau")
        self.shot(admin, "tao-cong-3-tai-khoan", admin.locator("main"))
        admin.locator("#tab-label-roles").click()
        admin.get_by_label(f"{name} - Phóng viên").check()
        self.shot(admin, "tao-cong-4-vai-tro", admin.locator("main"))
        admin.locator("main form button[type='submit']").first.click()
        admin.wait_for_load_state()
        self.shot(
            admin,
            "tao-cong-5-da-tao",
            clip={"x": 200, "y": 0, "width": 1080, "height": 260},
        )
        admin.goto(f"http://{hostname}:{self.server.port}/")
        self.shot(admin, "tao-cong-6-trang-chu")

    def administrator_security(self) -> None:
        admin = self.admin.person("quantri")
        admin.goto(self.url + "/accounts/security-log/")
        self.shot(admin, "bao-mat-1-nhat-ky")
        admin.goto(self.url + "/users/")
        self.shot(admin, "bao-mat-2-nguoi-dung", admin.locator("main"))


if __name__ == "__main__":
    main()
