"""A Lê Chân article proposed to the city portal, taken in, approved, kept in sync.

Every step goes through the real admin as a demo user; the outcome is checked on
the public sites, in the database and in the people's notices.
"""

import re

import pytest
from django.test import Client
from wagtail.models import Page, PageLogEntry, Site

from congtin.editorial.models import Notice, Proposal
from congtin.news.models import ArticlePage, NewsIndexPage

from .admin_actions import add_article, client_for, edit_article, news_section, user

pytestmark = pytest.mark.django_db

CITY = "localhost"
LECHAN = "lechan.localhost"
TITLE = "Quận Lê Chân khánh thành cầu Niệm 2"
LEAD = "Sáng nay, quận Lê Chân khánh thành cầu Niệm 2 nối hai phường."
NEW_LEAD = "Cầu Niệm 2 rút ngắn quãng đường từ trung tâm quận ra quốc lộ."
BASE = "/admin/editorial/proposals/"
LIST_TITLE = "Tin đề xuất từ cổng thành phần"
# The admin menu is rendered from JSON, so it is found by its name.
MENU_ITEM = '"name": "editorial-proposals"'
BUTTON = "Đề xuất lên cổng thành phố"
Status = Proposal.Status


def propose_url(page) -> str:
    return f"{BASE}propose/{page.pk}/"


def step_url(proposal, step: str) -> str:
    return f"{BASE}{proposal.pk}/{step}/"


def text(response) -> str:
    return response.content.decode()


def city_section(slug: str) -> NewsIndexPage:
    home = Site.objects.get(hostname=CITY).root_page
    return NewsIndexPage.objects.descendant_of(home).get(slug=slug)


def reader(host: str) -> Client:
    return Client(HTTP_HOST=host)


def public_path(page) -> str:
    return Page.objects.get(pk=page.pk).get_url_parts()[2]


@pytest.fixture
def article(demo):
    """A Lê Chân article published by its chief editor through the admin."""
    response = add_article(
        client_for("lechan.truongban"),
        news_section(LECHAN),
        "publish",
        title=TITLE,
        slug="khanh-thanh-cau-niem-2",
        lead=LEAD,
    )
    assert response.status_code == 302
    page = ArticlePage.objects.get(title=TITLE)
    assert page.live
    return page


@pytest.fixture
def proposed(article):
    response = client_for("lechan.bientap").post(
        propose_url(article), {"note": "Công trình trọng điểm của quận."}
    )
    assert response.status_code == 302
    return Proposal.objects.get(article=article)


@pytest.fixture
def accepted(proposed):
    response = client_for("haiphong.bientap").post(
        step_url(proposed, "accept"), {"section": city_section("quan-huyen").pk}
    )
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == Status.ACCEPTED
    return proposed


def approve(proposal, username="haiphong.truongban"):
    return client_for(username).post(step_url(proposal, "approve"))


# Proposing


def test_editor_sees_the_button_and_proposes(article):
    editor = client_for("lechan.bientap")
    edit_page = text(editor.get(f"/admin/pages/{article.pk}/edit/"))
    assert BUTTON in edit_page and propose_url(article) in edit_page

    form = editor.get(propose_url(article))
    assert form.status_code == 200
    assert 'name="note"' in text(form)

    # Decomposed "ọ" as some keyboards send it.
    response = editor.post(propose_url(article), {"note": " Tin tro\u0323ng điểm "})
    assert response.status_code == 302

    proposal = Proposal.objects.get(article=article)
    assert proposal.status == Status.PENDING
    assert proposal.note == "Tin trọng điểm"
    assert proposal.source_site.hostname == LECHAN
    assert proposal.target_site.is_default_site
    assert proposal.proposed_by.username == "lechan.bientap"
    city_editor_notice = Notice.objects.get(recipient=user("haiphong.bientap"))
    assert TITLE in city_editor_notice.message
    assert city_editor_notice.url == BASE
    assert PageLogEntry.objects.filter(
        page=article, action="congtin.proposal.propose"
    ).exists()
    # Once proposed, the button is gone.
    assert BUTTON not in text(editor.get(f"/admin/pages/{article.pk}/edit/"))


