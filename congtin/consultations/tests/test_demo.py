"""The demo as `make run` builds it: the city's drafts section, idempotent."""

import pytest
from bs4 import BeautifulSoup

from congtin.consultations.demo import load_consultations_demo
from congtin.consultations.models import DraftComment, DraftDocumentPage, DraftIndexPage

pytestmark = pytest.mark.django_db


def test_demo_drafts_comments_and_summary(demo, city_client):
    index = DraftIndexPage.objects.get()
    assert index.get_site().hostname == "localhost"
    listing = BeautifulSoup(city_client.get(index.url).content, "html.parser")
    assert len(listing.select(".draft-list li")) == 2

    open_draft, closed_draft = (
        DraftDocumentPage.objects.get(slug=s)
        for s in ("du-thao-quy-dinh-quan-ly-he-pho", "du-thao-ke-hoach-khong-gian-xanh")
    )
    assert open_draft.is_open and open_draft.is_illustrative
    soup = BeautifulSoup(city_client.get(open_draft.url).content, "html.parser")
    assert soup.select_one("form.comment-form") is not None
    assert "Dự thảo minh họa" in soup.get_text()
    assert len(soup.select(".comment__text")) == 2  # the pending one is not shown
    assert "@example.com" not in str(soup)
    file_link = soup.select_one("a[download]")
    assert city_client.get(file_link["href"]).status_code == 200

    closed = BeautifulSoup(city_client.get(closed_draft.url).content, "html.parser")
    assert closed.select_one("form.comment-form") is None
    assert "Báo cáo minh họa" in closed.get_text()

    counts = (DraftDocumentPage.objects.count(), DraftComment.objects.count())
    load_consultations_demo(index.get_parent().specific)
    assert (DraftDocumentPage.objects.count(), DraftComment.objects.count()) == counts
    assert DraftComment.objects.filter(status="pending").count() == 1
