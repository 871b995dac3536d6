"""A page of results costs the same number of queries with 3 items as with 20."""

from datetime import date, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congtin.consultations.models import DraftComment
from congtin.consultations.tests.factories import (
    DraftCommentFactory,
    DraftDocumentPageFactory,
)
from congtin.documents.tests.factories import LegalDocumentPageFactory
from congtin.news.tests.factories import ArticlePageFactory, NewsIndexPageFactory
from congtin.schedule.models import ScheduleEntry
from congtin.targets.tests.factories import AnnualPlanFactory

from .conftest import add_answer

pytestmark = pytest.mark.django_db


def queries(get, url) -> int:
    get(url)  # warm: the site, its root paths, the chrome caches
    with CaptureQueriesContext(connection) as captured:
        response = get(url)
    assert response.status_code == 200
    return len(captured)


def add_to_twenty(portal, count: int):
    news = portal.sections[0]
    for n in range(count):
        article = ArticlePageFactory(parent=news, slug=f"them-{n}")
        article.tags.add(f"chủ đề {n}", "chung")
        article.save()
        NewsIndexPageFactory(parent=news, slug=f"muc-{n}")
        LegalDocumentPageFactory(parent=portal.documents[0].get_parent())
        ScheduleEntry.objects.create(
            page=portal.week,
            day=date(2026, 11, 23) + timedelta(days=n % 7),
            start_time=time(7),
            leaders="Phó Chủ tịch",
            content=f"Làm việc {n}",
        )
        add_answer(
            portal.answer.get_parent(),
            portal.answer.topic,
            slug=f"hoi-{n}",
            title=f"Hỏi số {n}",
        )
        DraftDocumentPageFactory(parent=portal.draft.get_parent(), slug=f"dt-{n}")
        DraftCommentFactory(
            draft=portal.draft, site=portal.site, status=DraftComment.Status.APPROVED
        )
        AnnualPlanFactory(site=portal.site, year=2000 + n)


def test_constant_queries_per_page(portal, get):
    lists = [
        "/api/v1/chuyen-muc/?limit=20",
        "/api/v1/bai-viet/?limit=20",
        "/api/v1/van-ban/?limit=20",
        "/api/v1/lich-cong-tac/?limit=20",
        "/api/v1/hoi-dap/?limit=20",
        "/api/v1/du-thao/?limit=20",
        f"/api/v1/du-thao/{portal.draft.pk}/gop-y/?limit=20",
        "/api/v1/ke-hoach/?limit=20",
    ]
    few = {url: queries(get, url) for url in lists}
    add_to_twenty(portal, 20)
    for url in lists:
        data = get(url).json()
        assert len(data["items"]) == 20, url
        assert queries(get, url) == few[url], url
    # A few queries each: the site, the list, its related rows, the limit counter.
    assert max(few.values()) <= 8, few