def test_button_in_the_page_listing(article):
    listing = client_for("lechan.bientap").get(
        f"/admin/pages/{news_section(LECHAN).pk}/"
    )
    assert propose_url(article) in text(listing)
    reporter = client_for("lechan.phongvien").get(
        f"/admin/pages/{news_section(LECHAN).pk}/"
    )
    assert propose_url(article) not in text(reporter)


def test_chief_may_propose_too(article):
    response = client_for("lechan.truongban").post(propose_url(article))
    assert response.status_code == 302
    assert Proposal.objects.get(article=article).note == ""


def test_reporter_cannot_propose_even_own_article(demo):
    reporter = client_for("lechan.phongvien")
    add_article(reporter, news_section(LECHAN), title=TITLE, lead=LEAD)
    page = ArticlePage.objects.get(title=TITLE)
    assert page.owner.username == "lechan.phongvien"
    # Published by the chief, still owned by the reporter.
    edit_article(client_for("lechan.truongban"), page, "publish")
    assert ArticlePage.objects.get(pk=page.pk).live

    assert BUTTON not in text(reporter.get(f"/admin/pages/{page.pk}/edit/"))
    response = reporter.post(propose_url(page))
    assert response.status_code == 403
    assert "chỉ biên tập viên và trưởng ban biên tập" in text(response)
    assert not Proposal.objects.exists()


def test_draft_cannot_be_proposed(demo):
    add_article(client_for("lechan.bientap"), news_section(LECHAN), title=TITLE)
    draft = ArticlePage.objects.get(title=TITLE)
    assert not draft.live

    response = client_for("lechan.bientap").post(propose_url(draft))
    assert response.status_code == 409
    assert "Chỉ đề xuất được bài đang đăng" in text(response)
    assert not Proposal.objects.exists()


def test_other_portals_article_cannot_be_proposed(demo):
    response = client_for("lechan.bientap").post(propose_url(demo["article"]))
    assert response.status_code == 403
    assert "Bạn không có quyền đề xuất bài này" in text(response)


def test_city_article_is_not_proposed_to_the_city(demo):
    response = client_for("quantri").post(propose_url(demo["article"]))
    assert response.status_code == 400
    assert "đã thuộc cổng thành phố" in text(response)


def test_duplicate_proposal_is_refused(proposed):
    response = client_for("lechan.truongban").post(propose_url(proposed.article))
    assert response.status_code == 409
    assert "đã được đề xuất lên cổng thành phố (Chờ tiếp nhận)" in text(response)
    assert Proposal.objects.count() == 1


def test_only_articles_and_existing_pages(demo):
    editor = client_for("lechan.bientap")
    section = news_section(LECHAN)
    response = editor.post(propose_url(section))
    assert response.status_code == 400
    assert "Chỉ có thể đề xuất bài viết" in text(response)

    missing = editor.post(f"{BASE}propose/987654/")
    assert missing.status_code == 404
    assert "Không tìm thấy trang này." in text(missing)


def test_note_too_long_is_refused(article):
    response = client_for("lechan.bientap").post(
        propose_url(article), {"note": "x" * 2001}
    )
    assert response.status_code == 400
    assert "Ghi chú dài quá 2000 ký tự." in text(response)
    assert not Proposal.objects.exists()


# The city's list


def test_city_people_see_the_list_component_people_do_not(proposed):
    editor_list = client_for("haiphong.bientap").get(BASE)
    assert editor_list.status_code == 200
    html = text(editor_list)
    assert LIST_TITLE in html
    assert TITLE in html and "Quận Lê Chân" in html and "Chờ tiếp nhận" in html
    assert step_url(proposed, "accept") in html

    reporter_list = client_for("haiphong.phongvien").get(BASE)
    assert reporter_list.status_code == 200
    assert TITLE in text(reporter_list)
    assert step_url(proposed, "accept") not in text(reporter_list)

    for username in ("lechan.bientap", "lechan.truongban"):
        response = client_for(username).get(BASE)
        assert response.status_code == 403
        assert "Chỉ người của cổng thành phố" in text(response)
        assert MENU_ITEM not in text(client_for(username).get("/admin/"))
    assert MENU_ITEM in text(client_for("haiphong.bientap").get("/admin/"))


