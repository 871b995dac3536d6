"""A procedure is found in the portal search by its name and its code."""

from bs4 import BeautifulSoup

from congtin.search.models import SearchEntry

from .conftest import shared_portals


def hit_titles(client, text, **params):
    response = client.get("/tim-kiem/", {"q": text, **params}, HTTP_HOST="localhost")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [" ".join(a.get_text().split()) for a in soup.select(".search-hit__title a")]


@shared_portals
def test_found_by_name_and_code(client, portal, make_procedure):
    page = make_procedure(
        portal["index"],
        "1.001612",
        title="Cấp lại Giấy chứng nhận đủ điều kiện an toàn thực phẩm",
        field="An toàn thực phẩm",
        agency="Sở Y tế",
    )
    draft = make_procedure(
        portal["index"], "1.001613", title="Thủ tục an toàn nháp", publish=False
    )

    entry = SearchEntry.objects.get(kind="procedures.procedure", object_id=page.pk)
    for part in ["1.001612", "An toàn thực phẩm", "Sở Y tế", "Một phần"]:
        assert part in entry.body
    assert not SearchEntry.objects.filter(object_id=draft.pk).exists()

    for query in ["1.001612", "an toan thuc pham", "giấy chứng nhận"]:
        assert hit_titles(client, query)[:1] == [page.title], query
    assert hit_titles(client, "an toàn", loai="procedures.procedure") == [page.title]
    assert hit_titles(client, "1.001612", loai="news.article") == []
