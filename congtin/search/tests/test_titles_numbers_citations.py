"""Long queries, pages asked for by name, accents, whole numbers and citations."""

import pytest

from congtin.search import backends, engine
from congtin.search.engine import SearchQuery, search
from congtin.search.index import Document, put_many
from congtin.search.query import MAX_QUERY_LENGTH, parse

pytestmark = pytest.mark.django_db

LONG_TITLE = (
    "Quyền đơn phương chấm dứt hợp đồng lao động của người lao động "
    "làm việc theo hợp đồng lao động xác định thời hạn"
)


def titles(text, **kwargs):
    return [hit.entry.title for hit in search(SearchQuery(text=text, **kwargs)).hits]


def docs(*rows):
    put_many(
        Document(kind="test.doc", object_id=i, title=title, body=body, url=f"/d/{i}/")
        for i, (title, body) in enumerate(rows, start=1)
    )


# --- 1. a query is used whole, up to the character limit ---------------------------


def test_a_long_query_keeps_every_word_and_is_not_cut():
    parsed = parse(LONG_TITLE)
    assert len(parsed.words) == 24
    assert not parsed.truncated
    # Repeats only leave matching, where they change nothing; ranking sees them all.
    assert [w[1] for w in parsed.words][:4] == ["quyen", "don", "phuong", "cham"]
    assert len({(c.exact, c.folded) for c in parsed.clauses}) == len(parsed.clauses)


def test_a_pasted_long_title_finds_its_page_first_without_a_notice():
    docs(
        (LONG_TITLE, "Người lao động báo trước ít nhất 30 ngày."),
        (
            "Hợp đồng lao động xác định thời hạn và quyền đơn phương chấm dứt hợp "
            "đồng lao động của người lao động làm việc theo hợp đồng",
            "hợp đồng lao động " * 20,
        ),
    )
    results = search(SearchQuery(text=LONG_TITLE))
    assert results.notice is None
    assert results.hits[0].entry.title == LONG_TITLE
    # Without diacritics too.
    assert titles(
        "quyen don phuong cham dut hop dong lao dong cua nguoi lao dong lam viec "
        "theo hop dong lao dong xac dinh thoi han"
    )[0] == (LONG_TITLE)


def test_only_a_query_over_the_character_limit_gets_the_length_notice():
    docs(("Giải phóng mặt bằng", "giải phóng mặt bằng"))
    long = "giải phóng mặt bằng " * 12
    assert len(long) > MAX_QUERY_LENGTH
    results = search(SearchQuery(text=long))
    assert results.notice == (
        f"Từ khóa quá dài: chỉ {MAX_QUERY_LENGTH} ký tự đầu được dùng để tìm."
    )
    assert search(SearchQuery(text=long[:MAX_QUERY_LENGTH])).notice is None


# --- 2. a title or heading that is the query comes first ------------------------------


def test_exact_title_before_longer_titles_holding_it():
    docs(
        (
            "Lịch tiếp công dân định kỳ của Chủ tịch UBND quận tháng 12",
            "Lịch tiếp công dân. Lịch tiếp công dân. Lịch tiếp công dân.",
        ),
        ("Lịch tiếp công dân", "Ngày tiếp và nơi tiếp."),
        ("Công bố lịch tiếp công dân năm 2022", "lịch tiếp công dân " * 5),
    )
    for typed in ("Lịch tiếp công dân", "lich tiep cong dan", "LỊCH TIẾP CÔNG DÂN"):
        assert titles(typed)[0] == "Lịch tiếp công dân"
    # Starting with the query ranks before merely holding it.
    assert titles("lịch tiếp công dân")[1].startswith("Lịch tiếp công dân định kỳ")


