"""The public search page and its suggestions, on the real demo over real HTTP requests.

The city portal (localhost, the default site) searches every portal; Lê Chân
(lechan.localhost) searches itself and widens to the city with pham-vi=thanh-pho.
"""

import json
import re
import unicodedata
from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.test import RequestFactory
from wagtail.models import Site

from congtin.core.vietnamese import strip_diacritics

CITY = "localhost"
LECHAN = "lechan.localhost"
SEED_QUERY = "giai phong mat bang le chan"


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def hits(soup, selector="section.search-results > ol.search-hits > li"):
    return soup.select(selector)


def hit_titles(soup):
    return [li.select_one(".search-hit__title a").get_text() for li in hits(soup)]


def count_line(soup):
    return soup.select_one(".search-results__count").get_text(" ", strip=True)


@pytest.fixture
def page(demo, client):
    def get(host=CITY, **params):
        response = client.get("/tim-kiem/", params, HTTP_HOST=host)
        assert response.status_code == 200, response.content[:2000]
        return soup_of(response)

    return get


@pytest.fixture
def suggestions(demo, client):
    def get(text, host=CITY, **params):
        response = client.get("/tim-kiem/goi-y/", {"q": text, **params}, HTTP_HOST=host)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        return json.loads(response.content)["suggestions"]

    return get


@pytest.fixture
def sections(demo):
    from congtin.news.models import NewsIndexPage

    lechan = Site.objects.get(hostname=LECHAN)
    return {
        "districts": NewsIndexPage.objects.get(title="Quận, huyện"),
        "city": NewsIndexPage.objects.get(title="Thành phố"),
        "lechan_events": NewsIndexPage.objects.descendant_of(lechan.root_page).get(
            slug="tin-tuc-su-kien"
        ),
        "city_news": demo["article"].get_parent().get_parent().get_parent(),
    }


# -- The seed article ----------------------------------------------------------------


def test_unaccented_query_finds_the_seed_article_first_on_the_city_portal(page, demo):
    soup = page(q=SEED_QUERY)
    seed = demo["seed"]
    first = hits(soup)[0]
    link = first.select_one(".search-hit__title a")
    assert link.get_text() == seed.title
    assert link["href"] == demo["url"]
    assert re.fullmatch(
        r"Tìm thấy \d+ kết quả cho “ giai phong mat bang le chan ”", count_line(soup)
    )

    # Highlighted in the text as written, although the query had no diacritics.
    marks = [mark.get_text() for mark in link.select("mark")]
    assert {strip_diacritics(m).lower() for m in marks} == set(SEED_QUERY.split())
    assert "Giải" in marks and "Chân" in marks
    snippet = first.select_one(".search-hit__snippet")
    assert snippet.select("mark")
    for mark in snippet.select("mark"):
        assert strip_diacritics(mark.get_text()).lower() in SEED_QUERY.split()

    meta = first.select_one(".search-hit__meta")
    assert meta.select_one("time").get_text() == "21/12/2021"
    assert meta.select_one("time")["datetime"].startswith("2021-12-21T18:00")
    assert (
        meta.select_one(".search-hit__section").get_text() == "Chuyên mục: Quận, huyện"
    )
    assert (
        meta.select_one(".search-hit__portal").get_text() == "Cổng: Thành phố Hải Phòng"
    )
    assert meta.select_one(".search-hit__kind").get_text() == "Loại: Tin bài"

    # Page furniture: title, landmarks, the query kept in the box, no indexing.
    assert soup.title.get_text().startswith(f"Tìm kiếm: {SEED_QUERY}")
    assert soup.select_one("main h1").get_text() == "Tìm kiếm"
    assert (
        soup.select_one("main form[role=search] input[name=q]")["value"] == SEED_QUERY
    )
    assert soup.select_one("main label[for=tk-q]").get_text() == "Từ khóa"
    assert soup.select_one("meta[name=robots]")["content"].startswith("noindex")
    assert soup.select_one("ol.search-hits")["start"] == "1"


