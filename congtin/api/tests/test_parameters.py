"""Filters of the public pages, cursor pages, and 400 in JSON for bad values."""

import pytest

from congtin.news.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def items(response):
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_article_filters(portal, get):
    news, sub = portal.sections
    recent, old = portal.articles
    assert [a["id"] for a in items(get(f"/api/v1/bai-viet/?chuyen-muc={sub.pk}"))] == [
        old.pk
    ]
    assert [a["id"] for a in items(get(f"/api/v1/bai-viet/?chuyen-muc={news.pk}"))] == [
        recent.pk,
        old.pk,
    ]
    assert [a["id"] for a in items(get("/api/v1/bai-viet/?chu-de=lễ hội"))] == [
        recent.pk
    ]
    year = old.date.year
    assert old.pk in [a["id"] for a in items(get(f"/api/v1/bai-viet/?nam={year}"))]
    since = recent.date.date().isoformat()
    assert [a["id"] for a in items(get(f"/api/v1/bai-viet/?tu={since}"))] == [recent.pk]


def test_text_through_the_portal_search(portal, get):
    found = ArticlePageFactory(
        parent=portal.sections[0], title="Khánh thành cầu Rào", publish=True
    )
    assert [a["id"] for a in items(get("/api/v1/bai-viet/?q=khanh thanh cau rao"))] == [
        found.pk
    ]
    assert items(get("/api/v1/bai-viet/?q=khong co tu nay")) == []


def test_document_filters(portal, get):
    def numbers(query):
        return [d["number"] for d in items(get(f"/api/v1/van-ban/?{query}"))]

    assert numbers("loai=quyet-dinh") == ["5/QĐ-UBND"]
    assert numbers("co-quan=Ủy ban nhân dân quận") == ["5/QĐ-UBND"]
    assert numbers("linh-vuc=Y tế") == ["12/NQ-HĐND"]
    assert numbers("nam=2021") == ["12/NQ-HĐND"]
    assert numbers("hieu-luc=het-hieu-luc") == ["5/QĐ-UBND"]
    assert numbers("tu=01/01/2025&den=31/12/2025") == ["5/QĐ-UBND"]


def test_schedule_and_draft_filters(portal, get):
    assert len(items(get("/api/v1/lich-cong-tac/?tu=24/11/2026"))) == 1
    assert len(items(get("/api/v1/du-thao/?trang-thai=dang-lay-y-kien"))) == 1
    assert items(get("/api/v1/du-thao/?trang-thai=da-ket-thuc")) == []


def test_cursor_pages_walk_the_whole_list(portal, get):
    for n in range(5):
        ArticlePageFactory(parent=portal.sections[0], slug=f"them-{n}")
    seen = []
    url = "/api/v1/bai-viet/?limit=2"
    pages = 0
    while url:
        data = get(url).json()
        seen += [a["id"] for a in data["items"]]
        url = data["next"]
        pages += 1
        if url:
            assert url.startswith("http://api.localhost/api/v1/bai-viet/?")
            assert "limit=2" in url
    assert pages == 4
    assert len(seen) == len(set(seen)) == 7


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/bai-viet/?limit=0",
        "/api/v1/bai-viet/?limit=101",
        "/api/v1/bai-viet/?limit=abc",
        "/api/v1/bai-viet/?nam=20",
        "/api/v1/bai-viet/?tu=31/02/2026",
        "/api/v1/bai-viet/?tu=2026-02-01&den=2026-01-01",
        "/api/v1/bai-viet/?chuyen-muc=abc",
        "/api/v1/bai-viet/?chuyen-muc=999999",
        "/api/v1/bai-viet/?cursor=abc",
        "/api/v1/bai-viet/?q=%01",
        "/api/v1/van-ban/?loai=khong-co",
        "/api/v1/van-ban/?hieu-luc=x",
        "/api/v1/van-ban/?nam=99999",
        "/api/v1/du-thao/?trang-thai=x",
        "/api/v1/hoi-dap/?den=hôm qua",
        "/api/v1/lich-cong-tac/?limit=-1",
        "/api/v1/chuyen-muc/?cursor=" + "x" * 2000,
    ],
)
def test_bad_parameters_are_400_json(portal, get, url):
    response = get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"loi", "error"}
    assert body["loi"] and body["error"]


def test_a_cursor_of_another_list_is_refused(portal, get):
    for n in range(3):
        ArticlePageFactory(parent=portal.sections[0], slug=f"them-{n}")
    next_url = get("/api/v1/bai-viet/?limit=1").json()["next"]
    token = next_url.split("cursor=")[1]
    response = get(f"/api/v1/van-ban/?cursor={token}")
    assert response.status_code == 400
    assert "cursor" in response.json()["loi"]
