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
    # A last word of one or two letters (SQLite keeps prefix indexes for them).
    assert [s["title"] for s in suggest("giai phong m")] == ["Giải phóng mặt bằng"]
    assert [s["title"] for s in suggest("Giáo d")] == ["Giáo dục"]
    assert suggest("giao m") == []


def test_removed_entries_leave_no_suggestions_behind():
    from congtin.search import backends, index
    from congtin.search.query import parse

    docs(("Giải phóng mặt bằng", "x"), ("Giáo dục", "y"))
    index.remove("test.doc", 1)
    # The backend's own ids, before entries that no longer exist are dropped.
    raw = backends.current().suggest(parse("giai p"), backends.Filters(), 8)
    assert raw == []
    assert [s["title"] for s in suggest("gia")] == ["Giáo dục"]


def test_section_filter_includes_subsections(demo):
    from congtin.news.models import NewsIndexPage

    article = demo["article"]
    news = NewsIndexPage.objects.get(pk=article.get_parent().get_parent().pk)
    for section in (article.get_parent(), news):
        results = search(SearchQuery(text="giai phong mat bang", section_id=section.pk))
        assert results.hits[0].entry.object_id == article.pk
    assert search(SearchQuery(text="giai phong mat bang", section_id=10**9)).total == 0


def test_highlight_marks_words_typed_without_diacritics():
    body = (
        "Mở đầu. "
        + "Nội dung khác. " * 40
        + "Công tác <b>giải phóng</b> mặt bằng ở Lê Chân."
    )
    docs(("Giải phóng mặt bằng", body))
    hit = search(SearchQuery(text="giai phong")).hits[0]
    assert hit.title_html == "<mark>Giải</mark> <mark>phóng</mark> mặt bằng"
    assert "&lt;b&gt;<mark>giải</mark> <mark>phóng</mark>&lt;/b&gt;" in hit.snippet_html
    assert hit.snippet_html.startswith("… ")
    assert "<b>" not in hit.snippet_html


def test_no_document_with_every_word_falls_back_to_any_word():
    docs(("Tội tham ô tài sản", "tham ô"), ("Tội nhận hối lộ", "nhận hối lộ"))
    results = search(SearchQuery(text="tham ô nhận hối lộ"))
    assert {h.entry.title for h in results.hits} == {
        "Tội tham ô tài sản",
        "Tội nhận hối lộ",
    }
    assert "một phần các từ" in results.notice
    assert search(SearchQuery(text="tham ô tài sản")).notice is None


def test_old_tone_placement_and_eth_rank_as_exact():
    docs(("Sức khoẻ cộng đồng", "bảo vệ sức khoẻ"), ("Súc khoe", "suc khoe"))
    assert titles("sức khỏe")[0] == "Sức khoẻ cộng đồng"
    docs(("Ðiều 107", "Ðiều khoản"))
    assert titles("điều 107") == ["Ðiều 107"]


def test_title_equal_to_query_comes_first():
    docs(
        ("Tạm giam đối với bị can trong vụ án đặc biệt", "tạm giam tạm giam tạm giam"),
        ("Tạm giam", "Thời hạn tạm giam"),
    )
    assert titles("tạm giam")[0] == "Tạm giam"


def test_large_index_counts_up_to_the_window_and_ranks_by_signals(monkeypatch):
    from congtin.search import backends

    monkeypatch.setattr(backends, "LARGE_INDEX", 0)
    monkeypatch.setattr(backends, "LARGE_WINDOW", 3)
    docs(
        ("Tin một", "giải phóng mặt bằng ở phường"),
        ("Giải phóng mặt bằng", "nội dung"),
        ("Tin ba", "mặt bằng và giải phóng"),
        ("Tin bốn", "giai phong mat bang viết không dấu"),
        ("Tin năm", "giải phóng mặt bằng"),
    )
    results = search(SearchQuery(text="giải phóng mặt bằng"))
    assert results.total == 3 and results.total_is_lower_bound
    # Only the three most recently indexed matches are ranked ("Tin một" is older);
    # the words with their diacritics close together come first. The page named
    # by the query is found outside the window too, and comes first.
    assert [h.entry.title for h in results.hits] == [
        "Giải phóng mặt bằng",
        "Tin năm",
        "Tin ba",
        "Tin bốn",
    ]


