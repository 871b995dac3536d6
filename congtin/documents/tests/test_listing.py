"""The public "Văn bản" page: facet counts, filters, status from the dates, sort,
pages and bad input, over real requests."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup

from .conftest import shared_portals

VN = ZoneInfo("Asia/Ho_Chi_Minh")
UBND = "Ủy ban nhân dân thành phố"


@pytest.fixture
def library(portal, make_document):
    index = portal["index"]
    docs = {
        "A": make_document(index, "128/NQ-CP", issuing_body="Chính phủ", field="Y tế"),
        "B": make_document(
            index,
            "15/QĐ-UBND",
            doc_type="quyet-dinh",
            issuing_body=UBND,
            field="Đất đai",
            issue_date=date(2021, 3, 1),
            expiry_date=date(2022, 1, 1),
        ),
        "C": make_document(
            index,
            "05/CT-UBND",
            doc_type="chi-thi",
            issuing_body=UBND,
            field="Y tế",
            issue_date=date(2022, 5, 1),
            partly_expired=True,
        ),
        "D": make_document(
            index,
            "20/KH-UBND",
            doc_type="ke-hoach",
            issuing_body=UBND,
            field="Đất đai",
            issue_date=date(2022, 6, 1),
            effective_date=date(2022, 7, 1),
        ),
        "E": make_document(
            index,
            "28-NQ/TU",
            issuing_body="Ban Thường vụ Thành ủy",
            issue_date=date(2020, 12, 25),
        ),
    }
    # Neither a draft nor another portal's document is listed or counted.
    make_document(index, "99/NQ-CP", publish=False, issuing_body="Chính phủ")
    make_document(portal["other_index"], "01-NQ/QU", issuing_body="Quận ủy")
    return docs


def get(client, params=None, status=200, url="/van-ban/"):
    response = client.get(url, params or {}, HTTP_HOST="localhost")
    assert response.status_code == status, response.content.decode()[:3000]
    return BeautifulSoup(response.content.decode(), "html.parser")


def facet_counts(soup) -> dict:
    counts = {}
    for section in soup.select("section.doc-facet"):
        counts[section["data-facet"]] = {
            a["data-value"]: int(
                a.select_one(".doc-facet__count").get_text().strip("()")
            )
            for a in section.select("li a")
        }
    return counts


def numbers(soup) -> list[str]:
    return [td.get_text(strip=True) for td in soup.select("td.doc-row__number")]


def total(soup) -> int:
    return int(soup.select_one(".doc-results__total strong").get_text())


@time_machine.travel(datetime(2022, 6, 15, 9, 0, tzinfo=VN), tick=False)
@shared_portals
def test_facets_filters_sort_and_pages(client, library, portal):
    soup = get(client)
    assert total(soup) == 5
    assert numbers(soup) == [
        "20/KH-UBND",
        "05/CT-UBND",
        "128/NQ-CP",
        "15/QĐ-UBND",
        "28-NQ/TU",
    ]
    assert facet_counts(soup) == {
        "loai": {"nghi-quyet": 2, "quyet-dinh": 1, "chi-thi": 1, "ke-hoach": 1},
        "co-quan": {"Ban Thường vụ Thành ủy": 1, "Chính phủ": 1, UBND: 3},
        "linh-vuc": {"Y tế": 2, "Đất đai": 2},
        "nam": {"2022": 2, "2021": 2, "2020": 1},
        "hieu-luc": {
            "con-hieu-luc": 2,
            "het-hieu-luc-mot-phan": 1,
            "het-hieu-luc": 1,
            "chua-co-hieu-luc": 1,
        },
    }
    labels = [a.get_text(" ", strip=True) for a in soup.select("[data-facet] li a")]
    assert "Còn hiệu lực (2)" in labels and "Nghị quyết (2)" in labels

    # One filter: the other facets count within it, its own facet still offers
    # every issuing body.
    soup = get(client, {"co-quan": UBND})
    assert total(soup) == 3
    counts = facet_counts(soup)
    assert counts["loai"] == {"quyet-dinh": 1, "chi-thi": 1, "ke-hoach": 1}
    assert counts["co-quan"] == {"Ban Thường vụ Thành ủy": 1, "Chính phủ": 1, UBND: 3}
    assert counts["nam"] == {"2022": 2, "2021": 1}
    assert counts["hieu-luc"] == {
        "het-hieu-luc-mot-phan": 1,
        "het-hieu-luc": 1,
        "chua-co-hieu-luc": 1,
    }
    selected = soup.select_one('[data-facet="co-quan"] li.is-selected a')
    assert selected["data-value"] == UBND

    # Filters combine; each facet value's link keeps the others.
    for params, expected in [
        ({"hieu-luc": "con-hieu-luc", "nam": "2021"}, ["128/NQ-CP"]),
        ({"loai": "nghi-quyet"}, ["128/NQ-CP", "28-NQ/TU"]),
        ({"linh-vuc": "Đất đai", "hieu-luc": "het-hieu-luc"}, ["15/QĐ-UBND"]),
        ({"hieu-luc": "chua-co-hieu-luc"}, ["20/KH-UBND"]),
        ({"hieu-luc": "het-hieu-luc-mot-phan"}, ["05/CT-UBND"]),
        ({"co-quan": "Không có cơ quan này"}, []),
    ]:
        soup = get(client, params)
        assert numbers(soup) == expected, params
        assert total(soup) == len(expected)
    soup = get(client, {"loai": "nghi-quyet"})
    link = soup.select_one('[data-facet="nam"] a[data-value="2021"]')["href"]
    assert numbers(get(client, url="/van-ban/" + link)) == ["128/NQ-CP"]
    empty = get(client, {"co-quan": "Không có cơ quan này"})
    assert "Không có văn bản phù hợp" in empty.get_text()

    # Sort by issue date, then pages that keep the filters and the sort.
    oldest = numbers(get(client, {"sap-xep": "cu-nhat"}))
    assert oldest == [
        "28-NQ/TU",
        "15/QĐ-UBND",
        "128/NQ-CP",
        "05/CT-UBND",
        "20/KH-UBND",
    ]
    index = portal["index"]
    index.per_page = 2
    index.save_revision().publish()
    first = get(client)
    assert numbers(first) == ["20/KH-UBND", "05/CT-UBND"]
    assert "Trang 1/3" in first.select_one("nav.pagination").get_text()
    assert numbers(get(client, {"trang": "2"})) == ["128/NQ-CP", "15/QĐ-UBND"]
    third = get(client, {"trang": "3", "sap-xep": "cu-nhat"})
    assert numbers(third) == ["20/KH-UBND"]
    previous = third.select_one('nav.pagination a[rel="prev"]')["href"]
    assert "sap-xep=cu-nhat" in previous and "trang=2" in previous


@shared_portals
def test_status_follows_the_dates_and_bad_filters_get_400(client, library):
    """The list's filter (SQL) and the page (Python) agree, day by day."""
    b, d = library["B"], library["D"]
    cases = [
        # (local time, document, expected status)
        (datetime(2021, 12, 31, 23, 59, tzinfo=VN), b, "Còn hiệu lực"),
        (datetime(2022, 1, 1, 0, 1, tzinfo=VN), b, "Hết hiệu lực"),
        (datetime(2022, 6, 30, 23, 59, tzinfo=VN), d, "Chưa có hiệu lực"),
        # 00:30 on 1 July in Vietnam is still 30 June in UTC.
        (datetime(2022, 7, 1, 0, 30, tzinfo=VN), d, "Còn hiệu lực"),
        (datetime(2021, 2, 28, 12, 0, tzinfo=VN), b, "Chưa có hiệu lực"),
    ]
    codes = {
        "Còn hiệu lực": "con-hieu-luc",
        "Hết hiệu lực": "het-hieu-luc",
        "Chưa có hiệu lực": "chua-co-hieu-luc",
    }
    for moment, document, expected in cases:
        with time_machine.travel(moment, tick=False):
            page = get(client, url=document.url_path.removeprefix("/trang-chu"))
            shown = page.select_one(".doc-field--status").get_text(strip=True)
            assert shown == expected, (moment, document.number)
            listed = numbers(get(client, {"hieu-luc": codes[expected]}))
            assert document.number in listed, (moment, document.number)

    # Values that cannot be right: 400 with a Vietnamese message, never 500.
    for params, message in [
        ({"loai": "thu-tuc"}, "Loại văn bản không hợp lệ"),
        ({"nam": "20x1"}, "Năm ban hành phải là số năm"),
        ({"nam": "1800"}, "Năm ban hành phải là số năm"),
        ({"hieu-luc": "con"}, "Tình trạng hiệu lực không hợp lệ"),
        ({"sap-xep": "ten"}, "Cách sắp xếp không hợp lệ"),
        ({"co-quan": "x" * 300}, "Cơ quan ban hành"),
        ({"linh-vuc": "a\x01b"}, "Lĩnh vực"),
    ]:
        soup = get(client, params, status=400)
        assert message in soup.select_one("main [role=alert]").get_text(), params
    # The page number is never an error (docs/architecture.md, "Bad request
    # parameters"): junk is the first page, past the end the last one.
    for page in ("0", "hai", "99"):
        assert numbers(get(client, {"trang": page})), page
