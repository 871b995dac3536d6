"""The dashboard's "Việc hôm nay": what each role of a portal has to do today.

Each test builds the work on the small demo through the apps' own models and
Wagtail's own workflow and publishing, then reads the dashboard as each person
sees it through the Django test client.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from congtin.consultations.models import DraftComment, DraftIndexPage
from congtin.consultations.tests.factories import (
    DraftCommentFactory,
    DraftDocumentPageFactory,
    DraftIndexPageFactory,
)
from congtin.core.vietnamese import add_working_days
from congtin.news.models import ArticlePage, NewsIndexPage
from congtin.portals.tests.factories import UserFactory
from congtin.questions.models import Question, Status

pytestmark = pytest.mark.django_db

LECHAN = "lechan.localhost"
CITY = "localhost"
SENT_BACK = "Bài của tôi bị trả lại, cần sửa"
QUESTIONS = "Câu hỏi của công dân sắp đến hạn trả lời"
DRAFTS = "Dự thảo đang lấy ý kiến"
READER_COMMENTS = "Ý kiến bạn đọc chờ duyệt"
SCHEDULE = "Lịch xuất bản 7 ngày tới"
NOTHING_TO_DO = "Hôm nay bạn không có bài bị trả lại"


@dataclass
class Item:
    title: str
    url: str
    note: str
    urgent: bool


def user(username):
    return get_user_model().objects.get(username=username)


def dashboard(username, host=CITY) -> str:
    client = Client(HTTP_HOST=host)
    client.force_login(user(username))
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def today_panel(username, host=CITY) -> dict[str, list[Item]]:
    """The panel's sections, by heading, as ``username`` sees them."""
    panel = BeautifulSoup(dashboard(username, host), "html.parser").select_one(
        "section.congtin-today"
    )
    assert panel is not None, "no Việc hôm nay panel on the dashboard"
    sections = {}
    for section in panel.select(".congtin-today__section"):
        sections[section.h3.get_text(strip=True)] = [
            Item(
                li.a.get_text(strip=True),
                li.a["href"],
                li.select_one(".congtin-today__note").get_text(strip=True),
                "congtin-today__item--urgent" in li["class"],
            )
            for li in section.select("li")
        ]
    return sections


def titles(sections, heading) -> list[str]:
    return [item.title for item in sections.get(heading, [])]


def home(hostname):
    return Site.objects.get(hostname=hostname).root_page


def new_article(hostname, title, owner) -> ArticlePage:
    """A draft article in the portal's "Tin tức - Sự kiện" section."""
    section = NewsIndexPage.objects.descendant_of(home(hostname)).get(
        slug="tin-tuc-su-kien"
    )
    article = ArticlePage(
        title=title,
        date=timezone.now(),
        lead=f"Sapo của {title}.",
        author="Phóng viên",
        body=[("paragraph", f"<p>{title}</p>")],
        live=False,
        owner=owner,
    )
    section.add_child(instance=article)
    article.save_revision(user=owner)
    return article


# --- Sent back ----------------------------------------------------------------------


def test_sent_back_article_is_listed_for_its_reporter_only(demo):
    reporter, editor = user("lechan.phongvien"), user("lechan.bientap")
    article = new_article(LECHAN, "Ra quân làm sạch môi trường", reporter)
    state = article.get_workflow().start(article, reporter)
    state.current_task_state.specific.reject(user=editor, comment="Cần bổ sung nguồn")

    [item] = today_panel("lechan.phongvien")[SENT_BACK]
    assert item.title == "Ra quân làm sạch môi trường"
    assert item.url == f"/admin/pages/{article.pk}/edit/"
    assert item.note == "Trả lại ở bước “Biên tập (Quận Lê Chân)”"
    assert item.urgent

    # A second reporter of the same newsroom, and the editor who sent it back.
    UserFactory(username="lechan.phongvien2", groups=list(reporter.groups.all()))
    assert SENT_BACK not in today_panel("lechan.phongvien2")
    assert SENT_BACK not in today_panel("lechan.bientap")


