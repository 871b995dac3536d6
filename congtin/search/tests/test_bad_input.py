"""Whatever a reader or a robot puts in the URL, the search page answers, never with a 500.

Text is always searched (status 200); a filter value that cannot be used is a 400
with a Vietnamese message and the search form shown again. Runs on the database the
suite runs on (SQLite, and PostgreSQL with DATABASE_URL), against the real demo.
"""

import json
import unicodedata

import pytest
from bs4 import BeautifulSoup

CITY = "localhost"
LECHAN = "lechan.localhost"

# What readers (and robots) type. Each is searched on the city portal, on Lê Chân,
# on Lê Chân widened to the city, and asked for suggestions.
QUERIES = {
    "empty": "",
    "spaces": "   \t  ",
    "5000 characters": ("giải phóng mặt bằng " * 250)[:5000],
    "5000 characters one token": "a" * 5000,
    "only punctuation": "!!! ??? ... ,,, ;;; :: -- // \\\\ ## @@ $$ %% ^^ && ** (( )) "
    "[[ ]] {{ }} << >> || ~~ `` ''",
    "fts operators": '" * ( ) - NEAR AND OR',
    "fts syntax": 'NEAR(giai phong, 2) AND "mat bang" OR NOT le* ^chan title:quan '
    "{title body}: x",
    "operators alone": "AND OR NOT NEAR",
    "unbalanced quote": '"giai phong mat bang',
    "only quotes": '""""',
    "curly quotes": "“giải phóng”“",
    "star": "*",
    "minus": "-",
    "tsquery syntax": "giai & phong | !mat <-> bang:* \\ ( ) ''",
    "like wildcards": "%_% giải_phóng% \\%",
    "sql or": "' OR '1'='1",
    "sql drop": "'; DROP TABLE portal_search_searchentry; --",
    "sql union": '" UNION SELECT username, password FROM auth_user --',
    "sql comment": "giai/**/phong; -- /*",
    "null byte": "\x00",
    "null byte inside": "giai\x00phong mat\x00bang",
    "control characters": "\x01\x02\x1b[31m\x7f giai phong",
    "emoji": "🔥🏠👨‍👩‍👧 giải phóng 🇻🇳",
    "only emoji": "🔥🔥🔥",
    "mixed scripts": "Hải Phòng Москва 東京 مرحبا שלום हिन्दी ภาษาไทย",
    "bidi controls": "\u202egiai phong\u202c \u200f",
    "zero width": "gi\u200bai ph\u200cong m\u200dat\ufeff",
    "nfd": unicodedata.normalize("NFD", "Giải phóng mặt bằng Lê Chân"),
    "lone combining marks": "\u0301\u0303\u0323\u0309",
    "html": "<script>alert(1)</script><b>x</b>&amp;",
    "encoded twice": "%2527%2522%00",
    "numbers dates codes": "1.057,091 21/12/2021 21-12-2021 128/NQ-CP NQ-CP",
    "many words": " ".join(f"w{i}" for i in range(1000)),
    "many quoted phrases": " ".join(f'"a{i} b{i}"' for i in range(100)),
    "long digits": "9" * 400,
    "replacement character": "\ufffd",
    "private use and non-characters": "\ue000\uf8ff\uffff",
    "astral letters": "𝐠𝐢𝐚𝐢 𝓅𝒽𝑜𝓃𝑔",
}

# Query strings that the test client must not re-encode.
RAW_QUERY_STRINGS = {
    "invalid utf-8": "q=%FF%FE%C3",
    "encoded surrogate": "q=%ED%A0%80",
    "raw null": "q=%00&loai=&trang=%00",
    "repeated parameter": "q=giai&q=phong&trang=1&trang=2",
    "parameter without value": "q&trang&sap-xep",
    "plus signs": "q=+++",
    "percent alone": "q=%",
    "semicolons": "q=giai;phong;trang=2",
}

