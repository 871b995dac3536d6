"""Hostile files sent to the targets import by a portal's editor: each is
refused with a Vietnamese message and saves nothing; a lying dimension costs what
the file really holds."""

import io

import pytest
from django.test import Client

from congtin.core.tests.hostile_files import (
    dimension_bomb,
    many_rows_csv,
    many_rows_xlsx,
    memory_ceiling,
    xml_bomb_xlsx,
)
from congtin.portals.tests.factories import EditorialPortalFactory, UserFactory
from congtin.targets.models import AnnualPlan, ReportedFigure, Target

from .factories import AnnualPlanFactory, TargetFactory

pytestmark = pytest.mark.django_db

URL = "/admin/targets/nhap-tep/"
HEADER = ["Mã chỉ tiêu", "Kỳ", "Số liệu", "Ngày", "Ghi chú"]
ROW = ["CT10", "Tháng 3", "{n}", "31/03/2022", "Dòng {n}"]


def upload(name, data):
    file = io.BytesIO(data)
    file.name = name
    return file


@pytest.fixture
def editor_client():
    """A logged-in editor of a portal whose 2022 plan has the target CT10."""
    portal = EditorialPortalFactory(name="Quận Thử", hostname="quanthu.localhost")
    plan = AnnualPlanFactory(site=portal.site, year=2022)
    TargetFactory(plan=plan, code="CT10", unit="%", value=95)
    client = Client(HTTP_HOST="localhost")
    client.force_login(UserFactory(groups=[portal.groups.editors]))
    return client


def post(client, name, data):
    plan = AnnualPlan.objects.get(site__hostname="quanthu.localhost", year=2022)
    return client.post(
        URL, {"plan": plan.pk, "kind": "figures", "file": upload(name, data)}
    )


def saved():
    return Target.objects.count(), ReportedFigure.objects.count()


def test_hostile_files_are_refused(editor_client, settings):
    before = saved()
    for name, data, message in (
        (
            "so-lieu.xlsx",
            many_rows_xlsx(HEADER, ROW, 3000, title="Số liệu"),
            "Bảng “Số liệu” có hơn 1.000 dòng dữ liệu; mỗi lần nhập tối đa 1.000 "
            "dòng, hãy chia thành nhiều tệp.",
        ),
        (
            "so-lieu.csv",
            many_rows_csv(HEADER, ROW, 3000),
            "Tệp có hơn 1.000 dòng dữ liệu",
        ),
        (
            "so-lieu.xlsx",
            xml_bomb_xlsx(100 * 1024 * 1024),
            "Các tệp trong XLSX khi giải nén lớn quá 20 MB.",
        ),
        (
            "so-lieu.csv",
            many_rows_csv(HEADER, ROW[:4] + ["x" * 10_001], 1),
            "Dòng 2, cột “E”: Ô dài quá 10.000 ký tự.",
        ),
        (
            # A database text column cannot hold NUL (PostgreSQL refuses it).
            "so-lieu.csv",
            many_rows_csv(HEADER, ROW[:4] + ["a\x00b"], 1),
            "Dòng 2, cột “E”: Ô có ký tự không hợp lệ (NUL).",
        ),
    ):
        with memory_ceiling(1024):
            response = post(editor_client, name, data)
        assert response.status_code == 400, name
        assert message in response.content.decode(), name
    settings.IMPORT_MAX_TABLE_BYTES = 10 * 1024
    response = post(editor_client, "so-lieu.csv", many_rows_csv(HEADER, ROW, 300))
    assert response.status_code == 400
    assert "Tệp lớn quá 10 KB." in response.content.decode()
    assert saved() == before


def test_a_lying_dimension_costs_nothing(editor_client):
    rows = [HEADER, ["CT10", "Tháng 3", "7", "31/03/2022", "Số liệu thử"]]
    data = dimension_bomb(rows, title="Số liệu")
    with memory_ceiling(1024):
        response = post(editor_client, "so-lieu.xlsx", data)
    assert response.status_code == 302
    assert ReportedFigure.objects.filter(note="Số liệu thử").count() == 1
