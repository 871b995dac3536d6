"""A document's number finds it in the portal search, with or without its symbol."""

from bs4 import BeautifulSoup

from congtin.search.models import SearchEntry

from .conftest import shared_portals


def hit_titles(client, text, **params):
    response = client.get("/tim-kiem/", {"q": text, **params}, HTTP_HOST="localhost")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [" ".join(a.get_text().split()) for a in soup.select(".search-hit__title a")]


@shared_portals
def test_number_found_with_or_without_symbol(client, portal, make_document):
    index = portal["index"]
    resolution = make_document(
        index,
        "128/NQ-CP",
        title="Quy định tạm thời thích ứng an toàn, linh hoạt",
        issuing_body="Chính phủ",
        signer="Phạm Minh Chính",
        field="Y tế",
        summary="Thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch COVID-19.",
    )
    party = make_document(
        index,
        "28-NQ/TU",
        title="Về công tác phát triển đảng viên",
        issuing_body="Ban Thường vụ Thành ủy",
        summary="Phát triển tổ chức đảng.",
    )
    make_document(index, "129/QĐ-UBND", title="Quyết định khác", doc_type="quyet-dinh")
    draft = make_document(
        index, "77/NQ-CP", title="Dự thảo chưa xuất bản", publish=False
    )

    entry = SearchEntry.objects.get(kind="documents.legal", object_id=resolution.pk)
    for part in ["128/NQ-CP", "Nghị quyết", "Chính phủ", "Phạm Minh Chính", "Y tế"]:
        assert part in entry.body

    for query in ["128/NQ-CP", "128", "NQ-CP", "128/nq-cp", "nq cp 128", "128 NQ-CP"]:
        titles = hit_titles(client, query)
        assert titles and titles[0] == resolution.title, query
        assert party.title not in titles and draft.title not in titles, query
    for query in ["28-NQ/TU", "28-nq/tu", "NQ/TU", "28 NQ TU"]:
        assert hit_titles(client, query)[0] == party.title, query
    # The issuer and signer find it without diacritics too; the kind filter keeps it.
    assert resolution.title in hit_titles(client, "pham minh chinh")
    assert hit_titles(client, "128", loai="documents.legal") == [resolution.title]
    assert hit_titles(client, "128", loai="news.article") == []
