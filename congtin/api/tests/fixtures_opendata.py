"""Budget reports, statistical series, projects, research and planning on the
fixture's two portals (``conftest.portal``), for the API's tests."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from congtin.documents.setup import ensure_document_index
from congtin.documents.tests.factories import LegalDocumentPageFactory
from congtin.opendata.models import BudgetReportFile
from congtin.opendata.setup import ensure_budget_index, ensure_statistics_index
from congtin.opendata.tests.factories import (
    BudgetReportPageFactory,
    StatisticSeriesPageFactory,
)
from congtin.programmes.models import PlanningFile, PlanningMap
from congtin.programmes.setup import ensure_indexes
from congtin.programmes.tests.factories import (
    PlanningDocumentPageFactory,
    ProjectPageFactory,
    ResearchProjectPageFactory,
)


def _document(title: str):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4 thu", name="bao-cao.pdf")
    )


def _indexes(site) -> dict:
    found = {m.listing_name: p for m, p in ensure_indexes(site).items()}
    found["budget"] = ensure_budget_index(site)
    found["statistics"] = ensure_statistics_index(site)
    return found


@pytest.fixture(name="open_data")
def open_data_fixture(portal):
    index = _indexes(portal.site)
    other = _indexes(portal.other_plan.site)
    report = BudgetReportPageFactory(
        parent=index["budget"],
        title="Công khai dự toán ngân sách năm 2026",
        year=2026,
        figures=[
            ("Tổng thu ngân sách nhà nước", "1057.091", "ty", None),
            ("Tổng chi ngân sách địa phương", "90000", "trieu", "45.5"),
        ],
    )
    BudgetReportFile.objects.create(
        report=report, document=_document("Biểu mẫu 2026"), label="Biểu số 15"
    )
    older = BudgetReportPageFactory(
        parent=index["budget"], year=2025, period="6-thang", title="Sáu tháng 2025"
    )
    series = StatisticSeriesPageFactory(
        parent=index["statistics"],
        title="Dân số trung bình",
        values=[(2023, None, "2088000"), (2022, None, "2072.5")],
    )
    economy = StatisticSeriesPageFactory(
        parent=index["statistics"], title="Tăng trưởng GRDP", field="Kinh tế", unit="%"
    )
    decision = LegalDocumentPageFactory(
        parent=ensure_document_index(portal.site),
        number="1516/QĐ-TTg",
        issue_date=date(2023, 2, 1),
    )
    project = ProjectPageFactory(
        parent=index["projects"],
        title="Cải tạo đường Lạch Tray (Minh họa)",
        packages=[
            {
                "name": "Gói thầu số 1: Thi công",
                "selection_method": "dau-thau-rong-rai",
                "value": 80_000_000_000,
                "result": "da-co-nha-thau",
                "winner": "Công ty Xây dựng Thử",
                "award_value": 78_500_000_000,
            }
        ],
        decisions=[{"legal_document": decision, "title": "Phê duyệt dự án"}],
    )
    done = ProjectPageFactory(
        parent=index["projects"],
        status="hoan-thanh",
        progress=100,
        capital_source="oda",
        start_year=2020,
    )
    research = ResearchProjectPageFactory(
        parent=index["research"],
        code="ĐT.01/23",
        budget=850_000_000,
        lead_person="TS. Nguyễn Văn Riêng",
        level="cap-co-so",
    )
    plan = PlanningDocumentPageFactory(
        parent=index["planning"],
        kind="quy-hoach",
        approval_document=decision,
        start_year=2021,
        end_year=2030,
    )
    PlanningFile.objects.create(plan=plan, file=_document("Thuyết minh"), caption="")
    PlanningMap.objects.create(
        plan=plan,
        image=get_image_model().objects.create(
            title="Bản đồ", file=get_test_image_file()
        ),
        caption="Sơ đồ không gian",
    )
    unpublished = {
        "ngan-sach": BudgetReportPageFactory(parent=index["budget"], live=False),
        "thong-ke": StatisticSeriesPageFactory(parent=index["statistics"], live=False),
        "du-an": ProjectPageFactory(parent=index["projects"], live=False),
        "de-tai": ResearchProjectPageFactory(parent=index["research"], live=False),
        "quy-hoach": PlanningDocumentPageFactory(parent=index["planning"], live=False),
    }
    elsewhere = {
        "ngan-sach": BudgetReportPageFactory(parent=other["budget"]),
        "thong-ke": StatisticSeriesPageFactory(parent=other["statistics"]),
        "du-an": ProjectPageFactory(parent=other["projects"]),
        "de-tai": ResearchProjectPageFactory(parent=other["research"]),
        "quy-hoach": PlanningDocumentPageFactory(parent=other["planning"]),
    }
    return SimpleNamespace(
        index=index,
        report=report,
        older=older,
        series=series,
        economy=economy,
        project=project,
        done=done,
        research=research,
        plan=plan,
        decision=decision,
        unpublished=unpublished,
        elsewhere=elsewhere,
    )