def test_law_article_heading_equal_to_the_query_comes_first():
    docs(
        (
            "Điều 6. Bồi thường, giải phóng mặt bằng và tái định cư",
            "giải phóng mặt bằng",
        ),
        ("Điều 5. Giải phóng mặt bằng", "Việc thu hồi đất."),
        ("Quận đẩy nhanh giải phóng mặt bằng", "giải phóng mặt bằng " * 6),
    )
    assert titles("Giải phóng mặt bằng")[0] == "Điều 5. Giải phóng mặt bằng"
    assert titles("giai phong mat bang")[0] == "Điều 5. Giải phóng mặt bằng"


def test_same_words_reordered_rank_high():
    docs(
        ("Hội nghị về mặt bằng giá", "giải phóng mặt bằng " * 8),
        ("Mặt bằng, giải phóng", "Thông báo."),
    )
    assert titles("giải phóng mặt bằng")[0] == "Mặt bằng, giải phóng"


def test_a_page_named_by_the_query_is_found_beyond_the_ranked_window(monkeypatch):
    monkeypatch.setattr(engine, "RERANK", 3)
    docs(
        ("Tạm giam", "Thời hạn."),
        *[(f"Tạm giam bị can số {i}", "tạm giam tạm giam tạm giam") for i in range(8)],
    )
    assert titles("tạm giam")[0] == "Tạm giam"


# --- 3. diacritics never make a ranking worse -------------------------------------------


def test_typed_diacritics_do_not_bury_a_closer_match():
    # B's title repeats an accented word of the query; A has the two rare words
    # together. Typing the diacritics must not put B ahead of A.
    docs(
        ("Tin tức", "Đoàn công tác kiểm định chất lượng công trình."),
        ("Quy định, định mức, định kỳ", "Kết quả thanh tra. " * 30 + "kiểm"),
    )
    backend = backends.current()
    filters = backends.Filters()

    def order(text):
        return [pk for pk, _ in backend.ranked(parse(text), filters, 0, 10)]

    assert order("kiểm định") == order("kiem dinh")
    assert titles("kiểm định")[0] == "Tin tức"


# --- 4. a number is matched whole -------------------------------------------------------


def test_a_number_does_not_find_longer_numbers_holding_it():
    docs(
        ("Dự toán", "Tổng mức đầu tư 5.000.000.000 đồng."),
        ("Hỗ trợ", "Mỗi hộ được 5.000.000 đồng."),
        ("Thu ngân sách", "Thu 1.057,091 tỷ đồng."),
        ("Hộ kinh doanh", "Hỗ trợ 1.057 hộ."),
    )
    assert titles("5,000,000") == ["Hỗ trợ"]
    assert titles("5.000.000") == ["Hỗ trợ"]
    assert titles("5.000.000.000") == ["Dự toán"]
    assert titles("1.057") == ["Hộ kinh doanh"]
    assert titles("1.057,091") == ["Thu ngân sách"]


def test_a_code_or_date_typed_whole_matches_that_code_or_date():
    docs(
        ("Luật an toàn", "Luật số 91/2015/QH13 ngày 21/12/2021."),
        ("Luật khác", "Luật số 191/2015/QH13 và 91/2015/QH14 ngày 1/12/2021."),
        ("Lịch", "Ngày 21-12-2021."),
    )
    assert titles("91/2015/QH13") == ["Luật an toàn"]
    assert set(titles("21/12/2021")) == {"Luật an toàn", "Lịch"}
    assert titles("1/12/2021") == ["Luật khác"]
    # Parts of a code still find it ("NQ-CP", "2015/QH13").
    assert set(titles("2015/QH13")) == {"Luật an toàn", "Luật khác"}


def test_a_number_is_not_searched_again_as_a_phrase_of_its_groups():
    docs(("Dự toán", "Tổng mức 5.000.000.000 đồng."))
    results = search(SearchQuery(text="5.000.000"))
    assert results.total == 0


# --- 5. citations ------------------------------------------------------------------------