def test_resubmitted_article_leaves_the_sent_back_list(demo):
    reporter, editor = user("lechan.phongvien"), user("lechan.bientap")
    article = new_article(LECHAN, "Tin đã sửa theo ý kiến", reporter)
    state = article.get_workflow().start(article, reporter)
    state.current_task_state.specific.reject(user=editor)
    state.refresh_from_db()
    state.resume(reporter)

    assert SENT_BACK not in today_panel("lechan.phongvien")


# --- Citizens' questions ------------------------------------------------------------


def ask(hostname, title, deadline) -> Question:
    return Question.objects.create(
        site=Site.objects.get(hostname=hostname),
        name="Trần Thị Bình",
        email="binh@example.com",
        title=title,
        text=f"Nội dung {title}.",
        deadline=deadline,
    )


def test_questions_near_their_deadline_go_to_the_portal_staff(demo):
    today = timezone.localdate()
    soon = ask(LECHAN, "Hỏi về khai sinh", add_working_days(today, 3))
    late = ask(LECHAN, "Hỏi về hộ khẩu", today - timedelta(days=2))
    ask(LECHAN, "Hỏi về xây dựng", add_working_days(today, 4))
    ask(LECHAN, "Hỏi về đất đai", add_working_days(today, 10))
    ask(CITY, "Hỏi về cảng", add_working_days(today, 1))

    for username in ("lechan.bientap", "lechan.truongban"):
        items = today_panel(username)[QUESTIONS]
        assert [item.title for item in items] == [
            f"{late.tracking_code} · Hỏi về hộ khẩu",
            f"{soon.tracking_code} · Hỏi về khai sinh",
        ]
        assert items[0].urgent and items[0].note.startswith("Quá hạn từ ")
        assert not items[1].urgent and items[1].note.startswith("Hạn ")
        assert items[0].url == f"/admin/snippets/questions/question/edit/{late.pk}/"

    city_items = titles(today_panel("haiphong.bientap"), QUESTIONS)
    assert city_items and all("Hỏi về cảng" in title for title in city_items)
    # A reporter may read questions but not answer them.
    assert QUESTIONS not in today_panel("lechan.phongvien")


def test_answered_or_closed_questions_are_not_listed(demo):
    today = timezone.localdate()
    question = ask(LECHAN, "Hỏi về khai sinh", today)
    question.status = Status.PUBLISHED
    question.save()

    assert QUESTIONS not in today_panel("lechan.bientap")


# --- Drafts open for comment --------------------------------------------------------


def open_draft(hostname, title, **dates):
    """A live draft, open since yesterday for five more days unless ``dates`` say
    otherwise. (The small demo has no consultations section: one is added.)"""
    index = DraftIndexPage.objects.descendant_of(home(hostname)).first()
    if index is None:
        index = DraftIndexPageFactory(parent=home(hostname))
    return DraftDocumentPageFactory(parent=index, title=title, **dates)


def test_open_draft_with_a_pending_comment_goes_to_its_moderators(demo):
    draft = open_draft(LECHAN, "Dự thảo quy định hè phố")
    DraftCommentFactory(draft=draft)
    DraftCommentFactory(draft=draft, status=DraftComment.Status.APPROVED)
    now = timezone.now()
    open_draft(
        LECHAN,
        "Dự thảo đã đóng",
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=1),
    )
    open_draft(LECHAN, "Dự thảo sắp mở", opens_at=now + timedelta(days=1))

    [item] = today_panel("lechan.bientap")[DRAFTS]
    assert item.title == "Dự thảo quy định hè phố"
    assert item.url == f"/admin/pages/{draft.pk}/edit/"
    assert item.note.endswith("· 1 góp ý chờ duyệt")
    assert item.urgent

    assert DRAFTS not in today_panel("lechan.phongvien")
    assert "Dự thảo quy định hè phố" not in titles(
        today_panel("haiphong.bientap"), DRAFTS
    )


def test_drafts_are_listed_only_where_the_person_moderates(demo):
    open_draft(LECHAN, "Dự thảo quy định hè phố")
    city_draft = open_draft(CITY, "Dự thảo quy chế chợ")
    DraftCommentFactory(draft=city_draft)
    # A reporter of Lê Chân who also edits for the city.
    user("lechan.phongvien").groups.add(*user("haiphong.bientap").groups.all())

    [item] = today_panel("lechan.phongvien")[DRAFTS]
    assert item.title == "Dự thảo quy chế chợ"
    assert item.note.endswith("· 1 góp ý chờ duyệt")