# Filter values that cannot be used: 400, a message naming the field, the form again.
BAD_FILTERS = {
    "unknown kind": ({"loai": "van-ban"}, "Loại nội dung"),
    "kind with sql": ({"loai": "' OR 1=1 --"}, "Loại nội dung"),
    "section not a number": ({"chuyen-muc": "abc"}, "Chuyên mục"),
    "section that does not exist": ({"chuyen-muc": "999999"}, "Chuyên mục"),
    "section negative": ({"chuyen-muc": "-1"}, "Chuyên mục"),
    "section huge": ({"chuyen-muc": "9" * 40}, "Chuyên mục"),
    "section decimal": ({"chuyen-muc": "1.5"}, "Chuyên mục"),
    "section superscript digit": ({"chuyen-muc": "²"}, "Chuyên mục"),
    "portal not a number": ({"cong": "x"}, "Cổng thông tin"),
    "portal that does not exist": ({"cong": "999999"}, "Cổng thông tin"),
    "month 13": ({"tu-ngay": "2021-13-45"}, "Từ ngày"),
    "day 32": ({"tu-ngay": "32/12/2021"}, "Từ ngày"),
    "30 February": ({"den-ngay": "30/02/2021"}, "Đến ngày"),
    "date in words": ({"den-ngay": "hôm qua"}, "Đến ngày"),
    "zero date": ({"tu-ngay": "0000-00-00"}, "Từ ngày"),
    "year 1": ({"tu-ngay": "0001-01-01"}, "Từ ngày"),
    "year 9999": ({"den-ngay": "9999-12-31"}, "Đến ngày"),
    "five-digit year": ({"tu-ngay": "99999-01-01"}, "Từ ngày"),
    "date with sql": ({"tu-ngay": "2021-01-01' OR 1=1"}, "Từ ngày"),
    "reversed range": ({"tu-ngay": "2021-12-22", "den-ngay": "21/12/2021"}, "Đến ngày"),
    "unknown sort": ({"sap-xep": "ngau-nhien"}, "Sắp xếp"),
    "unknown scope": ({"pham-vi": "the-gioi"}, "Phạm vi tìm kiếm"),
}

# Page numbers are never an error: anything that is not a page means the nearest one.
PAGE_NUMBERS = [
    "abc",
    "-1",
    "0",
    "1.5",
    "1e3",
    "",
    "²",
    "٣",
    "99999999999999999999999999",
    "2147483648",
    "9223372036854775808",
    " 2 ",
    "\x00",
]


def _soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def _assert_search_form(response):
    soup = _soup(response)
    form = soup.select_one("main form[role=search]")
    assert form is not None, "the search form must always be shown"
    box = form.select_one("input[name=q]")
    label = soup.select_one(f"label[for={box['id']}]")
    assert label is not None and label.get_text(strip=True)
    return soup


@pytest.fixture
def ask(demo, client):
    def get(host, params=None, raw=None, path="/tim-kiem/"):
        if raw is not None:
            return client.get(f"{path}?{raw}", HTTP_HOST=host)
        return client.get(path, params or {}, HTTP_HOST=host)

    return get


