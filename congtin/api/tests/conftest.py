"""A small fixture: two portals, each kind of content, and what must stay out."""

from datetime import date, time, timedelta
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.utils import timezone
from wagtail.models import PageViewRestriction

from congtin.consultations.models import DraftComment
from congtin.consultations.tests.factories import (
    DraftCommentFactory,
    DraftDocumentPageFactory,
    DraftIndexPageFactory,
)
from congtin.core.tests.factories import SiteFactory
from congtin.documents.tests.factories import (
    DocumentIndexPageFactory,
    LegalDocumentPageFactory,
)
from congtin.news.tests.factories import ArticlePageFactory, NewsIndexPageFactory
from congtin.questions.models import AnswerPage
from congtin.questions.tests.factories import (
    QuestionFactory,
    QuestionIndexPageFactory,
    TopicFactory,
)
from congtin.schedule.models import ScheduleEntry
from congtin.schedule.tests.factories import (
    ScheduleIndexPageFactory,
    WeekSchedulePageFactory,
)
from congtin.targets.tests.factories import (
    AnnualPlanFactory,
    ReportedFigureFactory,
    TargetFactory,
)

HOST = "api.localhost"
OTHER_HOST = "khac.localhost"

# Contact data of the fixture's asker and commenters: never in an answer.
ASKER = {
    "name": "Nguyễn Văn Hỏi",
    "email": "nguoihoi.rieng@example.com",
    "phone": "0912345678",
    "address": "Số 7 ngõ Riêng Tư",
}
COMMENTER = {"name": "Trần Góp Ý", "contact": "gopy.rieng@example.com"}


@pytest.fixture(autouse=True)
def _fresh_counters(settings):
    caches["default"].clear()
    yield
    caches["default"].clear()


def add_answer(index, topic, **fields):
    page = AnswerPage(
        title=fields.pop("title", "Hỏi về cấp giấy phép xây dựng"),
        slug=fields.pop("slug", "hoi-ve-giay-phep"),
        topic=topic,
        question_text="Tôi muốn hỏi thủ tục cấp giấy phép xây dựng nhà ở.",
        answer="Hồ sơ gồm đơn đề nghị và bản vẽ thiết kế.",
        department="Phòng Quản lý đô thị",
        asked_on=fields.pop("asked_on", date(2026, 3, 2)),
        **fields,
    )
    index.add_child(instance=page)
    return page


@pytest.fixture
def portal(db):
    site = SiteFactory(hostname=HOST)
    home = site.root_page
    news = NewsIndexPageFactory(parent=home, title="Tin hoạt động", slug="tin")
    sub = NewsIndexPageFactory(parent=news, title="Tin phường", slug="tin-phuong")
    now = timezone.now()
    articles = [
        ArticlePageFactory(
            parent=news, title="Khai mạc lễ hội", slug="le-hoi", date=now
        ),
        ArticlePageFactory(
            parent=sub,
            title="Phường ra quân làm sạch",
            slug="ra-quan",
            date=now - timedelta(days=400),
        ),
    ]
    articles[0].tags.add("lễ hội")
    articles[0].save()
    draft_article = ArticlePageFactory(parent=news, slug="ban-nhap", live=False)
    private = ArticlePageFactory(parent=news, slug="noi-bo", title="Tin nội bộ")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )

    documents_index = DocumentIndexPageFactory(parent=home)
    documents = [
        LegalDocumentPageFactory(
            parent=documents_index, number="12/NQ-HĐND", field="Y tế"
        ),
        LegalDocumentPageFactory(
            parent=documents_index,
            number="5/QĐ-UBND",
            doc_type="quyet-dinh",
            issuing_body="Ủy ban nhân dân quận",
            issue_date=date(2025, 1, 6),
            expiry_date=date(2025, 6, 1),
        ),
    ]

    schedule_index = ScheduleIndexPageFactory(parent=home)
    week = WeekSchedulePageFactory(parent=schedule_index)
    entries = [
        ScheduleEntry.objects.create(
            page=week,
            day=date(2026, 11, 23) + timedelta(days=n),
            start_time=time(8 + n),
            leaders="Chủ tịch UBND quận",
            content=f"Họp giao ban số {n}",
        )
        for n in range(2)
    ]

    questions_index = QuestionIndexPageFactory(parent=home)
    topic = TopicFactory(site=site)
    answer = add_answer(questions_index, topic)
    QuestionFactory(
        site=site,
        topic=topic,
        answer_page=answer,
        tracking_code="HDRIENG00001",
        **ASKER,
    )

    drafts_index = DraftIndexPageFactory(parent=home)
    draft = DraftDocumentPageFactory(parent=drafts_index, slug="du-thao-1")
    comments = [
        DraftCommentFactory(
            draft=draft,
            site=site,
            status=DraftComment.Status.APPROVED,
            name=COMMENTER["name"],
            contact=COMMENTER["contact"],
            text="Đề nghị bổ sung điều khoản chuyển tiếp.",
        ),
        DraftCommentFactory(draft=draft, site=site, text="Chưa duyệt."),
    ]

    plan = AnnualPlanFactory(site=site, year=2022)
    target = TargetFactory(plan=plan)
    figure = ReportedFigureFactory(target=target)

    other = SiteFactory(hostname=OTHER_HOST)
    other_plan = AnnualPlanFactory(site=other, year=2022)
    other_news = NewsIndexPageFactory(parent=other.root_page, slug="tin-khac")
    other_article = ArticlePageFactory(parent=other_news, title="Tin cổng khác")
    return SimpleNamespace(
        site=site,
        sections=[news, sub],
        articles=articles,
        draft_article=draft_article,
        private=private,
        documents=documents,
        week=week,
        entries=entries,
        answer=answer,
        draft=draft,
        comments=comments,
        other_article=other_article,
        plan=plan,
        target=target,
        figure=figure,
        other_plan=other_plan,
    )


@pytest.fixture
def get(client):
    def get(path, host=HOST, **headers):
        return client.get(path, HTTP_HOST=host, **headers)

    return get