@pytest.mark.parametrize(
    "text",
    [
        "Giải phóng mặt bằng Lê Chân",
        unicodedata.normalize("NFD", "Giải phóng mặt bằng Lê Chân"),
        "GIAI PHONG MAT BANG LE CHAN",
        "le chan giai phong mat bang",
    ],
    ids=["accented", "nfd", "capitals", "other order"],
)
def test_every_way_of_typing_finds_the_seed_article(page, demo, text):
    assert hit_titles(page(q=text))[0] == demo["seed"].title


def test_component_portal_searches_itself_and_widens_to_the_city(page, demo):
    seed = demo["seed"]
    soup = page(host=LECHAN, q=SEED_QUERY)
    # The seed article belongs to the city portal: Lê Chân shows only its own.
    assert seed.title not in hit_titles(soup)
    for li in hits(soup):
        assert li.select_one(".search-hit__portal") is None
        assert li.select_one(".search-hit__title a")["href"].startswith("/")
    assert soup.select_one("main input[name=pham-vi]").get("checked") is None
    assert soup.select_one("select[name=cong]") is None

    widened = page(host=LECHAN, q=SEED_QUERY, **{"pham-vi": "thanh-pho"})
    first = hits(widened)[0]
    link = first.select_one(".search-hit__title a")
    assert link.get_text() == seed.title
    # The city portal's own address, since this page is served by Lê Chân.
    assert link["href"] == demo["article"].get_full_url()
    assert link["href"].startswith("http://localhost/")
    assert (
        first.select_one(".search-hit__portal").get_text()
        == "Cổng: Thành phố Hải Phòng"
    )
    assert widened.select_one("main input[name=pham-vi]").get("checked") is not None
    # Widened, the reader may narrow to one portal and choose sections of any.
    portal_options = [o.get_text() for o in widened.select("select[name=cong] option")]
    assert portal_options == ["Tất cả các cổng", "Thành phố Hải Phòng", "Quận Lê Chân"]
    groups = [g["label"] for g in widened.select("select[name=chuyen-muc] optgroup")]
    assert groups == ["Thành phố Hải Phòng", "Quận Lê Chân"]


def test_component_portal_with_nothing_of_its_own_shows_the_city_results(
    page, make_articles, sections
):
    made = make_articles(sections["districts"], 2, prefix="Nạo vét kênh Cái Tráp")
    soup = page(host=LECHAN, q="nao vet kenh cai trap")
    assert hits(soup) == []
    assert "trên cổng thông tin này" in count_line(soup)
    wider = soup.select_one("section.search-wider")
    assert wider.select_one("h3").get_text() == (
        "Tìm thấy 2 kết quả trên toàn thành phố"
    )
    items = wider.select("ol.search-hits > li")
    assert sorted(li.select_one("a").get_text() for li in items) == sorted(
        a.title for a in made
    )
    for li in items:
        assert li.select_one(".search-hit__portal").get_text() == (
            "Cổng: Thành phố Hải Phòng"
        )
        assert li.select_one("a")["href"].startswith("http://localhost/tin-tuc/")
    more = wider.select_one(".search-wider__more a")["href"]
    assert more == "?q=nao+vet+kenh+cai+trap&pham-vi=thanh-pho"
    # Nothing anywhere: the advice, with the link to widen.
    nothing = page(host=LECHAN, q="zxqv wplk")
    assert nothing.select_one("section.search-wider") is None
    advice = nothing.select_one(".search-empty__advice").get_text(" ", strip=True)
    assert "kiểm tra lại chính tả" in advice
    assert nothing.select_one(".search-empty__advice a[href*='pham-vi=thanh-pho']")


