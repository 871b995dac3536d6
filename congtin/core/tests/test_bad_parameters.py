"""One rule for bad request parameters, the same on every page (docs/architecture.md).

A value that cannot be right is a 400 with a Vietnamese message naming the
parameter, on the project's 400 page (JSON for the API); the page number is never
an error; an id too large for the database is a 404 from the URL resolver.
"""

import pytest
from bs4 import BeautifulSoup

from congtin.core import params
from congtin.core.params import BadParameter
from congtin.core.vietnamese import parse_date

NINES = "9" * 5000  # past Python's 4,300-digit limit of int()


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def assert_bad_request_page(response, words):
    """The project's 400 page, saying what was wrong."""
    assert response.status_code == 400, response.status_code
    soup = soup_of(response)
    assert soup.select_one("main h1").get_text(strip=True) == "Yêu cầu không hợp lệ"
    message = soup.select_one("main [role=alert]").get_text(" ", strip=True)
    assert words in message, message
    return soup


# -- The readers themselves ---------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["²", "٣", "１２", "1.5", "-1", "+1", "0x10", "1e3", "\x00", NINES, "9" * 20],
)
def test_integer_accepts_ascii_digits_only(value):
    with pytest.raises(BadParameter) as error:
        params.integer({"n": value}, "n", "Số", 1, 10**18)
    assert "Số" in error.value.message


def test_readers_return_what_they_read():
    query = {"nam": " 2021 ", "ngay": "21/12/2021", "loai": "b", "in": "1"}
    assert params.year(query, "nam") == 2021
    assert params.year({}, "nam") is None
    assert params.day(query, "ngay") == parse_date("2021-12-21")
    assert params.choice(query, "loai", ["a", "b"], "Loại") == "b"
    assert params.choice({}, "loai", ["a", "b"], "Loại", default="a") == "a"
    assert params.flag(query, "in", "In") is True
    assert params.flag({}, "in", "In") is False
    assert params.text({"q": "Sở Y tế "}, "q", "Cơ quan") == "Sở Y tế"


@pytest.mark.parametrize(
    "query",
    [
        {"nam": "1899"},
        {"nam": "2101"},
        {"nam": "²⁰²¹"},
        {"ngay": "30/02/2021"},
        {"ngay": "٢١/١٢/٢٠٢١"},
        {"ngay": "21/12-2021"},
        {"ngay": "9999-12-31"},
        {"loai": "c"},
        {"in": "có"},
        {"q": "a\x00b"},
        {"q": "x" * 300},
    ],
)
def test_readers_refuse_with_a_vietnamese_message(query):
    name = next(iter(query))
    read = {
        "nam": lambda: params.year(query, "nam"),
        "ngay": lambda: params.day(query, "ngay"),
        "loai": lambda: params.choice(query, "loai", ["a", "b"], "Loại"),
        "in": lambda: params.flag(query, "in", "Bản in"),
        "q": lambda: params.text(query, "q", "Cơ quan"),
    }[name]
    with pytest.raises(BadParameter) as error:
        read()
    assert error.value.name == name
    assert "\x00" not in error.value.message


@pytest.mark.parametrize(
    "value, page",
    [
        ("", 1),
        ("abc", 1),
        ("²", 1),
        ("0", 1),
        ("-3", 1),
        ("1.5", 1),
        ("\x00", 1),
        (" 7 ", 7),
        ("12", 12),
        (NINES, params.MAX_PAGE),
        ("9" * 30, params.MAX_PAGE),
    ],
)
def test_page_number_is_never_an_error(value, page):
    assert params.page_number({"trang": value}) == page


# -- Over HTTP ---------------------------------------------------------------------


@pytest.fixture
def city(db):
    """A bare city portal on the default site (sections, no groups or content)."""
    from congtin.portals.tests.factories import PortalFactory

    return PortalFactory(name="Thành phố Thử", hostname="localhost", is_default=True)


@pytest.fixture
def documents(city):
    from congtin.documents.setup import ensure_document_index

    return ensure_document_index(city.site)


def test_documents_year_and_page_never_give_500(documents, city_client):
    url = documents.get_url()
    for year in ("²", "²⁰²¹", NINES, "20x1", "1800"):
        response = city_client.get(url, {"nam": year})
        assert_bad_request_page(response, "Năm ban hành phải là số năm")
    # The page number is never an error: junk is the first page, past the end the
    # last one.
    for page in ("²", NINES, "abc", "0", "99"):
        assert city_client.get(url, {"trang": page}).status_code == 200, page
    assert_bad_request_page(
        city_client.get(url, {"loai": "<script>"}), "Loại văn bản không hợp lệ"
    )