def test_component_people_cannot_act_on_proposals(proposed):
    for step in ("accept", "approve", "decline"):
        response = client_for("lechan.truongban").post(
            step_url(proposed, step),
            {"section": city_section("quan-huyen").pk, "reply": "Tự nhận"},
        )
        assert response.status_code == 403
    proposed.refresh_from_db()
    assert proposed.status == Status.PENDING


# Taking in


def test_city_reporter_cannot_accept(proposed):
    response = client_for("haiphong.phongvien").post(
        step_url(proposed, "accept"), {"section": city_section("quan-huyen").pk}
    )
    assert response.status_code == 403
    assert "dành cho biên tập viên của cổng thành phố" in text(response)
    proposed.refresh_from_db()
    assert proposed.status == Status.PENDING


def test_city_editor_accepts_into_the_districts_section(proposed):
    editor = client_for("haiphong.bientap")
    form = text(editor.get(step_url(proposed, "accept")))
    districts = city_section("quan-huyen")
    assert re.search(rf'<option value="{districts.pk}"[^>]*selected', form)

    response = editor.post(
        step_url(proposed, "accept"),
        {"section": districts.pk, "reply": "Đăng kèm ảnh lễ khánh thành."},
    )
    assert response.status_code == 302

    proposed.refresh_from_db()
    assert proposed.status == Status.ACCEPTED
    assert proposed.get_status_display() == "Đã biên tập, chờ phê duyệt"
    assert proposed.section_id == districts.pk
    assert proposed.accepted_by.username == "haiphong.bientap"
    assert proposed.alias is None
    proposer_notice = Notice.objects.get(recipient=user("lechan.bientap"))
    assert "đã tiếp nhận" in proposer_notice.message
    assert Notice.objects.filter(recipient=user("haiphong.truongban")).exists()


@pytest.mark.parametrize("section", ["", "abc", "987654", "lechan", "article"])
def test_bad_section_is_refused(proposed, section):
    if section == "lechan":
        section = news_section(LECHAN).pk
    elif section == "article":
        section = proposed.article_id
    response = client_for("haiphong.bientap").post(
        step_url(proposed, "accept"), {"section": section}
    )
    assert response.status_code == 400
    assert "Hãy chọn một chuyên mục tin đang đăng của cổng thành phố." in text(response)
    proposed.refresh_from_db()
    assert proposed.status == Status.PENDING


def test_missing_proposal_is_404(demo):
    response = client_for("haiphong.bientap").post(f"{BASE}987654/accept/")
    assert response.status_code == 404
    assert "Không tìm thấy tin đề xuất này." in text(response)


# Approving


def test_pending_proposal_cannot_be_approved(proposed):
    response = approve(proposed)
    assert response.status_code == 409
    assert "chưa được biên tập viên tiếp nhận" in text(response)


def test_city_editor_cannot_approve(accepted):
    response = approve(accepted, "haiphong.bientap")
    assert response.status_code == 403
    assert "dành cho trưởng ban biên tập" in text(response)
    accepted.refresh_from_db()
    assert accepted.status == Status.ACCEPTED
    assert not ArticlePage.objects.filter(alias_of=accepted.article).exists()


def district_block(html: str) -> str:
    """The home page's "Tin từ các quận, huyện" block, or "" without one."""
    match = re.search(
        r'<section[^>]*aria-labelledby="district-news-title".*?</section>', html, re.S
    )
    return match.group(0) if match else ""