def test_component_portal_shows_its_own_results_without_portal_names(
    page, make_articles, sections
):
    made = make_articles(sections["lechan_events"], 3, prefix="Chỉnh trang vỉa hè")
    soup = page(host=LECHAN, q="chinh trang via he")
    assert sorted(hit_titles(soup)) == sorted(a.title for a in made)
    assert soup.select_one("section.search-wider") is None
    for li in hits(soup):
        assert li.select_one(".search-hit__portal") is None
        # A result of this portal links by path, whatever host serves it.
        assert li.select_one(".search-hit__title a")["href"].startswith("/tin-tuc/")
    # Only Lê Chân's sections, and no portal choice.
    options = [o.get_text() for o in soup.select("select[name=chuyen-muc] option")]
    assert options == ["Tất cả chuyên mục", "Tin tức", "— Tin tức - Sự kiện"]
    assert soup.select_one("select[name=cong]") is None

    # From the city portal the same articles carry their portal and its address.
    city = page(q="chinh trang via he")
    assert len(hits(city)) == 3
    for li in hits(city):
        assert li.select_one(".search-hit__portal").get_text() == "Cổng: Quận Lê Chân"
        assert li.select_one(".search-hit__title a")["href"].startswith(
            "http://lechan.localhost/tin-tuc/"
        )


def test_city_portal_narrows_to_one_portal(page, make_articles, sections):
    make_articles(sections["lechan_events"], 2, prefix="Chỉnh trang vỉa hè")
    make_articles(sections["districts"], 3, prefix="Chỉnh trang vỉa hè phố")
    lechan = Site.objects.get(hostname=LECHAN)
    city = Site.objects.get(hostname=CITY)
    assert len(hits(page(q="chinh trang via he"))) == 5
    only_lechan = page(q="chinh trang via he", cong=lechan.pk)
    assert len(hits(only_lechan)) == 2
    assert only_lechan.select_one(
        f"select[name=cong] option[value='{lechan.pk}']"
    ).has_attr("selected")
    assert len(hits(page(q="chinh trang via he", cong=city.pk))) == 3


# -- Filters, sort and pagination ---------------------------------------------------


def test_kind_filter(page, demo):
    soup = page(q=SEED_QUERY, loai="news.article")
    assert hit_titles(soup)[0] == demo["seed"].title
    options = {
        o["value"]: o.get_text() for o in soup.select("select[name=loai] option")
    }
    from congtin.search.registry import sources

    # Every kind an app registers is offered, under its label.
    assert options == {"": "Tất cả", **{s.kind: s.label for s in sources()}}
    assert options["news.article"] == "Tin bài"
    assert soup.select_one("select[name=loai] option[value='news.article']").has_attr(
        "selected"
    )
    # Another kind leaves the articles out.
    others = [kind for kind in options if kind not in ("", "news.article")]
    for kind in others:
        assert demo["seed"].title not in hit_titles(page(q=SEED_QUERY, loai=kind))


def test_section_filter_includes_sub_sections(page, demo, sections):
    for key in ("districts", "city_news"):
        soup = page(q=SEED_QUERY, **{"chuyen-muc": sections[key].pk})
        assert hit_titles(soup)[0] == demo["seed"].title, key

    soup = page(q=SEED_QUERY, **{"chuyen-muc": sections["city"].pk})
    assert hits(soup) == []
    assert "với các bộ lọc đã chọn" in count_line(soup)
    # The advice offers the same search without filters.
    again = soup.select_one(".search-empty__advice a[href^='?q=']")
    assert again["href"] == "?q=giai+phong+mat+bang+le+chan"


def _dates(soup):
    return [
        date.fromisoformat(li.select_one("time")["datetime"][:10]) for li in hits(soup)
    ]