# --- Scheduled publications ---------------------------------------------------------


def scheduled_article(title, go_live_at) -> ArticlePage:
    """Published by Lê Chân's chief editor with a go-live time: Wagtail keeps the
    approved revision until then."""
    chief = user("lechan.truongban")
    article = new_article(LECHAN, title, chief)
    article.go_live_at = go_live_at
    article.save_revision(user=chief).publish(user=chief)
    article.refresh_from_db()
    assert article.scheduled_revision is not None
    return article


def test_publications_of_the_coming_week_are_listed_for_the_portal(demo):
    now = timezone.now()
    soon = scheduled_article("Tin hẹn giờ tuần này", now + timedelta(days=2))
    scheduled_article("Tin hẹn giờ tháng sau", now + timedelta(days=30))

    for username in ("lechan.phongvien", "lechan.bientap", "lechan.truongban"):
        [item] = today_panel(username)[SCHEDULE]
        assert item.title == "Tin hẹn giờ tuần này"
        assert item.url == f"/admin/pages/{soon.pk}/edit/"
        assert item.note.startswith("Xuất bản lúc ")

    for username in ("haiphong.phongvien", "haiphong.truongban"):
        assert SCHEDULE not in today_panel(username)
    assert titles(today_panel("quantri"), SCHEDULE) == ["Tin hẹn giờ tuần này"]


# --- Nothing to do ------------------------------------------------------------------


def test_with_nothing_to_do_the_panel_says_so(demo):
    sections = today_panel("lechan.bientap")
    assert sections == {}
    assert NOTHING_TO_DO in dashboard("lechan.bientap")


# --- Cost ---------------------------------------------------------------------------

# The whole dashboard of Lê Chân's chief editor with three items in each of the
# panel's sections, measured at 44 (the panel's own share is six, the session's
# second-factor device one, each import menu item, documents, procedures and
# budget and statistics figures, one);
# a query per listed item, or per look-up of the agency's settings, goes over.
MAX_QUERIES = 44


def test_reader_comments_waiting_go_to_the_portals_moderators(demo):
    from congtin.reader_comments.models import ReaderComment
    from congtin.reader_comments.tests.factories import ReaderCommentFactory

    article = demo["article"]  # on the city portal
    ReaderCommentFactory(article=article)
    ReaderCommentFactory(article=article)
    ReaderCommentFactory(article=article, status=ReaderComment.Status.APPROVED)

    [item] = today_panel("haiphong.bientap")[READER_COMMENTS]
    assert item.title == article.title
    assert item.url == "/admin/y-kien-ban-doc/"
    assert item.note.startswith("2 ý kiến chờ duyệt") and item.urgent
    assert READER_COMMENTS not in today_panel("haiphong.phongvien")
    assert READER_COMMENTS not in today_panel("lechan.bientap")


def test_the_chief_editors_dashboard_stays_within_its_query_budget(
    demo, django_assert_max_num_queries
):
    from congtin.news.tests.factories import ArticlePageFactory
    from congtin.reader_comments.tests.factories import ReaderCommentFactory

    lechan_section = (
        NewsIndexPage.objects.descendant_of(Site.objects.get(hostname=LECHAN).root_page)
        .order_by("path")
        .first()
    )
    today = timezone.localdate()
    for number in range(3):
        ask(LECHAN, f"Hỏi số {number}", add_working_days(today, 1))
        DraftCommentFactory(draft=open_draft(LECHAN, f"Dự thảo số {number}"))
        scheduled_article(f"Tin hẹn giờ {number}", timezone.now() + timedelta(days=1))
        ReaderCommentFactory(
            article=ArticlePageFactory(
                parent=lechan_section, slug=f"tin-y-kien-{number}"
            )
        )
    client = Client(HTTP_HOST=CITY)
    client.force_login(user("lechan.truongban"))
    # The first request after signing in also fills per-process caches.
    client.get("/admin/")

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/admin/")

    page = response.content.decode()
    for heading in (QUESTIONS, DRAFTS, READER_COMMENTS, SCHEDULE):
        assert page.count(heading) == 1
    assert page.count("1 góp ý chờ duyệt") == 3
    assert page.count("1 ý kiến chờ duyệt, gửi từ") == 3