def test_citations_are_parsed_as_article_references():
    parsed = parse("Điều 10 Bộ luật Tố tụng dân sự")
    assert parsed.article == ("dieu", "10")
    assert [c.folded for c in parsed.clauses if c.reference] == [("dieu", "10")]
    parsed = parse("khoản 2 điều 5")
    assert parsed.article == ("dieu", "5")
    assert [c.folded for c in parsed.matched] == [("dieu", "5")]
    parsed = parse("điều 3 luật 91/2015/QH13")
    assert parsed.article == ("dieu", "3")
    assert any(c.compound and c.compound[1] == "91z2015zqh13" for c in parsed.clauses)
    # "điều kiện", "mục tiêu" are words, not citations.
    assert parse("điều kiện mục tiêu").article is None


def test_article_of_the_named_document_first_then_texts_citing_it():
    docs(
        (
            "Hỏi đáp về hòa giải",
            "Theo Điều 10 Bộ luật Tố tụng dân sự, Tòa án hòa giải.",
        ),
        ("Điều 100. Thu thập chứng cứ", "Xem Điều 10 của Bộ luật tố tụng dân sự."),
        (
            "Điều 10. Hòa giải",
            "Tòa án có trách nhiệm hòa giải. Bộ luật tố tụng dân sự.",
        ),
        ("Điều 10. Nguyên tắc xử lý", "Bộ luật hình sự."),
        ("Điều kiện", "Sau 10 năm, điều chỉnh bộ luật tố tụng dân sự."),
    )
    found = titles("Điều 10 Bộ luật Tố tụng dân sự")
    assert found[0] == "Điều 10. Hòa giải"
    # The texts citing it, and the other laws' Điều 10 after them; not loose words.
    assert set(found[1:3]) == {"Hỏi đáp về hòa giải", "Điều 100. Thu thập chứng cứ"}
    assert found[3:] == ["Điều 10. Nguyên tắc xử lý"]
    assert titles("dieu 10 bo luat to tung dan su")[0] == "Điều 10. Hòa giải"


def test_citation_with_a_document_number():
    docs(
        ("Điều 3. Phạm vi", "Luật số 80/2015/QH13."),
        ("Hướng dẫn", "Theo khoản 2 Điều 3 Luật 91/2015/QH13, ..."),
        ("Điều 3. Giải thích từ ngữ", "Luật số 91/2015/QH13. 1. ... 2. ..."),
    )
    assert titles("điều 3 luật 91/2015/QH13") == [
        "Điều 3. Giải thích từ ngữ",
        "Hướng dẫn",
    ]
    # Clause 2 of article 3: the article, then the text citing exactly that clause.
    assert titles("khoản 2 điều 3 luật 91/2015/QH13")[:2] == [
        "Điều 3. Giải thích từ ngữ",
        "Hướng dẫn",
    ]


def test_citation_whose_document_words_the_article_lacks_still_finds_it():
    docs(
        ("Điều 10. Hòa giải", "Tòa án có trách nhiệm hòa giải."),
        ("Điều 11. Bảo đảm tranh tụng", "Tranh tụng."),
    )
    results = search(SearchQuery(text="Điều 10 Bộ luật Tố tụng dân sự"))
    assert [h.entry.title for h in results.hits] == ["Điều 10. Hòa giải"]
    assert results.notice


def test_large_index_finds_codes_and_leaves_the_planner_as_it_was(monkeypatch):
    from django.db import connection

    monkeypatch.setattr(backends, "LARGE_INDEX", 0)
    docs(
        ("Nghị quyết", "Theo Nghị quyết 128/NQ-CP của Chính phủ."),
        ("Khác", "Nghị quyết 128 về NQ và CP."),
    )
    assert titles("128/NQ-CP") == ["Nghị quyết"]
    if connection.vendor == "postgresql":
        # The GIN index was forced for that one statement only.
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone()[0] == "on"
            cursor.execute("SHOW enable_indexscan")
            assert cursor.fetchone()[0] == "on"
