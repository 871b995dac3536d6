"""Hostile lists and archives sent to the import by a portal's reporter:
each is refused with a Vietnamese message and saves nothing; a lying dimension or
a file named by many rows costs what the file really holds."""

import os
import zipfile

import pytest

from congtin.core.tests.hostile_files import (
    dimension_bomb,
    empty_rows_xlsx,
    many_entries_zip,
    many_rows_csv,
    many_rows_xlsx,
    memory_ceiling,
    xml_bomb_xlsx,
    zip_bomb,
    zip_of,
)
from congtin.documents.models import LegalDocumentFile, LegalDocumentPage

from .conftest import pdf_bytes, shared_newsroom
from .test_import import HEADER, client_for, errors_of, post, stored_files

pytestmark = pytest.mark.django_db

COLUMNS = HEADER.split(",")
ROW = ["{n}/QĐ-UBND", "Quyết định", "UBND quận Lê Chân", "", "01/03/2022"]
ROW += ["", "", "", "", "Trích yếu {n}", ""]


def saved():
    return (
        LegalDocumentPage.objects.count(),
        LegalDocumentFile.objects.count(),
        stored_files(),
    )


def refused(client, index, *args, **kwargs) -> list[str]:
    response = post(client, index, *args, **kwargs)
    assert response.status_code == 400
    return errors_of(response)


@shared_newsroom
def test_hostile_lists_are_refused(newsroom, users, settings):
    reporter, index = client_for(users["phongvien"]), newsroom["index"]
    before = saved()

    errors = refused(reporter, index, "ds.xlsx", many_rows_xlsx(COLUMNS, ROW, 3000))
    assert "Bảng “Sheet1” có hơn 1.000 dòng dữ liệu" in errors[0]
    errors = refused(reporter, index, "ds.csv", many_rows_csv(COLUMNS, ROW, 3000))
    assert errors[0].startswith("Tệp có hơn 1.000 dòng dữ liệu; mỗi lần nhập tối đa")
    with memory_ceiling(1024):
        errors = refused(reporter, index, "ds.xlsx", xml_bomb_xlsx(100 * 1024 * 1024))
        assert errors == ["Các tệp trong XLSX khi giải nén lớn quá 20 MB."]
        errors = refused(reporter, index, "ds.xlsx", empty_rows_xlsx(25_000))
        assert errors[0].startswith("Một bảng trong tệp XLSX có hơn 20.000 dòng")
    long_summary = ROW[:9] + ["x" * 10_001]
    errors = refused(reporter, index, "ds.csv", many_rows_csv(COLUMNS, long_summary, 1))
    assert errors == ["Dòng 2, cột “J”: Ô dài quá 10.000 ký tự."]

    settings.IMPORT_MAX_TABLE_BYTES = 10 * 1024
    errors = refused(reporter, index, "ds.csv", many_rows_csv(COLUMNS, ROW, 300))
    assert errors == ["Tệp danh sách lớn quá 10 KB."]
    assert saved() == before


@shared_newsroom
def test_a_lying_dimension_costs_nothing(newsroom, users):
    reporter, index = client_for(users["phongvien"]), newsroom["index"]
    table = dimension_bomb([COLUMNS, [v.replace("{n}", "7") for v in ROW]])
    assert len(table) < 2000
    with memory_ceiling(1024):
        response = post(reporter, index, "ds.xlsx", table)
    assert response.status_code == 302, errors_of(response)
    assert LegalDocumentPage.objects.get(number="7/QĐ-UBND").summary == "Trích yếu 7"


@shared_newsroom
def test_hostile_archives_are_refused(newsroom, users, settings):
    reporter, index = client_for(users["phongvien"]), newsroom["index"]
    before = saved()
    table = many_rows_csv(COLUMNS, ROW[:-1] + ["bom.pdf"], 1)

    # 30 MB of one "PDF" in a 30 KB archive.
    errors = refused(
        reporter, index, "ds.csv", table, zip_bomb("bom.pdf", 30 * 1024 * 1024)
    )
    assert errors == [
        "Tệp “bom.pdf” trong ZIP nén bất thường (giải nén lớn gấp hơn 100 lần); tệp "
        "này không được nhận."
    ]
    settings.IMPORT_MAX_ARCHIVE_ENTRIES = 50
    errors = refused(reporter, index, "ds.csv", table, many_entries_zip(51))
    assert errors == ["Tệp ZIP có 51 tệp bên trong, nhiều quá mức cho phép (50)."]
    settings.IMPORT_MAX_ARCHIVE_UNCOMPRESSED_BYTES = 1024 * 1024
    big = zip_of({"bom.pdf": pdf_bytes(), "khac.pdf": b"%PDF-1.4\n" * 200_000})
    errors = refused(reporter, index, "ds.csv", table, big)
    assert errors == ["Các tệp trong ZIP khi giải nén lớn quá 1 MB."]
    settings.IMPORT_MAX_ARCHIVE_BYTES = 1024
    padded = zip_of({"bom.pdf": pdf_bytes(), "khac.pdf": os.urandom(2048)})
    errors = refused(reporter, index, "ds.csv", table, padded)
    assert errors == ["Tệp ZIP lớn quá 1 KB."]
    assert saved() == before


@shared_newsroom
def test_a_file_named_by_many_rows_is_extracted_once(newsroom, users, monkeypatch):
    reporter, index = client_for(users["phongvien"]), newsroom["index"]
    content = pdf_bytes("Phu luc chung") + os.urandom(2 * 1024 * 1024)
    archive = zip_of({"phu-luc.pdf": content})
    table = many_rows_csv(COLUMNS, ROW[:-1] + ["phu-luc.pdf"], 10)
    opened = []
    real_open = zipfile.ZipFile.open

    def counting_open(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", counting_open)
    response = post(reporter, index, "ds.csv", table, archive)
    assert response.status_code == 302, errors_of(response)
    assert opened.count("phu-luc.pdf") == 1
    pages = LegalDocumentPage.objects.filter(number__endswith="/QĐ-UBND")
    assert pages.count() == 10
    for page in pages:
        (attachment,) = page.files.all()
        assert attachment.original_name == "phu-luc.pdf"
        with attachment.file.open("rb") as stored:
            assert stored.read() == content