def test_targets_api_year_is_a_json_400(db, client):
    for year in ("²²²²", NINES, "hai nghìn", "\x00"):
        response = client.get("/chi-tieu/api/ke-hoach/", {"nam": year})
        assert response.status_code == 400, year
        assert response["Content-Type"].startswith("application/json")
        assert "Năm" in response.json()["error"]


def test_ids_too_large_for_the_database_are_404(city, city_client):
    for url in (
        "/rss/99999999999999999999999999/",
        f"/rss/{2**63}/",
        "/chi-tieu/api/ke-hoach/99999999999999999999999999/",
        "/chi-tieu/api/chi-tieu/99999999999999999999999999/",
    ):
        assert city_client.get(url).status_code == 404, url
    assert city_client.get(f"/rss/{2**63 - 1}/").status_code == 404


def test_targets_import_refuses_a_javascript_source_link(db):
    from wagtail.models import Site

    from congtin.demo.seed import parse_seed
    from congtin.targets import exchange
    from congtin.targets.demo import load_targets_demo
    from congtin.targets.models import ReportedFigure

    plan = load_targets_demo(Site.objects.get(is_default_site=True), parse_seed())
    code = plan.targets.first().code
    before = ReportedFigure.objects.count()
    rows = [
        "Mã chỉ tiêu,Kỳ,Số liệu,Ngày,Liên kết nguồn",
        f"{code},6 tháng,12,30/06/{plan.year},javascript:alert(1)",
        f"{code},9 tháng,13,30/09/{plan.year},https://haiphong.gov.vn/bao-cao",
    ]
    report = exchange.import_file(
        plan, "so-lieu.csv", "\n".join(rows).encode(), "figures"
    )
    assert not report.ok
    errors = [(e.row, e.column) for e in report.errors]
    assert errors == [(2, "Liên kết nguồn")], report.errors
    assert "liên kết" in report.errors[0].message.lower()
    assert ReportedFigure.objects.count() == before


def test_the_rule_is_the_same_on_every_listing(full_demo, client):
    """Each app's filters end on the same 400 page; junk page numbers never do."""
    from congtin.consultations.models import DraftIndexPage
    from congtin.documents.models import DocumentIndexPage
    from congtin.news.models import NewsIndexPage
    from congtin.procedures.models import ProcedureIndexPage
    from congtin.questions.models import QuestionIndexPage
    from congtin.schedule.models import ScheduleIndexPage

    def url_of(model):
        page = model.objects.live().filter(url_path__startswith="/trang-chu/").first()
        page = page or model.objects.live().first()
        site = page.get_site()
        return site.hostname, page.relative_url(site)

    listings = [
        (NewsIndexPage, {}, ""),
        (DocumentIndexPage, {"hieu-luc": "con"}, "Tình trạng hiệu lực"),
        (ProcedureIndexPage, {"cap": "cap-thon"}, "Cấp thực hiện"),
        (DraftIndexPage, {"trang-thai": "<x>"}, "Trạng thái"),
        (QuestionIndexPage, {"chu-de": "khong-co-chu-de"}, "Chủ đề"),
    ]
    for model, bad, words in listings:
        host, url = url_of(model)
        for page in ("abc", "²", NINES, "0", "-1", "99"):
            response = client.get(url, {"trang": page}, HTTP_HOST=host)
            assert response.status_code == 200, (model.__name__, page)
        if bad:
            assert_bad_request_page(client.get(url, bad, HTTP_HOST=host), words)

    host, url = url_of(ScheduleIndexPage)
    for bad in ({"ngay": "30/02/2026"}, {"ngay": NINES}, {"ngay": "²¹/¹²/²⁰²¹"}):
        soup = assert_bad_request_page(
            client.get(url, bad, HTTP_HOST=host), "ngày/tháng/năm"
        )
        # The way back is the same page without the bad value.
        assert soup.select_one(f"main a[href='{url}']") is not None
    assert_bad_request_page(client.get(url, {"in": "2"}, HTTP_HOST=host), "Bản in")

    plan_url = "/chi-tieu/lechan/2022/"
    assert client.get(plan_url, HTTP_HOST="localhost").status_code == 200
    assert_bad_request_page(
        client.get(plan_url, {"nhom": "khong-co"}, HTTP_HOST="localhost"),
        "Nhóm chỉ tiêu “khong-co” không tồn tại.",
    )


def test_search_dates_follow_the_project_date_rule(city, city_client):
    for value in ("21/12/2021", "21-12-2021", "21.12.2021", "2021-12-21"):
        response = city_client.get("/tim-kiem/", {"q": "giai phong", "tu-ngay": value})
        assert response.status_code == 200, value
    for value in ("²¹/¹²/²⁰²¹", "30/02/2021", NINES):
        response = city_client.get("/tim-kiem/", {"q": "giai phong", "tu-ngay": value})
        assert response.status_code == 400, value
