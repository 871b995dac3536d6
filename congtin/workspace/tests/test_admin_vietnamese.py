"""Every screen the editorial board uses speaks Vietnamese: at most 2% English words.

Walks the admin in a real Chromium as each role of the Lê Chân newsroom and as the
administrator (Quản trị), over the whole demo, and counts what each screen shows
(congtin/workspace/interface_words.py says what counts as an English word). Runs
Debian's Chromium through Playwright; without it the test skips, except under
CI=true.
"""

import pytest

from congtin.conftest import BROWSER_TIMEOUT_MS, launch_chromium
from congtin.workspace.interface_words import (
    VISIBLE_TEXT_JS,
    content_words,
    count_words,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.long,
    # The live server answers from another thread: the data must be committed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MOST_ENGLISH = 0.02
SIDEBAR_DRAWN = "[data-wagtail-sidebar] .sidebar-main-menu"


def _screens():
    """(role, screen name, admin path) for every screen walked, from the demo's data."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision, Site

    from congtin.dialogues.models import DialoguePage
    from congtin.documents.models import LegalDocumentPage
    from congtin.news.models import ArticlePage, NewsIndexPage

    lechan = Site.objects.get(hostname="lechan.localhost").root_page
    section = NewsIndexPage.objects.descendant_of(lechan).get(slug="tin-tuc-su-kien")
    article = ArticlePage.objects.descendant_of(lechan).first()
    revisions = Revision.page_revisions.filter(object_id=str(article.pk))
    first, last = revisions.order_by("created_at")[0], revisions.latest("created_at")
    image = article.cover_image or get_image_model().objects.first()
    document = get_document_model().objects.first()
    chief_account = get_user_model().objects.get(username="lechan.truongban")

    def page_editors(root):
        """The editor of one page of each type under ``root``."""
        seen = {}
        for page in Page.objects.descendant_of(root).specific().order_by("path"):
            seen.setdefault(type(page).__name__, page)
        return [
            (f"sửa {name}", reverse("wagtailadmin_pages:edit", args=[page.pk]))
            for name, page in seen.items()
        ]

    everyone = [
        ("bảng điều khiển", reverse("wagtailadmin_home")),
        ("cây trang", reverse("wagtailadmin_explore", args=[lechan.pk])),
        ("mục tin", reverse("wagtailadmin_explore", args=[section.pk])),
        (
            "chọn loại trang",
            reverse("wagtailadmin_pages:add_subpage", args=[section.pk]),
        ),
        (
            "thêm bài viết",
            reverse("wagtailadmin_pages:add", args=["news", "articlepage", section.pk]),
        ),
        ("sửa bài viết", reverse("wagtailadmin_pages:edit", args=[article.pk])),
        ("lịch sử", reverse("wagtailadmin_pages:history", args=[article.pk])),
        (
            "so sánh phiên bản",
            reverse(
                "wagtailadmin_pages:revisions_compare",
                args=[article.pk, first.pk, last.pk],
            ),
        ),
        ("ảnh", reverse("wagtailimages:index")),
        ("tải ảnh lên", reverse("wagtailimages:add_multiple")),
        ("sửa ảnh", reverse("wagtailimages:edit", args=[image.pk])),
        ("tài liệu", reverse("wagtaildocs:index")),
        ("tải tài liệu lên", reverse("wagtaildocs:add_multiple")),
        ("sửa tài liệu", reverse("wagtaildocs:edit", args=[document.pk])),
        ("tìm trang", reverse("wagtailadmin_pages:search") + "?q=Lê+Chân"),
        ("tài khoản", reverse("wagtailadmin_account")),
    ]
    # The editor's panels and dialogs, opened one after the other (clicks).
    editor_panels = (
        "bảng và hộp thoại của trình soạn thảo",
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        [
            ("trạng thái", "[data-side-panel-toggle='status']"),
            (
                "hẹn giờ xuất bản",
                "[data-a11y-dialog-show='schedule-publishing-dialog']",
            ),
            ("đóng hộp thoại", "#schedule-publishing-dialog .w-dialog__close-button"),
            ("bình luận", "[data-side-panel-toggle='comments']"),
            ("xem trước", "[data-side-panel-toggle='preview']"),
            ("thao tác khác", "footer [data-w-dropdown-target='toggle']"),
        ],
    )
    # The article waits for the editor's review (the walk fixture sends it).
    reviewing = (
        "duyệt bài",
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        [
            ("thao tác duyệt", "footer [data-w-dropdown-target='toggle']"),
            (
                "hộp thoại yêu cầu sửa",
                "[data-workflow-action-name='reject']",
                ".modal textarea[name='comment']",
            ),
        ],
    )
    chief = [
        editor_panels,
        ("nhật ký thao tác", reverse("wagtailadmin_reports:site_history")),
        ("trang đang khóa", reverse("wagtailadmin_reports:locked_pages")),
        ("trang lâu chưa cập nhật", reverse("wagtailadmin_reports:aging_pages")),
        ("quy trình duyệt", reverse("wagtailadmin_reports:workflow")),
        ("các bước duyệt", reverse("wagtailadmin_reports:workflow_tasks")),
        ("đoạn nội dung", reverse("wagtailsnippets:index")),
        ("câu hỏi", reverse("wagtailsnippets_questions_question:list")),
        ("kế hoạch năm", reverse("wagtailsnippets_targets_annualplan:list")),
        ("số liệu", reverse("wagtailsnippets_targets_reportedfigure:list")),
        ("banner", reverse("wagtailsnippets_banners_banner:list")),
        ("thêm banner", reverse("wagtailsnippets_banners_banner:add")),
        ("khối liên kết", reverse("wagtailsnippets_banners_linkblock:add")),
        ("góp ý dự thảo", reverse("consultations_queue")),
        ("đối thoại trực tuyến", reverse("dialogues_list")),
        (
            "trả lời trực tiếp",
            reverse(
                "dialogues_live",
                args=[DialoguePage.objects.descendant_of(lechan).first().pk],
            ),
        ),
        (
            "câu hỏi đối thoại",
            reverse("wagtailsnippets_dialogues_dialoguequestion:list"),
        ),
        ("xác thực hai bước", reverse("twofactor:account")),
    ]
    administrator = [
        ("người dùng", reverse("wagtailusers_users:index")),
        ("nhóm", reverse("wagtailusers_groups:index")),
        ("bộ sưu tập", reverse("wagtailadmin_collections:index")),
        ("quy trình", reverse("wagtailadmin_workflows:index")),
        ("chuyển hướng", reverse("wagtailredirects:index")),
        ("cảnh báo khẩn", reverse("banners_alert")),
        (
            "đặt lại xác thực hai bước",
            reverse("twofactor:reset", args=[chief_account.pk]),
        ),
        (
            "sửa văn bản",
            reverse(
                "wagtailadmin_pages:edit", args=[LegalDocumentPage.objects.first().pk]
            ),
        ),
    ]
    editors = page_editors(Site.objects.get(is_default_site=True).root_page)
    # Each screen once, as the role that uses it most; (role, screens) per walk.
    return {
        "khách và biên tập viên": [
            (
                None,
                [
                    ("đăng nhập", reverse("wagtailadmin_login")),
                    ("quên mật khẩu", reverse("wagtailadmin_password_reset")),
                ],
            ),
            ("lechan.bientap", everyone[:1] + everyone[6:8] + [reviewing]),
        ],
        "phóng viên": [("lechan.phongvien", everyone[:6] + everyone[8:])],
        "trưởng ban": [("lechan.truongban", everyone[:1] + chief)],
        "quản trị": [("quantri", everyone[:1] + administrator)],
        "trình soạn thảo mọi loại trang (1)": [("quantri", editors[::2])],
        "trình soạn thảo mọi loại trang (2)": [("quantri", editors[1::2])],
    }


WALKS = [
    "khách và biên tập viên",
    "phóng viên",
    "trưởng ban",
    "quản trị",
    "trình soạn thảo mọi loại trang (1)",
    "trình soạn thảo mọi loại trang (2)",
]


def _send_for_review():
    """The Lê Chân article the walk edits, sent by its reporter to the workflow."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Site

    from congtin.news.models import ArticlePage

    lechan = Site.objects.get(hostname="lechan.localhost").root_page
    article = ArticlePage.objects.descendant_of(lechan).first()
    reporter = get_user_model().objects.get(username="lechan.phongvien")
    article.get_workflow().start(article, reporter)


@pytest.fixture
def walk(full_demo, live_server, request):
    """One walk's roles, screens and admin sessions, read before Chromium starts."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    if request.param == WALKS[0]:  # the walk with the editor's review
        _send_for_review()
    walks = _screens()
    assert sorted(walks) == sorted(WALKS)
    roles = walks[request.param]
    sessions = {}
    for user in get_user_model().objects.filter(
        username__in=[role for role, _ in roles if role]
    ):
        client = Client()
        client.force_login(user)
        sessions[user.username] = client.cookies[settings.SESSION_COOKIE_NAME]
    assert len(sessions) == len([role for role, _ in roles if role])
    return {
        "url": live_server.url,
        "roles": roles,
        "sessions": sessions,
        "content": content_words(),
    }


# Six walks of about the same length, so that two test workers share them.
@pytest.mark.parametrize("walk", WALKS, indirect=True)
def test_every_screen_of_the_editorial_board_is_vietnamese(chromium, walk, monkeypatch):
    measured = []
    with launch_chromium(chromium, monkeypatch) as browser:
        for role, screens in walk["roles"]:
            context = browser.new_context(locale="vi-VN")
            context.set_default_timeout(BROWSER_TIMEOUT_MS)
            if role:
                cookie = walk["sessions"][role]
                context.add_cookies(
                    [{"name": cookie.key, "value": cookie.value, "url": walk["url"]}]
                )
            page = context.new_page()
            for name, path, *clicks in screens:
                response = page.goto(walk["url"] + path)
                assert response.status == 200, (role, name, path, response.status)
                if role:
                    # The menu is drawn by a script once the page has loaded.
                    page.wait_for_selector(SIDEBAR_DRAWN, state="attached")
                name = f"{role or 'khách'} · {name}"
                text = page.evaluate(VISIBLE_TEXT_JS)
                measured.append(count_words(name, text, walk["content"]))
                for label, selector, *shown in clicks[0] if clicks else ():
                    page.locator(selector).first.click()
                    # A dialog may fetch its content first.
                    page.wait_for_load_state("networkidle")
                    if shown:
                        page.locator(shown[0]).wait_for(state="visible")
                    text = page.evaluate(VISIBLE_TEXT_JS)
                    measured.append(
                        count_words(f"{name} › {label}", text, walk["content"])
                    )
            context.close()
    print("\n".join(str(screen) for screen in measured))
    assert all(screen.words > 20 for screen in measured), "a screen showed nothing"
    too_english = [str(s) for s in measured if s.share > MOST_ENGLISH]
    assert not too_english, "\n".join(too_english)
