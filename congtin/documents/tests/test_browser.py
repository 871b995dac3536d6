"""A reader filters the list, opens a document and downloads its file, in Debian's
Chromium (/usr/bin/chromium) via Playwright; skipped without it, except CI=true."""

from datetime import date

import pytest

from congtin.conftest import launch_chromium

from .conftest import pdf_bytes

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread: the data must be committed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
FILE_NAME = "Quyết định số 15 về đất đai.pdf"


@pytest.fixture
def library(portal, make_document, live_server):
    """Everything is read before Chromium starts (see launch_chromium)."""
    index = portal["index"]
    make_document(index, "128/NQ-CP", issuing_body="Chính phủ")
    make_document(
        index,
        "15/QĐ-UBND",
        title="Quyết định số 15/QĐ-UBND về quản lý đất đai",
        doc_type="quyet-dinh",
        issue_date=date(2021, 3, 1),
        files=[(FILE_NAME, pdf_bytes())],
    )
    return {"url": live_server.url}


@pytest.fixture
def browser(chromium, library, monkeypatch):
    with launch_chromium(chromium, monkeypatch) as browser:
        yield browser


def test_reader_filters_opens_and_downloads(library, new_page):
    from playwright.sync_api import expect

    page = new_page()
    page.goto(library["url"] + "/van-ban/")
    rows = page.locator("table.doc-table tbody tr")
    expect(rows).to_have_count(2)
    types = page.get_by_role("complementary", name="Bộ lọc văn bản")
    types.get_by_role("link", name="Quyết định (1)").click()
    page.wait_for_url("**/van-ban/?loai=quyet-dinh")
    expect(rows).to_have_count(1)
    expect(page.locator(".doc-results__total")).to_have_text("Tìm thấy 1 văn bản")

    page.get_by_role("link", name="15/QĐ-UBND", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Quyết định số 15/QĐ-UBND về quản lý đất đai"
    )
    expect(page.locator(".doc-field--status")).to_have_text("Còn hiệu lực")
    with page.expect_download() as download:
        page.get_by_role("link", name=FILE_NAME).click()
    # The browser keeps the Vietnamese name from filename*.
    assert download.value.suggested_filename == FILE_NAME
