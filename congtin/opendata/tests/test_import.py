"""Importing a report's figures or a series' values from a file in the admin: the
rows replace the page's in a draft revision, every wrong row is reported in
Vietnamese, the limits hold, and only the user's own portal's pages are offered."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from congtin.opendata import exchange
from congtin.opendata.models import BudgetReportPage, StatisticSeriesPage
from congtin.opendata.vocab import BudgetPeriod, Frequency, MoneyUnit
from congtin.portals.tests.factories import UserFactory

from .conftest import shared_newsroom
from .factories import BudgetReportPageFactory, StatisticSeriesPageFactory

URL = "/admin/so-lieu-cong-khai/nhap-tep/"


def client_for(user):
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def upload(text: str, name="so-lieu.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def pages(newsroom):
    report = BudgetReportPageFactory(
        parent=newsroom["budget"],
        period=BudgetPeriod.HALF_YEAR,
        publish=True,
        figures=[("Cũ", "1", MoneyUnit.BILLION, None)],
    )
    series = StatisticSeriesPageFactory(
        parent=newsroom["statistics"], frequency=Frequency.QUARTER, publish=True
    )
    other = BudgetReportPageFactory(parent=newsroom["other_budget"], publish=True)
    editor = UserFactory(groups=[newsroom["city"].groups.editors])
    outsider = UserFactory(groups=[newsroom["other"].groups.editors])
    return {
        "report": report,
        "series": series,
        "other": other,
        "editor": editor,
        "outsider": outsider,
    }


@shared_newsroom
def test_editor_imports_figures_as_a_draft(pages):
    report = pages["report"]
    client = client_for(pages["editor"])
    response = client.get(URL, {"trang": report.pk})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Tối đa 1.000 dòng" in content
    assert f'value="{report.pk}" selected' in content

    table = (
        "Khoản mục;Số tiền;Đơn vị;Tỷ lệ (%);Ghi chú\n"
        "Tổng thu ngân sách;1.057,091;tỷ đồng;52,5;\n"
        "Chi thường xuyên;250.000;triệu;48;=1+1\n"
    )
    response = client.post(URL, {"page": report.pk, "table": upload(table)})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == f"/admin/pages/{report.pk}/edit/"

    # The live page is unchanged until the draft is published.
    live = BudgetReportPage.objects.get(pk=report.pk)
    assert [f.item for f in live.figures.all()] == ["Cũ"]
    draft = live.get_latest_revision_as_object()
    assert live.has_unpublished_changes
    figures = [
        (f.item, f.amount, f.unit, f.percent_of_estimate, f.note)
        for f in draft.figures.all()
    ]
    assert figures == [
        ("Tổng thu ngân sách", Decimal("1057.091"), "ty", Decimal("52.5"), ""),
        ("Chi thường xuyên", Decimal("250000"), "trieu", Decimal("48"), "=1+1"),
    ]
    # The editor's preview of the draft shows the new figures and chart.
    preview = draft.make_preview_request()
    assert preview.status_code == 200
    preview.render()
    assert "250.000 triệu đồng" in preview.content.decode()
    draft.save_revision().publish()
    public = Client().get(report.url, HTTP_HOST="localhost").content.decode()
    assert "1.057,091 tỷ đồng" in public


@shared_newsroom
def test_every_wrong_row_is_reported_and_nothing_changes(pages):
    report = pages["report"]
    client = client_for(pages["editor"])
    table = (
        "Khoản mục,Số tiền,Đơn vị\n"
        ",5,tỷ đồng\n"
        "Thu,mười,tỷ đồng\n"
        "Chi,1.5,tỷ đồng\n"
        "Chi,5,đô la\n"
    )
    response = client.post(URL, {"page": report.pk, "table": upload(table)})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Chưa nhập số liệu nào: tệp có 4 lỗi." in content
    for message in [
        "Dòng 2, cột “Khoản mục”: Thiếu tên khoản mục.",
        "Dòng 3, cột “Số tiền”: “mười” không phải là số",
        "Dòng 4, cột “Số tiền”: “1.5” không phải là số",
        "Dòng 5, cột “Đơn vị”: Đơn vị “đô la” không hợp lệ",
    ]:
        assert message in content
    assert not BudgetReportPage.objects.get(pk=report.pk).has_unpublished_changes


@shared_newsroom
def test_rows_checked_against_the_page(pages):
    estimate = BudgetReportPageFactory(
        parent=pages["report"].get_parent(), publish=True
    )
    table = "Khoản mục,Số tiền,Tỷ lệ so với dự toán (%)\nThu,5,50\n"
    report = exchange.import_rows(estimate, "a.csv", table.encode(), pages["editor"])
    assert [str(e) for e in report.errors] == [
        "Dòng 2, cột “Tỷ lệ so với dự toán (%)”: Chỉ báo cáo tình hình thực hiện "
        "mới có tỷ lệ so với dự toán."
    ]

    series = pages["series"]
    table = (
        "Năm,Quý/tháng,Giá trị\n"
        "2022,I,1\n"
        '2022,Quý II,"2,5"\n'
        "2022,5,3\n"
        "1500,1,3\n"
        "2022,2,4\n"
    )
    report = exchange.import_rows(series, "s.csv", table.encode(), pages["editor"])
    assert [str(e) for e in report.errors] == [
        "Dòng 4, cột “Quý/tháng”: Hãy ghi quý (1 đến 4).",
        "Dòng 5, cột “Năm”: Năm “1500” không hợp lệ (từ 1900 đến 2100).",
        "Dòng 6, cột “Năm”: Kỳ Quý II/2022 đã có ở dòng 3.",
    ]

    table = 'Năm,Kỳ,Giá trị,Ghi chú\n2022,1,1,\n2022,Quý II,"2,5",ước\n'
    report = exchange.import_rows(series, "s.csv", table.encode(), pages["editor"])
    assert report.ok and report.count == 2
    draft = StatisticSeriesPage.objects.get(
        pk=series.pk
    ).get_latest_revision_as_object()
    assert [(v.label, v.value, v.note) for v in draft.ordered_values()] == [
        ("Quý I/2022", Decimal("1"), ""),
        ("Quý II/2022", Decimal("2.5"), "ước"),
    ]


@shared_newsroom
def test_xlsx_numbers_are_read_as_numbers(pages):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Khoản mục", "Số tiền", "Đơn vị"])
    sheet.append(["Thu", 1057.091, "VND"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = exchange.import_rows(
        pages["report"], "so-lieu.xlsx", buffer.getvalue(), pages["editor"]
    )
    assert report.ok
    page = BudgetReportPage.objects.get(pk=pages["report"].pk)
    draft = page.get_latest_revision_as_object()
    assert [(f.amount, f.unit) for f in draft.figures.all()] == [
        (Decimal("1057.091"), "dong")
    ]


@shared_newsroom
def test_limits_and_unreadable_files(pages, settings):
    client = client_for(pages["editor"])
    report = pages["report"]
    settings.IMPORT_MAX_ROWS = 2
    table = "Khoản mục,Số tiền\n" + "".join(f"Mục {i},{i}\n" for i in range(3))
    response = client.post(URL, {"page": report.pk, "table": upload(table)})
    assert response.status_code == 400
    assert "Tệp có hơn 2 dòng dữ liệu" in response.content.decode()

    settings.IMPORT_MAX_TABLE_BYTES = 20
    response = client.post(URL, {"page": report.pk, "table": upload(table)})
    assert "Tệp danh sách lớn quá" in response.content.decode()

    settings.IMPORT_MAX_TABLE_BYTES = 10_000
    for name, data, message in [
        ("a.txt", b"x", "Danh sách phải là tệp .xlsx hoặc .csv."),
        ("a.csv", "Khoản mục\n".encode("utf-16"), "phải lưu bằng mã UTF-8"),
        ("a.xlsx", b"not a zip", "Không đọc được tệp"),
        ("a.csv", b"Ten,Tien\nThu,5\n", "Thiếu cột này trong dòng tiêu đề."),
        ("a.csv", "Khoản mục,Số tiền\n".encode(), "Tệp không có dòng số liệu nào."),
    ]:
        file = SimpleUploadedFile(name, data)
        response = client.post(URL, {"page": report.pk, "table": file})
        assert response.status_code == 400
        assert message in response.content.decode(), name


@shared_newsroom
def test_only_the_users_own_portal(pages):
    outsider = client_for(pages["outsider"])
    response = outsider.get(URL)
    content = response.content.decode()
    assert f'value="{pages["other"].pk}"' in content
    assert f'value="{pages["report"].pk}"' not in content
    response = outsider.post(
        URL, {"page": pages["report"].pk, "table": upload("Khoản mục,Số tiền\nA,1\n")}
    )
    assert response.status_code == 400
    assert not BudgetReportPage.objects.get(
        pk=pages["report"].pk
    ).has_unpublished_changes

    # Someone with no portal has no import at all.
    nobody = client_for(UserFactory())
    assert nobody.get(URL).status_code in (302, 403)

    # The editor sees the button on the page's own admin page.
    editor = client_for(pages["editor"])
    edit = editor.get(f"/admin/pages/{pages['report'].pk}/edit/").content.decode()
    assert f"{URL}?trang={pages['report'].pk}" in edit


@shared_newsroom
def test_pages_are_edited_on_their_own_portal_only(pages, newsroom):
    editor = client_for(pages["editor"])
    outsider = client_for(pages["outsider"])
    for model, index in [
        ("budgetreportpage", newsroom["budget"]),
        ("statisticseriespage", newsroom["statistics"]),
    ]:
        add = f"/admin/pages/add/opendata/{model}/{index.pk}/"
        response = editor.get(add)
        assert response.status_code == 200
        assert outsider.get(add).status_code in (302, 403)
    assert editor.get(f"/admin/pages/{pages['report'].pk}/edit/").status_code == 200
    response = outsider.get(f"/admin/pages/{pages['report'].pk}/edit/")
    assert response.status_code in (302, 403)


def _formset(prefix, rows):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
        data.update({f"{prefix}-{i}-ORDER": str(i + 1), f"{prefix}-{i}-DELETE": ""})
    return data


@shared_newsroom
def test_editor_writes_a_report_in_the_page_editor(pages, newsroom):
    editor = client_for(pages["editor"])
    data = {
        "title": "Công khai quyết toán ngân sách năm 2021",
        "slug": "",
        "year": "2021",
        "period": "quyet-toan",
        "decision_number": "12/QĐ-UBND",
        "decision_date": "15/06/2022",
        "issuing_body": "",
        "summary": "",
        "note": "",
        **_formset(
            "figures",
            [{"item": "Tổng chi", "amount": "1057,091", "unit": "ty", "note": ""}],
        ),
        **_formset("files", []),
    }
    index = newsroom["budget"]
    response = editor.post(
        f"/admin/pages/add/opendata/budgetreportpage/{index.pk}/", data
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    page = BudgetReportPage.objects.get(slug="cong-khai-quyet-toan-ngan-sach-nam-2021")
    draft = page.get_latest_revision_as_object()
    assert [(f.item, f.amount) for f in draft.figures.all()] == [
        ("Tổng chi", Decimal("1057.091"))
    ]


@shared_newsroom
def test_the_editor_checks_rows_as_the_import_does(pages, newsroom):
    editor = client_for(pages["editor"])
    base = {
        "title": "Dân số",
        "slug": "",
        "field": "Dân số",
        "unit": "người",
        "frequency": "nam",
        "source": "Cục Thống kê",
        "description": "",
        "note": "",
    }
    add = f"/admin/pages/add/opendata/statisticseriespage/{newsroom['statistics'].pk}/"
    rows = [
        {"year": "2021", "number": "", "value": "1", "note": ""},
        {"year": "2022", "number": "3", "value": "2", "note": ""},
        {"year": "2021", "number": "", "value": "3", "note": ""},
    ]
    response = editor.post(add, {**base, **_formset("values", rows)})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Chuỗi số liệu theo năm: để trống ô này." in content
    assert "Kỳ 2021 đã có ở một dòng khác." in content
    assert not StatisticSeriesPage.objects.filter(title="Dân số").exists()

    response = editor.post(add, {**base, **_formset("values", rows[:1])})
    assert response.status_code == 302
    assert StatisticSeriesPage.objects.filter(title="Dân số").exists()

    report = {
        "title": "Dự toán",
        "slug": "",
        "year": "2022",
        "period": "du-toan",
        "decision_number": "",
        "decision_date": "",
        "issuing_body": "",
        "summary": "",
        "note": "",
        **_formset(
            "figures",
            [{"item": "Thu", "amount": "5", "unit": "ty", "percent_of_estimate": "50"}],
        ),
        **_formset("files", []),
    }
    add = f"/admin/pages/add/opendata/budgetreportpage/{newsroom['budget'].pk}/"
    response = editor.post(add, report)
    assert response.status_code == 200
    assert "Chỉ báo cáo tình hình thực hiện mới có tỷ lệ" in response.content.decode()