def _any_text_gives_a_page(ask, text):
    for host, extra in ((CITY, {}), (LECHAN, {}), (LECHAN, {"pham-vi": "thanh-pho"})):
        response = ask(host, {"q": text, **extra})
        assert response.status_code == 200, (host, extra)
        assert response["Content-Type"].startswith("text/html")
        soup = _assert_search_form(response)
        shown = soup.select_one("main input[name=q]").get("value", "")
        assert "\x00" not in shown
        if text.strip("\x00 \t"):
            # The reader's words come back in the box (NFC, without control characters).
            sample = unicodedata.normalize("NFC", text).replace("\x00", " ").split()
            if sample and sample[0].isprintable():
                assert sample[0][:20] in shown

    # Markup typed as a query is never markup on the page.
    if "<script>" in text:
        assert b"<script>alert(1)" not in response.content

    for host, extra in ((CITY, {}), (LECHAN, {}), (LECHAN, {"pham-vi": "thanh-pho"})):
        response = ask(host, {"q": text, **extra}, path="/tim-kiem/goi-y/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        data = json.loads(response.content)
        assert isinstance(data["suggestions"], list)
        for item in data["suggestions"]:
            assert set(item) == {"title", "url"}


def test_long_query_is_cut_with_a_notice(ask):
    response = ask(CITY, {"q": "giải phóng mặt bằng " * 250})
    assert response.status_code == 200
    notice = _soup(response).select_one(".search-notice")
    assert notice is not None
    assert "quá dài" in notice.get_text()
    # What remains of the query is still searched.
    assert _soup(response).select("ol.search-hits > li")


def test_punctuation_only_gets_a_vietnamese_notice(ask):
    response = ask(CITY, {"q": '" * ( ) -'})
    assert response.status_code == 200
    soup = _soup(response)
    assert not soup.select("ol.search-hits > li")
    assert "ít nhất một chữ" in soup.select_one(".search-notice").get_text()


def _malformed_query_string(ask, raw):
    for host in (CITY, LECHAN):
        response = ask(host, raw=raw)
        assert response.status_code == 200, host
        _assert_search_form(response)
        response = ask(host, raw=raw, path="/tim-kiem/goi-y/")
        assert response.status_code == 200, host
        assert isinstance(json.loads(response.content)["suggestions"], list)


def _bad_filter_gives_400_with_a_message(ask, params, field):
    for host in (CITY, LECHAN):
        response = ask(host, {"q": "giai phong mat bang", **params})
        assert response.status_code == 400, host
        soup = _assert_search_form(response)
        errors = soup.select_one("[role=alert]")
        assert errors is not None
        message = errors.get_text(" ", strip=True)
        assert field in message
        assert unicodedata.is_normalized("NFC", message)
        # The reader's words are kept; nothing was searched.
        assert soup.select_one("main input[name=q]")["value"] == "giai phong mat bang"
        assert not soup.select("ol.search-hits")
        # The field in error says so to assistive technology.
        name = next(iter(params)) if field != "Đến ngày" else "den-ngay"
        control = soup.select_one(f"main [name={name}]")
        if control is not None and control.get("type") != "checkbox":
            assert control.get("aria-invalid") == "true"
            described = soup.select_one(f"#{control['aria-describedby']}")
            assert described is not None and described.get_text(strip=True)


def test_section_of_another_portal_is_refused_on_a_component_portal(ask):
    from congtin.news.models import NewsIndexPage

    districts = NewsIndexPage.objects.get(title="Quận, huyện")
    response = ask(LECHAN, {"q": "giai phong", "chuyen-muc": districts.pk})
    assert response.status_code == 400
    assert "Chuyên mục" in _soup(response).select_one("[role=alert]").get_text()
    # Widened to the city, the same section is a valid choice.
    response = ask(
        LECHAN, {"q": "giai phong", "chuyen-muc": districts.pk, "pham-vi": "thanh-pho"}
    )
    assert response.status_code == 200


def test_a_page_that_is_not_a_section_is_refused(ask, demo):
    response = ask(CITY, {"q": "giai phong", "chuyen-muc": demo["article"].pk})
    assert response.status_code == 400


def test_portal_filter_outside_the_scope_is_refused(ask):
    from wagtail.models import Site

    city = Site.objects.get(hostname=CITY)
    response = ask(LECHAN, {"q": "giai phong", "cong": city.pk})
    assert response.status_code == 400
    assert "Cổng thông tin" in _soup(response).select_one("[role=alert]").get_text()
    response = ask(LECHAN, {"q": "giai phong", "cong": city.pk, "pham-vi": "thanh-pho"})
    assert response.status_code == 200


def _any_page_number_gives_a_page(ask, demo, number):
    response = ask(CITY, {"q": "giai phong mat bang le chan", "trang": number})
    assert response.status_code == 200
    soup = _assert_search_form(response)
    first = soup.select_one("ol.search-hits > li a")
    assert first is not None and first.get_text() == demo["seed"].title


def test_only_get_and_head(ask, client):
    for method in ("post", "put", "delete"):
        response = getattr(client, method)("/tim-kiem/", HTTP_HOST=CITY)
        assert response.status_code == 405, method
    assert client.head("/tim-kiem/?q=x", HTTP_HOST=CITY).status_code == 200


# Every case runs against one demo (building it takes seconds); a failing case is
# reported by name with its error, and the others still run.


def _every_case(cases, check):
    failures = []
    for name, case in cases:
        try:
            check(case)
        except AssertionError as error:
            failures.append(f"{name}: {error}")
    assert not failures, "\n".join(failures)


def test_any_text_gives_a_page(ask):
    _every_case(QUERIES.items(), lambda text: _any_text_gives_a_page(ask, text))


def test_malformed_query_strings(ask):
    _every_case(
        RAW_QUERY_STRINGS.items(), lambda raw: _malformed_query_string(ask, raw)
    )


def test_bad_filter_values_give_400_with_a_message(ask):
    _every_case(
        BAD_FILTERS.items(),
        lambda case: _bad_filter_gives_400_with_a_message(ask, *case),
    )


def test_any_page_number_gives_a_page(ask, demo):
    _every_case(
        ((repr(n), n) for n in PAGE_NUMBERS),
        lambda number: _any_page_number_gives_a_page(ask, demo, number),
    )
