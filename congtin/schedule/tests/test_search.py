"""Published weeks are found in the portal search by what happens in them."""

from bs4 import BeautifulSoup

from congtin.search.engine import SearchQuery, search

from .conftest import MONDAY, TODAY, entry, shared_portal


def found(text):
    return search(SearchQuery(text=text))


@shared_portal
def test_week_found_by_its_entries_and_kept_current(portal, publish_week, client):
    week = publish_week(
        portal.index,
        MONDAY,
        [
            entry(
                TODAY,
                8,
                "Tiếp công dân định kỳ tháng 11",
                place="Trụ sở Ban Tiếp công dân quận",
            )
        ],
    )
    results = found("tiep cong dan dinh ky")
    assert [hit.entry.url for hit in results.hits] == [week.get_full_url()]
    assert results.hits[0].kind_label == "Lịch công tác"
    assert "Thứ Tư 25/11/2026, 08:00" in results.hits[0].entry.body
    assert found("Ban Tiếp công dân").total == 1

    # A new revision of the week replaces what the index had.
    week.entries = [entry(TODAY, 14, "Họp giao ban khối nội chính")]
    week.save_revision().publish()
    assert found('"tiep cong dan dinh ky"').total == 0
    assert found("giao ban noi chinh").total == 1

    # On the portal's search page, with the content-type filter.
    response = client.get(
        "/tim-kiem/",
        {"q": "giao ban noi chinh", "loai": "schedule.week"},
        HTTP_HOST=portal.host,
    )
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    titles = [a.get_text(" ", strip=True) for a in page.select(".search-hit__title a")]
    assert titles == [week.title]

    week.unpublish()
    assert found("giao ban noi chinh").total == 0
