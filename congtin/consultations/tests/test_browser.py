"""What a citizen sees, in Debian's Chromium via Playwright: the form, the thanks,
hostile approved comments shown as text (no dialog ever opens), a closed draft."""

import pytest

from congtin.conftest import launch_chromium

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread: the data must be committed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    '"><svg onload=alert(3)>',
]


@pytest.fixture
def site(portal, live_server):
    """Everything read before Chromium starts (see congtin.conftest)."""
    from congtin.consultations.models import DraftComment

    for text in HOSTILE:
        DraftComment.objects.create(
            draft=portal["open"],
            site=portal["site"],
            name=text,
            contact="an@example.com",
            text=text,
            status=DraftComment.Status.APPROVED,
        )
    return {
        "open": live_server.url + portal["open"].url,
        "closed": live_server.url + portal["closed"].url,
    }


@pytest.fixture
def browser(chromium, site, monkeypatch):
    with launch_chromium(chromium, monkeypatch) as browser:
        yield browser


def test_citizen_comments_and_hostile_text_stays_text(site, new_page):
    from playwright.sync_api import expect

    page = new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(site["open"])
    comments = page.locator(".comment-list .comment__text")
    expect(comments).to_have_count(len(HOSTILE))
    assert comments.all_text_contents() == HOSTILE
    assert (
        page.locator(
            ".comment-list img, .comment-list script, .comment-list svg"
        ).count()
        == 0
    )
    # The honeypot is not where a person can see it.
    honeypot = page.locator("input[name=website]")
    box = honeypot.bounding_box()
    assert box is None or box["x"] + box["width"] <= 0

    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hoa")
    page.get_by_label("Thư điện tử hoặc số điện thoại").fill("0912 345 678")
    page.get_by_label("Nội dung góp ý").fill("Đề nghị làm rõ Điều 1 của dự thảo.")
    page.get_by_role("button", name="Gửi góp ý").click()
    expect(page.locator("#gop-y [role=status]")).to_contain_text("Cảm ơn bạn đã góp ý")
    # Sent, but not shown before moderation.
    expect(comments).to_have_count(len(HOSTILE))
    assert dialogs == []

    page.goto(site["closed"])
    expect(page.locator("form.comment-form")).to_have_count(0)
    expect(page.locator("#gop-y")).to_contain_text("Đã hết thời gian lấy ý kiến")
    assert dialogs == []
