"""The portal map of the whole demo: sections and pages, not the items inside them."""

import pytest
from bs4 import BeautifulSoup

from congtin.consultations.models import DraftDocumentPage
from congtin.documents.models import LegalDocumentPage
from congtin.procedures.models import ProcedurePage
from congtin.questions.models import AnswerPage
from congtin.schedule.models import WeekSchedulePage


@pytest.mark.parametrize("host", ["localhost", "lechan.localhost"])
def test_portal_map_lists_sections_not_items(demo, client, host):
    response = client.get("/so-do-cong/", HTTP_HOST=host)
    assert response.status_code == 200
    tree = BeautifulSoup(response.content, "html.parser").select_one(".portal-map")
    titles = {a.get_text(" ", strip=True) for a in tree.select("a")}
    assert {"Văn bản", "Thủ tục hành chính", "Lịch công tác", "Hỏi đáp"} <= titles
    items = [
        page.title
        for model in (
            LegalDocumentPage,
            ProcedurePage,
            WeekSchedulePage,
            AnswerPage,
            DraftDocumentPage,
        )
        for page in model.objects.live()
    ]
    assert items and not titles & set(items)
    assert demo["seed"].title not in titles
    # What is not a page is linked beside the tree: the catalogue the access to
    # information law asks for, the open data, the feeds.
    links = {
        a.get_text(strip=True): a["href"]
        for a in BeautifulSoup(response.content, "html.parser").select("main p a")
    }
    assert links["Danh mục thông tin công khai"] == "/danh-muc-thong-tin/"
    assert links["Dữ liệu mở (API)"] == "/api/v1/"