def test_glued_runs_are_found_as_compound_words_with_a_phrase_fallback():
    from congtin.core.vietnamese import index_words

    words, compounds = index_words("Số 128/NQ-CP ngày 21/12/2021")
    assert [w[1] for w in words] == [
        "so",
        "128",
        "nq",
        "cp",
        "ngay",
        "21",
        "12",
        "2021",
    ]
    assert {c[1] for c in compounds} == {
        "128znq",
        "nqzcp",
        "128znqzcp",
        "21z12",
        "12z2021",
        "21z12z2021",
    }
    docs(
        ("Nghị quyết", "Nghị quyết số 28-NQ/TƯ ngày 11/10/2021"),
        ("Cách viết khác", "Văn bản ngày 24 / 6 / 2022, số 15 NQ CP"),
        ("Không liên quan", "Ngày 11 tháng 10 năm 2021, có 28 đại biểu"),
    )
    # Stretches of a run, any punctuation, with or without diacritics.
    for text in ["28-NQ/TƯ", "28/nq-tu", "NQ/TU", "10/2021", "11.10.2021", "11-10"]:
        assert titles(text) == ["Nghị quyết"], text
    # No text has the compound: the run is searched again as a phrase of its parts.
    assert titles("24/6/2022") == ["Cách viết khác"]
    assert titles("15/NQ-CP") == ["Cách viết khác"]
    assert titles("21/12/1999") == []


def test_large_index_newest_first_within_the_window(monkeypatch):
    from datetime import datetime, timedelta

    from django.utils import timezone

    from congtin.search import backends

    monkeypatch.setattr(backends, "LARGE_INDEX", 0)
    monkeypatch.setattr(backends, "LARGE_WINDOW", 3)
    start = timezone.make_aware(datetime(2022, 1, 1))
    put_many(
        Document(
            kind="test.doc",
            object_id=i,
            title=f"Tin {i}",
            body="đất đai",
            url=f"/d/{i}/",
            # Indexed order and date order differ.
            date=start + timedelta(days=(i * 7) % 5),
        )
        for i in range(1, 6)
    )
    results = search(SearchQuery(text="dat dai", sort="newest"))
    assert results.total == 3 and results.total_is_lower_bound
    assert [h.entry.title for h in results.hits] == ["Tin 4", "Tin 3", "Tin 5"]


def _parallel_docs():
    documents = [
        Document(
            kind="test.doc",
            object_id=i,
            title=f"Thông báo {i}/QĐ-UBND về giải phóng mặt bằng phường {i % 7}",
            body=f"Nội dung số {i}: hoà giải ở cơ sở, " + "đất đai " * (i % 5),
            url=f"/d/{i}/",
        )
        for i in range(1, 1201)
    ]
    # The same object again, later: this one wins.
    documents.append(
        Document(
            kind="test.doc",
            object_id=7,
            title="Lịch tiếp công dân",
            body="",
            url="/d/7/",
        )
    )
    return documents


def _index_state():
    from congtin.search.models import SearchEntry

    order = list(SearchEntry.objects.order_by("pk").values_list("object_id", flat=True))
    queries = [
        "123/QĐ-UBND",
        "lich tiep cong dan",
        "hòa giải",
        '"dat dai dat dai"',
        "phuong 3",
    ]
    found = {
        text: [hit.entry.object_id for hit in search(SearchQuery(text=text)).hits]
        for text in queries
    }
    return order, found


def test_indexer_with_worker_processes_writes_what_one_process_writes():
    from congtin.search import index

    with index.Indexer(jobs=2) as indexer:
        assert indexer.jobs == 2
        documents = _parallel_docs()
        # Added in pieces that do not fall on batch boundaries.
        indexer.add(documents[:700])
        indexer.add(documents[700:])
    order, found = _index_state()
    # Every batch written, in the order of the documents (the newest-first window
    # follows it); the object given twice is where it came last.
    assert order == [*range(1, 7), *range(8, 1201), 7]
    assert found["123/QĐ-UBND"][0] == 123
    assert found["lich tiep cong dan"] == [7]

    index.clear()
    assert index.put_many(_parallel_docs(), jobs=1) == indexer.written
    assert _index_state() == (order, found)