def test_date_filters_accept_both_formats(page, demo):
    title = demo["seed"].title
    same_day = page(q=SEED_QUERY, **{"tu-ngay": "21/12/2021", "den-ngay": "2021-12-21"})
    assert title in hit_titles(same_day)
    assert set(_dates(same_day)) == {date(2021, 12, 21)}
    # <input type=date> shows only yyyy-mm-dd: the page writes the dates back that way.
    assert same_day.select_one("input[name=tu-ngay]")["value"] == "2021-12-21"
    assert same_day.select_one("input[name=tu-ngay]")["type"] == "date"
    assert same_day.select_one("input[name=den-ngay]")["value"] == "2021-12-21"

    later = page(q=SEED_QUERY, **{"tu-ngay": "2021-12-22"})
    assert title not in hit_titles(later)
    assert all(day >= date(2021, 12, 22) for day in _dates(later))
    earlier = page(q=SEED_QUERY, **{"den-ngay": "20/12/2021"})
    assert title not in hit_titles(earlier)
    assert all(day <= date(2021, 12, 20) for day in _dates(earlier))
    until_new_year = page(q=SEED_QUERY, **{"den-ngay": "1/1/2022"})
    assert title in hit_titles(until_new_year)
    assert all(day <= date(2022, 1, 1) for day in _dates(until_new_year))


def test_sort_and_pagination_keep_the_filters(page, make_articles, sections):
    made = make_articles(sections["districts"], 25, prefix="Kiểm định xe buýt điện")
    params = {
        "q": "kiem dinh xe buyt dien",
        "loai": "news.article",
        "sap-xep": "moi-nhat",
    }

    first = page(**params)
    assert (
        count_line(first)
        == "Tìm thấy 25 kết quả cho “ kiem dinh xe buyt dien ” (trang 1/3)"
    )
    # Newest first: make_articles dates article i at now - i hours.
    assert hit_titles(first) == [a.title for a in made[:10]]
    assert first.select_one("select[name=sap-xep] option[value=moi-nhat]").has_attr(
        "selected"
    )
    nav = first.select_one("nav.search-pagination")
    assert nav["aria-label"] == "Phân trang kết quả"
    assert nav.select_one("a[aria-current=page]").get_text() == "Trang 1"
    next_link = nav.select_one("a[rel=next]")["href"]
    assert next_link == (
        "?q=kiem+dinh+xe+buyt+dien&loai=news.article&sap-xep=moi-nhat&trang=2"
    )
    assert nav.select_one("a[rel=prev]") is None

    last = page(**params, trang=3)
    assert hit_titles(last) == [a.title for a in made[20:]]
    assert last.select_one("ol.search-hits")["start"] == "21"
    assert last.select_one("nav.search-pagination a[rel=next]") is None
    assert "trang=2" in last.select_one("nav.search-pagination a[rel=prev]")["href"]

    # Past the end: the last page; not a number: the first.
    assert hit_titles(page(**params, trang=99)) == hit_titles(last)
    assert hit_titles(page(**params, trang="abc")) == hit_titles(first)

    # By relevance every article is found exactly once over the three pages.
    seen = []
    for number in (1, 2, 3):
        seen += hit_titles(page(q="kiem dinh xe buyt dien", trang=number))
    assert sorted(seen) == sorted(a.title for a in made)


def test_count_uses_the_vietnamese_thousands_separator(page, demo):
    from congtin.search.index import Document, put_many

    city = Site.objects.get(hostname=CITY)
    put_many(
        Document(
            kind="news.article",
            object_id=10_000_000 + i,
            title=f"Quan trắc rạn san hô số {i}",
            body="Kết quả quan trắc rạn san hô Cát Bà.",
            url=f"/quan-trac/{i}/",
            site_id=city.pk,
        )
        for i in range(1234)
    )
    soup = page(q='"quan trac ran san ho"', trang=60)
    assert count_line(soup).startswith("Tìm thấy 1.234 kết quả")
    assert "(trang 60/124)" in count_line(soup)
    pages = [a.get_text() for a in soup.select(".search-pagination__pages a")]
    assert pages == [f"Trang {n}" for n in (1, 58, 59, 60, 61, 62, 124)]
    assert len(soup.select(".search-pagination__gap")) == 2