def test_chief_approves_and_the_city_shows_the_article(accepted):
    article = accepted.article
    assert district_block(text(reader(CITY).get("/"))) == ""
    assert approve(accepted).status_code == 302

    accepted.refresh_from_db()
    assert accepted.status == Status.PUBLISHED
    assert accepted.decided_by.username == "haiphong.truongban"
    alias = ArticlePage.objects.get(alias_of=article)
    assert accepted.alias_id == alias.pk
    assert alias.live
    assert alias.get_parent().pk == city_section("quan-huyen").pk
    assert alias.lead == LEAD

    city = reader(CITY)
    block = district_block(text(city.get("/")))
    assert "Tin từ các quận, huyện" in block
    assert TITLE in block and public_path(alias) in block
    assert district_block(text(reader(LECHAN).get("/"))) == ""
    assert TITLE in text(city.get(public_path(city_section("quan-huyen"))))

    page = city.get(public_path(alias))
    assert page.status_code == 200
    html = text(page)
    assert LEAD in html
    original_url = Page.objects.get(pk=article.pk).full_url
    assert "lechan.localhost" in original_url
    assert f'<link rel="canonical" href="{original_url}">' in html
    # The original stays where it was.
    assert reader(LECHAN).get(public_path(article)).status_code == 200

    notice = Notice.objects.filter(
        recipient=user("lechan.bientap"), message__contains="đã được đăng"
    ).get()
    assert notice.url == alias.full_url
    assert PageLogEntry.objects.filter(
        page=article, action="congtin.proposal.publish"
    ).exists()
    history = client_for("lechan.bientap").get(f"/admin/pages/{article.pk}/history/")
    assert "Đăng trên cổng thành phố" in text(history)

    again = approve(accepted)
    assert again.status_code == 409
    assert ArticlePage.objects.filter(alias_of=article).count() == 1


def test_republishing_the_original_updates_the_city(accepted):
    approve(accepted)
    alias = ArticlePage.objects.get(alias_of=accepted.article)
    path = public_path(alias)
    assert LEAD in text(reader(CITY).get(path))

    response = edit_article(
        client_for("lechan.truongban"), accepted.article, "publish", lead=NEW_LEAD
    )
    assert response.status_code == 302

    html = text(reader(CITY).get(path))
    assert NEW_LEAD in html and LEAD not in html
    assert NEW_LEAD in text(reader(LECHAN).get(public_path(accepted.article)))


def test_slug_taken_in_the_section_gets_a_suffix(accepted):
    districts = city_section("quan-huyen")
    taken = ArticlePage(
        title="Tin trùng địa chỉ",
        slug=accepted.article.slug,
        lead="Sapo.",
        body=[("paragraph", "<p>Nội dung.</p>")],
    )
    districts.add_child(instance=taken)
    taken.save_revision().publish()

    assert approve(accepted).status_code == 302
    alias = ArticlePage.objects.get(alias_of=accepted.article)
    assert alias.slug == f"{accepted.article.slug}-2"
    assert reader(CITY).get(public_path(alias)).status_code == 200


def test_original_withdrawn_before_approval_is_not_published(accepted):
    ArticlePage.objects.get(pk=accepted.article_id).unpublish()
    response = approve(accepted)
    assert response.status_code == 409
    assert "Bài gốc hiện không còn được đăng" in text(response)
    assert not ArticlePage.objects.filter(alias_of=accepted.article).exists()


# Declining


def test_decline_needs_a_reason(proposed):
    response = client_for("haiphong.bientap").post(
        step_url(proposed, "decline"), {"reply": "   "}
    )
    assert response.status_code == 400
    assert "Hãy ghi lý do không tiếp nhận." in text(response)
    proposed.refresh_from_db()
    assert proposed.status == Status.PENDING


def test_declined_article_may_be_proposed_again(accepted):
    response = client_for("haiphong.truongban").post(
        step_url(accepted, "decline"), {"reply": "Đã có bài cùng nội dung."}
    )
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.status == Status.DECLINED
    assert accepted.reply == "Đã có bài cùng nội dung."
    notice = Notice.objects.get(
        recipient=user("lechan.bientap"), message__contains="không tiếp nhận"
    )
    assert "Đã có bài cùng nội dung." in notice.message

    assert approve(accepted).status_code == 409
    listing = text(client_for("haiphong.bientap").get(BASE))
    assert "Không tiếp nhận" in listing and "Đã có bài cùng nội dung." in listing

    editor = client_for("lechan.bientap")
    assert BUTTON in text(editor.get(f"/admin/pages/{accepted.article_id}/edit/"))
    assert (
        editor.post(propose_url(accepted.article), {"note": "Đã bổ sung"}).status_code
        == 302
    )
    accepted.refresh_from_db()
    assert accepted.status == Status.PENDING
    assert accepted.reply == "" and accepted.decided_by is None
    assert Proposal.objects.count() == 1
