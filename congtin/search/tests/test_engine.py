"""The engine on the real database: matching, ranking, index upkeep."""

import unicodedata

import pytest

from congtin.search.engine import SearchQuery, search, suggest
from congtin.search.index import Document, put_many

pytestmark = pytest.mark.django_db


def titles(text, **kwargs):
    return [hit.entry.title for hit in search(SearchQuery(text=text, **kwargs)).hits]


def docs(*rows):
    put_many(
        Document(kind="test.doc", object_id=i, title=title, body=body, url=f"/d/{i}/")
        for i, (title, body) in enumerate(rows, start=1)
    )


def test_demo_seed_article_first_for_unaccented_query(demo):
    results = search(SearchQuery(text="giai phong mat bang le chan"))
    assert results.total >= 1
    assert results.hits[0].entry.title == demo["seed"].title
    assert results.hits[0].entry.url == demo["article"].get_full_url()


def test_folding_rules():
    docs(
        ("Đất đai", "Quản lý đất đai và giải phóng mặt bằng"),
        ("Hoà bình", "Thuỷ lợi và sức khoẻ"),
        ("Chỉ tiêu", "Đặc biệt: ấp ủ, ồn ào, vật liệu"),
    )
    assert titles("dat dai") == ["Đất đai"]
    assert titles("DAT DAI") == ["Đất đai"]
    assert titles(unicodedata.normalize("NFD", "đất đai")) == ["Đất đai"]
    assert titles("hòa binh") == ["Hoà bình"]
    assert titles("thủy lợi khỏe") == ["Hoà bình"]
    assert titles("dac biet ap u on ao vat lieu") == ["Chỉ tiêu"]


def test_exact_diacritics_rank_first():
    docs(
        ("Lễ chẩn", "lễ chẩn bệnh"),
        ("Le chan", "le chan"),
        ("Lê Chân", "quận Lê Chân"),
    )
    assert titles("lê chân")[0] == "Lê Chân"
    docs(("Bà", "bà"), ("Bá", "bá"), ("Ba", "ba"))
    assert titles("ba")[0] == "Ba"


def test_codes_numbers_dates():
    docs(
        ("Nghị quyết", "Nghị quyết số 128/NQ-CP ngày 21/12/2021 thu 1.057,091 tỷ đồng"),
        ("Khác", "Số 128 ngày 12 tháng 21 năm 2021 thu 1.057 tỷ"),
    )
    for text in ["1.057,091", "21/12/2021", "21-12-2021", "128/NQ-CP", "NQ-CP"]:
        assert titles(text) == ["Nghị quyết"], text


def test_phrase_and_order():
    docs(
        ("Một", "giải phóng mặt bằng nhanh"),
        ("Hai", "mặt trận giải quyết bằng phóng"),
    )
    assert titles('"giai phong mat bang"') == ["Một"]
    assert set(titles("bang mat phong giai")) == {"Một", "Hai"}
    assert titles("giai phong mat bang")[0] == "Một"


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00",
        '" * ( ) - NEAR AND OR',
        "'; DROP TABLE x; --",
        "😀🙂",
        "x" * 5000,
        "Hà Nội 東京 Москва",
        '"unclosed',
        "a* OR b NEAR/3 c",
        "{title_f}: x",
        "'a' <-> 'b' & !c:*",
    ],
)
def test_any_input(text):
    docs(("Hà Nội", "thủ đô"))
    results = search(SearchQuery(text=text))
    assert results.total >= 0
    suggest(text)


def test_suggest_folds():
    docs(("Giải phóng mặt bằng", "x"), ("Giáo dục", "y"))
    assert [s["title"] for s in suggest("giai pho")] == ["Giải phóng mặt bằng"]
    assert {s["title"] for s in suggest("GIA")} == {"Giải phóng mặt bằng", "Giáo dục"}


def test_section_filter_includes_subsections(demo):
    from congtin.news.models import NewsIndexPage

    article = demo["article"]
    news = NewsIndexPage.objects.get(pk=article.get_parent().get_parent().pk)
    for section in (article.get_parent(), news):
        results = search(SearchQuery(text="giai phong mat bang", section_id=section.pk))
        assert results.hits[0].entry.object_id == article.pk
    assert search(SearchQuery(text="giai phong mat bang", section_id=10**9)).total == 0