def test_query_with_only_filters_or_nothing_shows_the_form(page):
    soup = page()
    assert soup.select_one("main form[role=search]")
    assert soup.select_one(".search-hint")
    assert soup.select_one("section.search-results") is None
    assert soup.title.get_text().startswith("Tìm kiếm")


def test_titles_are_escaped(page, sections):
    from congtin.news.models import ArticlePage

    article = ArticlePage(
        title="<script>alert(1)</script> Cảnh báo <b>giả mạo</b>",
        slug="canh-bao-gia-mao",
        lead="Cảnh báo <img src=x onerror=alert(2)> giả mạo",
        body=[],
    )
    sections["districts"].add_child(instance=article)
    article.save_revision().publish()
    first = hits(page(q="canh bao gia mao"))[0]
    assert first.select("script, b, img") == []
    assert first.select_one(".search-hit__title a").get_text() == article.title
    assert (
        "<img src=x onerror=alert(2)>"
        in first.select_one(".search-hit__snippet").get_text()
    )


# -- Suggestions ----------------------------------------------------------------------


def test_suggestions_are_titles_found_without_diacritics(suggestions, demo):
    seed = demo["seed"]
    expected = [{"title": seed.title, "url": demo["url"]}]
    assert suggestions("quan le chan xac") == expected
    assert suggestions("Quận Lê Chân xác") == expected
    assert suggestions(unicodedata.normalize("NFD", "quận lê chân xác")) == expected
    assert suggestions("QUAN LE CHAN XAC DINH CHU") == expected
    assert suggestions("") == []
    assert suggestions("zzzz khong co") == []


def test_suggestions_follow_the_scope(suggestions, demo, make_articles, sections):
    made = make_articles(sections["lechan_events"], 1, prefix="Lê Chân khánh thành")
    mine = made[0].title
    # Lê Chân suggests its own titles, by path, and not the city's ...
    local = suggestions("le chan khanh", host=LECHAN)
    assert local == [{"title": mine, "url": local[0]["url"]}]
    assert local[0]["url"].startswith("/tin-tuc/")
    assert suggestions("quan le chan xac", host=LECHAN) == []
    # ... and the city's too when widened, on the city's address.
    wide = suggestions("quan le chan xac", host=LECHAN, **{"pham-vi": "thanh-pho"})
    assert wide == [
        {"title": demo["seed"].title, "url": demo["article"].get_full_url()}
    ]
    # The city portal suggests everything; Lê Chân's titles on Lê Chân's address.
    city = suggestions("le chan khanh")
    assert [s["title"] for s in city] == [mine]
    assert city[0]["url"].startswith("http://lechan.localhost/tin-tuc/")
    assert suggestions("quan le chan xac") == [
        {"title": demo["seed"].title, "url": demo["url"]}
    ]


# -- The header box ----------------------------------------------------------------


def test_header_search_box_is_an_accessible_form(demo, client):
    request = RequestFactory().get("/", HTTP_HOST=CITY)
    soup = BeautifulSoup(
        render_to_string("includes/search_box.html", request=request), "html.parser"
    )
    form = soup.select_one("form")
    assert form["role"] == "search"
    assert form["method"] == "get"
    assert form["action"] == "/tim-kiem/"
    box = form.select_one("input[name=q]")
    assert box["type"] == "search"
    assert soup.select_one(f"label[for={box['id']}]").get_text() == "Tìm kiếm"
    assert box["data-suggest"] == "/tim-kiem/goi-y/"
    assert form.select_one("button[type=submit]").get_text(strip=True) == "Tìm kiếm"


def test_every_page_has_the_header_search_box(demo, client):
    for url in ("/", demo["url"], "/tim-kiem/"):
        soup = soup_of(client.get(url, HTTP_HOST=CITY))
        box = soup.select_one("header[role=banner] form[role=search] input[name=q]")
        assert box is not None, (
            f"{url}: base.html must include includes/search_box.html"
        )
        assert soup.select_one(f"label[for={box['id']}]").get_text() == "Tìm kiếm"
